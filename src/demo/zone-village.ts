/**
 * The urban village (城中村): three main lanes (村道, 4.5–6 m, the only ways in for an engine), and
 * between them rows of self-built houses back to back, 0.6–2.4 m apart ("handshake buildings"), with
 * 2–4 m alleys between the row pairs, narrow passages across the rows, and many dead ends.
 * Ground floors hold shops and workshops; most houses are fire-resistance grade 3 or 4.
 */
import { addBuilding, type BlockRec, type TileCtx } from './model.ts';
import type { Rng } from './rng.ts';
import type { RoadRec } from './roads.ts';
import { at, rect, scale, type V } from './shapes.ts';

interface Band {
  ta0: number;
  ta1: number;
  bottom: RoadRec;
  top: RoadRec;
}

/** The urban village on one block: main lanes, alleys, passages, houses. */
export function buildVillage(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const f = b.frame;
  const { s0, s1, t0, t1 } = b;
  const village = b.community.name;
  let laneNo = ctx.counters.get(`lane:${village}`) ?? 0;
  const laneName = (): string => {
    ctx.counters.set(`lane:${village}`, ++laneNo);
    return ctx.names.lane(village, laneNo);
  };
  const main = (w: number, pts: V[]): RoadRec =>
    ctx.net.add({ cls: 'local', name: laneName(), width: w, oneway: false, pts, lane: { kind: 'village_main', community: village } });

  const tA = t0 + (t1 - t0) * rng.float(0.32, 0.38);
  const tB = t0 + (t1 - t0) * rng.float(0.66, 0.72);
  const sM = (s0 + s1) / 2 + rng.float(-25, 25);
  const wA = rng.float(4.5, 6), wB = rng.float(4.5, 6), wM = rng.float(4.5, 5.5);
  const xA = at(f, sM, tA), xB = at(f, sM, tB);
  const ray = (road: RoadRec, p: V, d: V): V => ctx.net.attachRay(road, p, d) ?? p;
  const laneM = main(wM, [ray(b.edges[0], at(f, sM, t0), scale(f.v, -1)), xA, xB, ray(b.edges[2], at(f, sM, t1), f.v)]);
  const laneA = main(wA, [ray(b.edges[3], at(f, s0, tA), scale(f.u, -1)), xA, ray(b.edges[1], at(f, s1, tA), f.u)]);
  const laneB = main(wB, [ray(b.edges[3], at(f, s0, tB), scale(f.u, -1)), xB, ray(b.edges[1], at(f, s1, tB), f.u)]);

  const bands: Band[] = [
    { ta0: t0, ta1: tA - wA / 2 - 1.5, bottom: b.edges[0], top: laneA },
    { ta0: tA + wA / 2 + 1.5, ta1: tB - wB / 2 - 1.5, bottom: laneA, top: laneB },
    { ta0: tB + wB / 2 + 1.5, ta1: t1, bottom: laneB, top: b.edges[2] },
  ];
  const alleyLanes: RoadRec[] = [];
  for (const band of bands) {
    subArea(ctx, b, rng, s0, sM - wM / 2 - 1.5, band, laneM, b.edges[3], true, alleyLanes);
    subArea(ctx, b, rng, sM + wM / 2 + 1.5, s1, band, laneM, b.edges[1], false, alleyLanes);
  }
  // The widest alleys are registered as fire lanes too (most are narrower than the 4 m rule).
  alleyLanes.sort((x, y) => y.width - x.width).slice(0, 3).forEach((r) => {
    r.lane = { kind: 'village_alley', community: village };
  });
}

