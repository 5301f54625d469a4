/**
 * Self-built houses with workshops (经营性自建房 / 厂居混杂): the Jinjiang pattern of village houses
 * along local streets and alleys, vacant plots and fields between them, and small rented factories
 * dropped among the houses. One block carries the deliberate factory–dwelling pair: a 丙-class
 * factory 6 m from a grade-3 house, where GB 50016 §3.4.1 asks for 12 m.
 */
import { addBuilding, type BlockRec, type TileCtx } from './model.ts';
import type { Rng } from './rng.ts';
import type { RoadRec } from './roads.ts';
import { at, rect, type V } from './shapes.ts';
import { crossRoadS, crossRoadT } from './zone-kit.ts';

/** Gap of the deliberate factory–dwelling pair, and where the vacant plot of each block is. */
export const FACTORY_DWELLING_GAP_M = 6;

/** What the rest of the tile needs from a self-built block. */
export interface SelfbuiltResult {
  /** Centre of the block's vacant quarter (fields and a construction site). */
  vacant: V;
}

/** Houses, workshops and small factories along local streets and alleys; `withTarget` adds the factory–dwelling pair. */
export function buildSelfbuilt(ctx: TileCtx, b: BlockRec, rng: Rng, withTarget: boolean): SelfbuiltResult {
  const f = b.frame;
  const { s0, s1, t0, t1 } = b;
  const tm = t0 + (t1 - t0) * rng.float(0.42, 0.58);
  const wMid = rng.float(7, 9);
  const mid = crossRoadS(ctx, b, tm, { cls: 'local', name: ctx.names.road('local'), width: Math.round(wMid), oneway: false });
  let ns: { road: RoadRec; s: number; w: number } | null = null;
  if (rng.chance(0.6)) {
    const s = s0 + (s1 - s0) * rng.float(0.35, 0.65);
    const w = 6;
    ns = { road: crossRoadT(ctx, b, s, b.edges[0], mid, t0, tm - wMid / 2, { cls: 'local', name: ctx.names.road('local'), width: w, oneway: false }), s, w };
  }
  const vacantQ = rng.int(0, 3); // 0 SW, 1 SE, 2 NW, 3 NE
  const sHalf = (s0 + s1) / 2;
  const vacant = at(f, vacantQ % 2 === 0 ? (s0 + sHalf) / 2 : (sHalf + s1) / 2, vacantQ < 2 ? (t0 + tm) / 2 : (tm + t1) / 2);

  const halves: [number, number, boolean][] = [[t0, tm - wMid / 2 - 4, true], [tm + wMid / 2 + 4, t1, false]];
  let targetPending = withTarget;
  for (const [h0, h1, lower] of halves) {
    let t = h0;
    let rowInPair = 0;
    while (t + 12 <= h1) {
      const depth = Math.min(rng.float(12, 15), h1 - t);
      const yard = rng.float(6, 12);
      const skip: [number, number][] = lower && ns ? [[ns.s - ns.w / 2 - 4, ns.s + ns.w / 2 + 4]] : [];
      const frontage = t === h0 || t + depth + 12 > h1;
      // A factory may reach back into the yard, but not into the alley behind a second row.
      const reach = rowInPair === 1 ? 0 : Math.max(0, Math.min(6, yard - 2, h1 - t - depth));
      row(ctx, b, rng, { t0: t, t1: t + depth, reach, skip, frontage, vacantQ, tm, sHalf, lower }, targetPending);
      targetPending = false;
      t += depth;
      if (++rowInPair === 2 && t + 3.5 + 12 <= h1) {
        // An alley behind every second row, from road to road (crossing the N–S street if any).
        const a = rng.float(3, 4);
        const tc = t + rng.float(2, 5);
        const west = ctx.net.attachRay(b.edges[3], at(f, s0, tc), [-f.u[0], -f.u[1]]) ?? at(f, s0, tc);
        const east = ctx.net.attachRay(b.edges[1], at(f, s1, tc), f.u) ?? at(f, s1, tc);
        const pts: V[] = [west];
        if (lower && ns) pts.push(ctx.net.attachNearest(ns.road, at(f, ns.s, tc)));
        pts.push(east);
        ctx.net.add({ cls: 'alley', width: Math.round(a * 10) / 10, oneway: false, pts });
        t = tc + a / 2 + rng.float(2, 4);
        rowInPair = 0;
      } else t += yard;
    }
  }
  return { vacant };
}

