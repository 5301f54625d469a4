/**
 * Helpers the zone builders share: rectangles against a block side, loop roads with gates, and a
 * row layout that keeps buildings apart by the GB 50016 separation (plus a margin) unless told
 * otherwise, so every deficiency in the demo is one that was put there on purpose or by a known
 * share of randomness, never by accident of packing.
 */
import { requiredSeparation, type SeparationSubject } from '../analysis/rules.ts';
import { addBuilding, type BlockRec, type BuildingRec, type GroupRec, type NewBuilding, type TileCtx } from './model.ts';
import type { LaneKind, RoadRec } from './roads.ts';
import { at, rect, scale, type V } from './shapes.ts';

export type Side = 0 | 1 | 2 | 3; // south, east, north, west (as BlockRec.edges)

/** A frame-aligned box [s0, s1] × [t0, t1] inside a block. */
export interface Box {
  s0: number;
  s1: number;
  t0: number;
  t1: number;
}

/** The buildable box of a block. */
export const boxOf = (b: BlockRec): Box => ({ s0: b.s0, s1: b.s1, t0: b.t0, t1: b.t1 });
/** A box as a ring in world coordinates. */
export const boxRing = (b: BlockRec, x: Box): V[] => rect(b.frame, x.s0, x.t0, x.s1, x.t1);
/** A box moved in by d on every side. */
export const shrink = (x: Box, d: number): Box => ({ s0: x.s0 + d, s1: x.s1 - d, t0: x.t0 + d, t1: x.t1 - d });

/** Splits a strip of `depth` off one side of a box: [strip, rest] (rest loses depth + gap). */
export function splitSide(x: Box, side: Side, depth: number, gap: number): [Box, Box] {
  switch (side) {
    case 0: return [{ ...x, t1: x.t0 + depth }, { ...x, t0: x.t0 + depth + gap }];
    case 2: return [{ ...x, t0: x.t1 - depth }, { ...x, t1: x.t1 - depth - gap }];
    case 3: return [{ ...x, s1: x.s0 + depth }, { ...x, s0: x.s0 + depth + gap }];
    default: return [{ ...x, s0: x.s1 - depth }, { ...x, s1: x.s1 - depth - gap }];
  }
}

/** Outward unit direction of a block side in world coordinates. */
export function outward(b: BlockRec, side: Side): V {
  const f = b.frame;
  return side === 0 ? scale(f.v, -1) : side === 1 ? f.u : side === 2 ? f.v : scale(f.u, -1);
}

/** The side whose road has the highest class (ties: the first). */
export function busiestSide(b: BlockRec): Side {
  const rank = { arterial: 3, collector: 2, local: 1 } as Record<string, number>;
  let best: Side = 0;
  for (const s of [0, 1, 2, 3] as Side[]) if ((rank[b.edges[s].cls] ?? 0) > (rank[b.edges[best].cls] ?? 0)) best = s;
  return best;
}

/** The side whose road has the lowest class, other than `not`. */
export function quietestSide(b: BlockRec, not: Side): Side {
  const rank = { arterial: 3, collector: 2, local: 1 } as Record<string, number>;
  let best: Side = not === 0 ? 1 : 0;
  for (const s of [0, 1, 2, 3] as Side[]) if (s !== not && (rank[b.edges[s].cls] ?? 0) < (rank[b.edges[best].cls] ?? 0)) best = s;
  return best;
}

/**
 * A closed service road around a box (the same vertex object starts and ends it), joined to the
 * block's roads by a short gate road on each side listed in `gates`.
 */
export function loopRoad(ctx: TileCtx, b: BlockRec, x: Box, width: number, gates: Side[], lane: { kind: LaneKind; name: string }): RoadRec {
  const f = b.frame;
  const c0 = at(f, x.s0, x.t0), c1 = at(f, x.s1, x.t0), c2 = at(f, x.s1, x.t1), c3 = at(f, x.s0, x.t1);
  const loop = ctx.net.add({ cls: 'service', width, oneway: false, pts: [c0, c1, c2, c3, c0], lane: { ...lane, community: b.community.name } });
  for (const side of gates) {
    const mid: V = side === 0 ? at(f, (x.s0 + x.s1) / 2, x.t0) : side === 2 ? at(f, (x.s0 + x.s1) / 2, x.t1)
      : side === 3 ? at(f, x.s0, (x.t0 + x.t1) / 2) : at(f, x.s1, (x.t0 + x.t1) / 2);
    const gate = ctx.net.attachNearest(loop, mid);
    const end = ctx.net.attachRay(b.edges[side], gate, outward(b, side));
    if (end) ctx.net.add({ cls: 'service', width, oneway: false, pts: [gate, end] });
  }
  return loop;
}