/** One of the six areas between the main lanes: row pairs, alleys, passages, houses. */
function subArea(ctx: TileCtx, b: BlockRec, rng: Rng, sa0: number, sa1: number, band: Band, inner: RoadRec, outer: RoadRec, innerAtMax: boolean, alleyLanes: RoadRec[]): void {
  const f = b.frame;
  type Row = { r0: number; r1: number; face: 'down' | 'up'; onLane: boolean };
  const pairs: { tb: number; tt: number; rows: Row[] }[] = [];
  const hRoads: RoadRec[] = [band.bottom];
  let t = band.ta0;
  for (;;) {
    const d1 = rng.float(9, 12), g = rng.float(0.4, 1.2), d2 = rng.float(9, 12);
    const first = pairs.length === 0;
    if (t + d1 + g + d2 <= band.ta1) {
      pairs.push({ tb: t, tt: t + d1 + g + d2, rows: [{ r0: t, r1: t + d1, face: 'down', onLane: first }, { r0: t + d1 + g, r1: t + d1 + g + d2, face: 'up', onLane: false }] });
      t += d1 + g + d2;
    } else if (band.ta1 - t >= 8) {
      const d = Math.min(band.ta1 - t, 12);
      pairs.push({ tb: t, tt: t + d, rows: [{ r0: t, r1: t + d, face: 'down', onLane: first }] });
      t += d;
      break;
    } else break;
    const a = rng.weighted([[2.2, 3], [2.8, 4], [3.5, 2], [4, 1]] as const);
    if (band.ta1 - (t + a) < 8) break;
    // An alley between this pair and the next, joined to the inner lane and/or the outer road.
    const tc = t + a / 2;
    let joinInner = rng.chance(0.85);
    const joinOuter = rng.chance(0.55);
    if (!joinInner && !joinOuter) joinInner = true;
    const innerS = innerAtMax ? sa1 : sa0, outerS = innerAtMax ? sa0 : sa1;
    const toInner = innerAtMax ? f.u : scale(f.u, -1);
    const pIn = joinInner ? ctx.net.attachRay(inner, at(f, innerS, tc), toInner) : null;
    const pOut = joinOuter ? ctx.net.attachRay(outer, at(f, outerS, tc), scale(toInner, -1)) : null;
    const alley = ctx.net.add({
      cls: 'alley', width: a, oneway: false,
      pts: [pIn ?? at(f, innerS + (innerAtMax ? -2 : 2), tc), pOut ?? at(f, outerS + (innerAtMax ? 2 : -2), tc)],
    });
    alleyLanes.push(alley);
    hRoads.push(alley);
    t += a;
  }
  hRoads.push(band.top);
  // The last row of the area faces the road or lane above it.
  const lastPair = pairs[pairs.length - 1];
  const lastRow = lastPair?.rows[lastPair.rows.length - 1];
  if (lastRow && lastPair && lastPair.rows.length === 2) lastRow.onLane = true;

  // Narrow passages across the row pairs, some of them dead ends.
  const skips: [number, number][] = [];
  for (let c = sa0 + rng.float(30, 60); c < sa1 - 20; c += rng.float(45, 80)) {
    const w = rng.float(1.6, 2.4);
    skips.push([c - w / 2 - 0.4, c + w / 2 + 0.4]);
    pairs.forEach((pair, k) => {
      const below = hRoads[k] as RoadRec;
      const above = hRoads[k + 1] as RoadRec;
      if (!rng.chance(0.6)) return;
      const p0 = ctx.net.attachRay(below, at(f, c, pair.tb), scale(f.v, -1)) ?? at(f, c, pair.tb);
      const p1 = rng.chance(0.75) ? (ctx.net.attachRay(above, at(f, c, pair.tt), f.v) ?? at(f, c, pair.tt)) : at(f, c, (pair.tb + pair.tt) / 2);
      ctx.net.add({ cls: 'alley', width: Math.round(w * 10) / 10, oneway: false, pts: [p0, p1] });
    });
  }

  for (const pair of pairs) for (const row of pair.rows) houses(ctx, b, rng, sa0, sa1, row, skips);
}

function houses(ctx: TileCtx, b: BlockRec, rng: Rng, sa0: number, sa1: number, row: { r0: number; r1: number; face: 'down' | 'up'; onLane: boolean }, skips: [number, number][]): void {
  let s = sa0 + rng.float(0, 2);
  while (s < sa1 - 6) {
    let e = Math.min(s + rng.float(8, 13), sa1);
    const skip = skips.find(([x0, x1]) => e > x0 && s < x1);
    if (skip) {
      if (skip[0] - s >= 6) e = skip[0];
      else {
        s = skip[1];
        continue;
      }
    }
    if (e - s < 6) break;
    const depth = row.r1 - row.r0 - rng.float(0, 1.5);
    const ring = row.face === 'down' ? rect(b.frame, s, row.r0, e, row.r0 + depth) : rect(b.frame, s, row.r1 - depth, e, row.r1);
    const floors = rng.weighted([[3, 0.25], [4, 0.35], [5, 0.25], [6, 0.15]] as const);
    const grade = floors >= 5 ? rng.weighted([[2, 0.5], [3, 0.5]] as const) : rng.weighted([[2, 0.2], [3, 0.5], [4, 0.3]] as const);
    const ground = row.onLane && rng.chance(0.3) ? rng.weighted([['shop', 6], ['restaurant', 2], ['ebike', 1]] as const)
      : rng.chance(0.12) ? 'workshop' : undefined;
    addBuilding(ctx, {
      ring, use: ground ? 'mixed' : 'selfbuilt_house', role: 'village_house', block: b, floors, storey: 3.1, grade,
      ...(ground ? { ground } : {}),
    });
    s = e + rng.float(0.6, 2.4);
  }
}