interface RowSpec {
  t0: number;
  t1: number;
  /** How far a factory may extend behind the row. */
  reach: number;
  skip: [number, number][];
  frontage: boolean;
  vacantQ: number;
  tm: number;
  sHalf: number;
  lower: boolean;
}

function row(ctx: TileCtx, b: BlockRec, rng: Rng, r: RowSpec, withTarget: boolean): void {
  const f = b.frame;
  let s = b.s0 + rng.float(0, 4);
  if (withTarget) {
    // The deliberate pair: factory (丙, grade 2) then a grade-3 house exactly 6 m east of it.
    const fs0 = s + 20, fs1 = fs0 + 28;
    const factory = addBuilding(ctx, {
      ring: rect(f, fs0, r.t0, fs1, r.t0 + 14), use: 'factory', role: 'factory', block: b, floors: 2, storey: 4.5, grade: 2, hazardClass: 'C',
    });
    const hs0 = fs1 + FACTORY_DWELLING_GAP_M;
    const house = addBuilding(ctx, {
      ring: rect(f, hs0, r.t0, hs0 + 11, r.t0 + 12), use: 'selfbuilt_house', role: 'house', block: b, floors: 4, storey: 3.1, grade: 3,
    });
    ctx.factoryCivil = { a: factory, b: house, gap_m: FACTORY_DWELLING_GAP_M, note: '丙类厂房（二级）与三级自建住宅' };
    s = hs0 + 11 + rng.float(3, 6);
  }
  while (s < b.s1 - 8) {
    const sq = s < r.sHalf ? 0 : 1;
    const quadrant = sq + (r.lower ? 0 : 2);
    const factory = rng.chance(0.07);
    const w = factory ? rng.float(22, 36) : rng.float(10, 14);
    const e = s + w;
    if (e > b.s1) break;
    const blocked = r.skip.find(([x0, x1]) => e > x0 && s < x1);
    if (blocked) {
      s = blocked[1];
      continue;
    }
    if (quadrant === r.vacantQ || rng.chance(0.3)) {
      s = e + rng.float(3, 8); // a vacant plot or a field
      continue;
    }
    if (factory) {
      const depth = r.t1 - r.t0 + rng.float(0, r.reach);
      addBuilding(ctx, {
        ring: rect(f, s, r.t0, e, r.t0 + depth), use: 'factory', role: 'factory', block: b, floors: rng.int(1, 4), storey: 4.5,
        grade: rng.weighted([[2, 0.7], [3, 0.3]] as const), hazardClass: rng.weighted([['C', 0.6], ['D', 0.3], ['E', 0.1]] as const),
      });
    } else {
      const floors = rng.weighted([[2, 0.1], [3, 0.3], [4, 0.35], [5, 0.2], [6, 0.05]] as const);
      const ground = r.frontage && rng.chance(0.25) ? rng.weighted([['shop', 5], ['restaurant', 2], ['workshop', 2]] as const)
        : rng.chance(0.08) ? 'workshop' : undefined;
      addBuilding(ctx, {
        ring: rect(f, s, r.t0, e, r.t1 - rng.float(0, 1.5)), use: ground ? 'mixed' : 'selfbuilt_house', role: 'house', block: b, floors, storey: 3.1,
        grade: floors >= 5 ? rng.weighted([[2, 0.6], [3, 0.4]] as const) : rng.weighted([[2, 0.3], [3, 0.5], [4, 0.2]] as const),
        ...(ground ? { ground } : {}),
      });
    }
    s = e + rng.float(2.5, 7);
  }
}
