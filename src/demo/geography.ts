/**
 * The bones of a tile: a loose grid of arterial, collector and local roads (jittered intersections,
 * one arterial with a bend), the 6 × 5 street blocks between them, what each block is used for, and
 * which community (社区/村) it belongs to.
 *
 * Zone template, south row first (flipped per tile for variety; tile 0 keeps it as drawn):
 *   j=4  R R R G R R      R compound (小区)      G park           O old compound (老旧小区)
 *   j=3  O R K M H R      K school               M market + fire station + street office
 *   j=2  S V S C R I      H hospital + elderly   C commercial (mall, hotel, office)
 *   j=1  S V S I I I      V urban village (城中村) S self-built houses with workshops
 *   j=0  S S S I I I      I industrial cluster (工业聚集区)
 */
import type { BlockRec, CommunityRec, TileCtx, Zone } from './model.ts';
import type { RoadClass, RoadRec } from './roads.ts';
import { frame, insetQuad, toFrame, type V } from './shapes.ts';

const XS = [-1200, -800, -400, 0, 400, 800, 1200];
const YS = [-1050, -630, -210, 210, 630, 1050];
/** Extra eastward offset of the N–S arterial at each crossing: the bend. */
const BEND = [0, 14, 38, 52, 40, 18];
const NS_CLASS: RoadClass[] = ['collector', 'local', 'collector', 'arterial', 'local', 'collector', 'collector'];
const EW_CLASS: RoadClass[] = ['collector', 'local', 'collector', 'arterial', 'local', 'collector'];
/** Kerb-to-kerb width of the grid roads by class, metres. */
export const ROAD_WIDTH: Partial<Record<RoadClass, number>> = { arterial: 36, collector: 24, local: 14 };

const ZONE_OF: Record<string, Zone> = {
  R: 'compound', G: 'park', O: 'old_compound', K: 'school', M: 'market', H: 'hospital', C: 'commercial', S: 'selfbuilt', V: 'village', I: 'industrial',
};
const ZONES = ['SSSIII', 'SVSIII', 'SVSCRI', 'ORKMHR', 'RRRGRR'];
const COMMUNITIES = ['333444', '223444', '223555', '000111', '000111'];
/** Which template communities are villages (村) rather than urban communities (社区). */
const VILLAGE_COMMUNITIES = new Set([2, 3]);

/** Nominal size of one district (tile), metres: about 5 km². */
export const TILE_WIDTH = 2400;
export const TILE_HEIGHT = 2100;

/** The grid of one tile. */
export interface Geography {
  /** Intersections P[i][j] (i west→east, j south→north). */
  readonly grid: V[][];
  readonly nsRoads: RoadRec[];
  readonly ewRoads: RoadRec[];
  readonly flipX: boolean;
  readonly flipY: boolean;
}

function setback(zone: Zone, cls: RoadClass): number {
  const base = zone === 'village' ? 2.5 : zone === 'selfbuilt' ? 4 : 8;
  return base + (cls === 'arterial' ? 6 : 0);
}

/** Template coordinates of a real block position (the inverse of the tile's flips is the same flip). */
export function templateOf(g: Pick<Geography, 'flipX' | 'flipY'>, i: number, j: number): [number, number] {
  return [g.flipX ? 5 - i : i, g.flipY ? 4 - j : j];
}