/** A road across a block along s at height t, from the west road to the east road. */
export function crossRoadS(ctx: TileCtx, b: BlockRec, t: number, road: Omit<RoadRec, 'id' | 'pts'>, ends: [boolean, boolean] = [true, true], stopAt?: number): RoadRec {
  const f = b.frame;
  const west = ends[0] ? ctx.net.attachRay(b.edges[3], at(f, b.s0, t), scale(f.u, -1)) : at(f, stopAt ?? b.s0, t);
  const east = ends[1] ? ctx.net.attachRay(b.edges[1], at(f, b.s1, t), f.u) : at(f, stopAt ?? b.s1, t);
  return ctx.net.add({ ...road, pts: [west ?? at(f, b.s0, t), east ?? at(f, b.s1, t)] });
}

/** A road across a block along t at position s, from `fromRoad` (below) to `toRoad` (above). */
export function crossRoadT(ctx: TileCtx, b: BlockRec, s: number, fromRoad: RoadRec, toRoad: RoadRec, tFrom: number, tTo: number, road: Omit<RoadRec, 'id' | 'pts'>): RoadRec {
  const f = b.frame;
  const a = ctx.net.attachRay(fromRoad, at(f, s, tFrom), scale(f.v, -1)) ?? at(f, s, tFrom);
  const c = ctx.net.attachRay(toRoad, at(f, s, tTo), f.v) ?? at(f, s, tTo);
  return ctx.net.add({ ...road, pts: [a, c] });
}

/** One building to lay out: its size in the frame and everything else about it. */
export interface Item {
  w: number;
  d: number;
  spec: Omit<NewBuilding, 'ring' | 'block' | 'group'>;
  /** Force the gap before this item (deliberate deficiencies); otherwise separation + margin. */
  gap?: number;
}

const subject = (spec: Item['spec']): SeparationSubject => ({
  use: spec.use, height_m: spec.height ?? spec.floors * (spec.storey ?? 3.2) + 0.6,
  ...(spec.grade !== undefined ? { fire_resistance_grade: spec.grade } : {}),
  ...(spec.hazardClass !== undefined ? { fire_hazard_class: spec.hazardClass } : {}),
});

/**
 * Lays items out in rows along s, from the bottom of the box up, aligned to the row's bottom edge.
 * Within a row the gap is the GB 50016 separation plus `margin()`, unless an item forces its own;
 * rows are `rowGap()` apart. Items that do not fit are dropped.
 */
export function layoutRows(ctx: TileCtx, b: BlockRec, x: Box, items: Item[], opts: { rowGap: () => number; margin: () => number; group?: GroupRec }): BuildingRec[] {
  const out: BuildingRec[] = [];
  let s = x.s0, t = x.t0, rowDepth = 0;
  let prev: Item | null = null;
  for (const item of items) {
    let gap = prev ? (item.gap ?? requiredSeparation(subject(prev.spec), subject(item.spec)).required_m + opts.margin()) : 0;
    if (s + gap + item.w > x.s1) {
      t += rowDepth + opts.rowGap();
      s = x.s0;
      rowDepth = 0;
      gap = 0;
    }
    if (t + item.d > x.t1 || item.w > x.s1 - x.s0) continue;
    const s0 = s + gap;
    out.push(addBuilding(ctx, { ...item.spec, ring: rect(b.frame, s0, t, s0 + item.w, t + item.d), block: b, ...(opts.group ? { group: opts.group } : {}) }));
    s = s0 + item.w;
    rowDepth = Math.max(rowDepth, item.d);
    prev = item;
  }
  return out;
}

/** A new group (compound, campus, parcel) over a box. */
export function newGroup(ctx: TileCtx, b: BlockRec, x: Box, kind: GroupRec['kind'], name: string): GroupRec {
  const g: GroupRec = { kind, name, ring: boxRing(b, x), block: b, buildings: [] };
  ctx.groups.push(g);
  return g;
}
