/**
 * Residential compounds (住宅小区) with a shop row on the busy street, an internal loop road that is
 * the compound's fire lane, and rows of towers, slabs or villas spaced by GB 50016. The first
 * high-rise compound carries two deliberate pairs (11 m and 9 m where 13 m is required), and the
 * old compound (老旧小区) two walk-up pairs (5 m and 4 m where 6 m is required).
 */
import { addBuilding, type BlockRec, type BuildingRec, type TileCtx } from './model.ts';
import type { Rng } from './rng.ts';
import { rect } from './shapes.ts';
import { busiestSide, crossRoadS, layoutRows, loopRoad, newGroup, quietestSide, shrink, splitSide, boxOf, type Item } from './zone-kit.ts';

/** High-rise towers, mid-rise slabs or villas. */
export type CompoundKind = 'high' | 'mid' | 'villa';

/** Gaps of the deliberate pairs: [high-rise pair below 13 m but ≥ 80 %, pair below 80 %]. */
export const HIGH_RISE_GAPS = [11, 9] as const;
export const WALKUP_GAPS = [5, 4] as const;

/** A compound on the block; with `withTargets` its first row carries the 11 m and 9 m tower pairs. */
export function buildCompound(ctx: TileCtx, b: BlockRec, rng: Rng, kind: CompoundKind, withTargets: boolean): void {
  let box = boxOf(b);
  const shopSide = busiestSide(b);
  if (b.edges[shopSide].cls !== 'local' || rng.chance(0.4)) {
    const [strip, rest] = splitSide(box, shopSide, 14, 10);
    shopRow(ctx, b, rng, strip, shopSide);
    box = rest;
  }
  const name = ctx.names.compound();
  const group = newGroup(ctx, b, box, 'compound', name);
  const loopW = rng.weighted([[4, 2], [5, 3], [6, 3], [3.5, 1]] as const);
  const loopBox = shrink(box, 6);
  const gates = [quietestSide(b, shopSide)];
  if (rng.chance(0.5)) gates.push(((gates[0] as number) + 2) % 4 as 0 | 1 | 2 | 3);
  loopRoad(ctx, b, loopBox, loopW, gates.filter((g) => g !== shopSide), { kind: 'compound', name: `${name}消防车道` });
  const inner = shrink(loopBox, loopW / 2 + 6);

  const items: Item[] = [];
  const area = (inner.s1 - inner.s0) * (inner.t1 - inner.t0);
  const coverage = kind === 'high' ? 0.14 : kind === 'mid' ? 0.22 : 0.25;
  for (let k = 0; k < 80 && items.reduce((sum, it) => sum + it.w * it.d, 0) < area * coverage; k++) {
    if (kind === 'high') {
      const floors = rng.int(18, 33);
      items.push({ w: rng.float(28, 40), d: rng.float(16, 22), spec: { use: 'residential', role: 'tower', floors, storey: 2.95, grade: 1 } });
    } else if (kind === 'mid') {
      const floors = rng.int(7, 11);
      items.push({ w: rng.float(40, 65), d: rng.float(12, 15), spec: { use: 'residential', role: 'slab', floors, storey: 3, grade: 2 } });
    } else {
      items.push({ w: rng.float(14, 18), d: 12, spec: { use: 'residential', role: 'villa', floors: 3, storey: 3.2, grade: 2 } });
    }
  }
  if (withTargets && kind === 'high' && items.length >= 3) {
    (items[1] as Item).gap = HIGH_RISE_GAPS[0];
    (items[2] as Item).gap = HIGH_RISE_GAPS[1];
  }
  const pitch = kind === 'high' ? (): number => rng.float(32, 45) : kind === 'mid' ? (): number => rng.float(22, 30) : (): number => rng.float(10, 14);
  const built = layoutRows(ctx, b, inner, items, { rowGap: pitch, margin: () => rng.float(0.5, 6), group });
  group.highRise = built.some((x) => x.height > 27);
  if (withTargets && kind === 'high' && built.length >= 3) {
    const [a, c, d] = built as [BuildingRec, BuildingRec, BuildingRec];
    ctx.pairs.push({ a, b: c, gap_m: HIGH_RISE_GAPS[0], note: '高层住宅之间（要求13 m，≥80 %）' });
    ctx.pairs.push({ a: c, b: d, gap_m: HIGH_RISE_GAPS[1], note: '高层住宅之间（要求13 m，<80 %）' });
  }
}

function shopRow(ctx: TileCtx, b: BlockRec, rng: Rng, strip: { s0: number; s1: number; t0: number; t1: number }, side: number): void {
  const alongS = side === 0 || side === 2;
  const [a0, a1] = alongS ? [strip.s0, strip.s1] : [strip.t0, strip.t1];
  let a = a0 + rng.float(0, 6);
  while (a < a1 - 18) {
    const e = Math.min(a + rng.float(18, 40), a1);
    const ring = alongS ? rect(b.frame, a, strip.t0, e, strip.t1) : rect(b.frame, strip.s0, a, strip.s1, e);
    addBuilding(ctx, { ring, use: 'commercial', role: 'shop_row', block: b, floors: rng.int(2, 3), storey: 4.2, grade: 2 });
    a = e + rng.float(6.5, 12);
  }
}

/** The old compound: walk-ups in rows, narrow service roads between every two rows. */
export function buildOldCompound(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const box = boxOf(b);
  const name = `${ctx.names.compound()}（老旧小区）`;
  const group = newGroup(ctx, b, box, 'old_compound', name);
  group.highRise = false;
  let t = box.t0 + 3;
  let row = 0;
  while (t + 11.5 <= box.t1) {
    const depth = 11.5;
    const items: Item[] = [];
    for (let k = 0; k < 12; k++) {
      const floors = rng.int(5, 7);
      items.push({ w: rng.float(36, 60), d: depth, spec: { use: 'residential', role: 'walkup', floors, storey: 2.9, grade: rng.chance(0.2) ? 3 : 2 } });
    }
    if (row === 0) {
      // Deliberate pairs in the first row: all grade 2, 6 floors (18 m), gaps 5 m and 4 m.
      for (const k of [0, 1, 2]) (items[k] as Item).spec = { use: 'residential', role: 'walkup', floors: 6, storey: 2.9, grade: 2 };
      (items[1] as Item).gap = WALKUP_GAPS[0];
      (items[2] as Item).gap = WALKUP_GAPS[1];
    }
    const built = layoutRows(ctx, b, { s0: box.s0 + 3, s1: box.s1 - 3, t0: t, t1: t + depth }, items, { rowGap: () => 1e9, margin: () => rng.float(0.5, 4), group });
    if (row === 0 && built.length >= 3) {
      const [a, c, d] = built as [BuildingRec, BuildingRec, BuildingRec];
      ctx.pairs.push({ a, b: c, gap_m: WALKUP_GAPS[0], note: '多层住宅之间（要求6 m，≥80 %）' });
      ctx.pairs.push({ a: c, b: d, gap_m: WALKUP_GAPS[1], note: '多层住宅之间（要求6 m，<80 %）' });
    }
    t += depth;
    const spacing = rng.float(12, 16);
    if (row % 2 === 1 && t + spacing + 11.5 <= box.t1) {
      crossRoadS(ctx, b, t + spacing / 2, { cls: 'service', width: Math.round(rng.float(4, 5) * 10) / 10, oneway: false, lane: { kind: 'old_compound', community: b.community.name, name: `${name}内部道路` } });
    }
    t += spacing;
    row++;
  }
}