/** Lays out the grid roads, blocks and communities of a tile centred on `origin`. */
export function buildGeography(ctx: TileCtx, origin: V, flipX: boolean, flipY: boolean): Geography {
  const rng = ctx.rng.fork('geography');
  const grid: V[][] = XS.map((x, i) =>
    YS.map((y, j) => {
      const edge = i === 0 || i === XS.length - 1 || j === 0 || j === YS.length - 1;
      const jitter = edge ? 6 : 18;
      return [origin[0] + x + (i === 3 ? (BEND[j] ?? 0) : 0) + rng.float(-jitter, jitter), origin[1] + y + rng.float(-jitter, jitter)];
    }),
  );
  const roadOf = (cls: RoadClass, pts: V[]): RoadRec =>
    ctx.net.add({ cls, name: ctx.names.road(cls === 'arterial' ? 'arterial' : cls === 'collector' ? 'collector' : 'local'), width: ROAD_WIDTH[cls] ?? 10, oneway: false, pts });
  const nsRoads = XS.map((_, i) => roadOf(NS_CLASS[i] ?? 'local', (grid[i] as V[]).slice()));
  const ewRoads = YS.map((_, j) => roadOf(EW_CLASS[j] ?? 'local', grid.map((col) => col[j] as V)));
  // One local street is one-way: common where a street runs past an urban village.
  (nsRoads[1] as RoadRec).oneway = true;

  const geo: Geography = { grid, nsRoads, ewRoads, flipX, flipY };
  const communities: CommunityRec[] = [];
  for (let c = 0; c < 6; c++) communities.push({ index: c, name: ctx.names.community(VILLAGE_COMMUNITIES.has(c)), village: VILLAGE_COMMUNITIES.has(c), blocks: [] });

  for (let j = 0; j < YS.length - 1; j++) {
    for (let i = 0; i < XS.length - 1; i++) {
      const [ti, tj] = templateOf(geo, i, j);
      const zone = ZONE_OF[ZONES[tj]?.[ti] ?? 'S'] ?? 'selfbuilt';
      const community = communities[Number(COMMUNITIES[tj]?.[ti] ?? 0)] as CommunityRec;
      const quad: V[] = [grid[i]?.[j], grid[i + 1]?.[j], grid[i + 1]?.[j + 1], grid[i]?.[j + 1]] as V[];
      const edges: [RoadRec, RoadRec, RoadRec, RoadRec] = [ewRoads[j], nsRoads[i + 1], ewRoads[j + 1], nsRoads[i]] as [RoadRec, RoadRec, RoadRec, RoadRec];
      const inner = insetQuad(quad, edges.map((r) => r.width / 2 + setback(zone, r.cls)));
      const [sw, se, ne, nw] = inner as [V, V, V, V];
      const f = frame(
        [(sw[0] + se[0] + ne[0] + nw[0]) / 4, (sw[1] + se[1] + ne[1] + nw[1]) / 4],
        [se[0] - sw[0] + ne[0] - nw[0], se[1] - sw[1] + ne[1] - nw[1]],
      );
      const [a, b, c, d] = inner.map((p) => toFrame(f, p)) as [V, V, V, V];
      // The largest frame-aligned rectangle inside the (nearly rectangular) inner quad, less 0.5 m.
      const block: BlockRec = {
        i, j, zone, community, quad, edges, frame: f,
        s0: Math.max(a[0], d[0]) + 0.5, s1: Math.min(b[0], c[0]) - 0.5,
        t0: Math.max(a[1], b[1]) + 0.5, t1: Math.min(c[1], d[1]) - 0.5,
      };
      ctx.blocks.push(block);
      community.blocks.push(block);
    }
  }
  ctx.communities.push(...communities);
  return geo;
}

/** The block at real grid position (i, j). */
export function blockAt(ctx: TileCtx, i: number, j: number): BlockRec | undefined {
  return ctx.blocks.find((b) => b.i === i && b.j === j);
}

/** The block that the template puts at (ti, tj), wherever the flips moved it. */
export function blockAtTemplate(ctx: TileCtx, geo: Geography, ti: number, tj: number): BlockRec | undefined {
  const [i, j] = templateOf(geo, ti, tj);
  return blockAt(ctx, i, j);
}

/**
 * The outline along road centre lines of the rectangle of blocks [i0, i1] × [j0, j1] (real
 * positions), counter-clockwise, following every grid intersection on the way.
 */
export function blockRangeOutline(geo: Geography, i0: number, i1: number, j0: number, j1: number): V[] {
  const P = (i: number, j: number): V => geo.grid[i]?.[j] as V;
  const ring: V[] = [];
  for (let i = i0; i <= i1; i++) ring.push(P(i, j0));
  for (let j = j0; j <= j1; j++) ring.push(P(i1 + 1, j));
  for (let i = i1 + 1; i > i0; i--) ring.push(P(i, j1 + 1));
  for (let j = j1 + 1; j > j0; j--) ring.push(P(i0, j));
  return ring;
}

/** Real index range covered by a template range after the tile's flips. */
export function realRange(geo: Geography, ti0: number, ti1: number, tj0: number, tj1: number): [number, number, number, number] {
  const [a, b] = templateOf(geo, ti0, tj0);
  const [c, d] = templateOf(geo, ti1, tj1);
  return [Math.min(a, c), Math.max(a, c), Math.min(b, d), Math.max(b, d)];
}
