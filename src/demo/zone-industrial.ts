/**
 * The industrial cluster (工业聚集区): factory parcels along an internal service road (厂区道路),
 * main buildings facing it, sheds and staff dormitories behind. Gaps between main buildings follow
 * the factory–factory rule except for a known share (about one in eight) that falls short, the
 * "防火间距不足" the campaign documents complain about. The back-lot block's service road is a dead
 * end and it gets no hydrant of its own.
 */
import { requiredSeparation } from '../analysis/rules.ts';
import { addBuilding, type BlockRec, type BuildingRec, type GroupRec, type TileCtx } from './model.ts';
import { cnNumber, INDUSTRIES } from './names.ts';
import type { Rng } from './rng.ts';
import type { FireHazardClass } from '../sources/contract/types.ts';
import { rect } from './shapes.ts';
import { crossRoadS, crossRoadT, newGroup } from './zone-kit.ts';

/** Factory parcels along a service road; on the back lot the road is a dead end. */
export function buildIndustrial(ctx: TileCtx, b: BlockRec, rng: Rng, backLot: boolean): void {
  const { s0, s1, t0, t1 } = b;
  const tm = t0 + (t1 - t0) * rng.float(0.4, 0.6);
  const w = rng.float(7, 9);
  const park = b.community.name.replace(/(社区|村)$/, '');
  const n = (ctx.counters.get('industrial-road') ?? 0) + 1;
  ctx.counters.set('industrial-road', n);
  const lane = { kind: 'industrial' as const, community: b.community.name };
  const service = crossRoadS(ctx, b, tm, { cls: 'service', name: `${park}工业区${cnNumber(n)}路`, width: Math.round(w), oneway: false, lane },
    backLot ? [true, false] : [true, true], s0 + (s1 - s0) * 0.55);
  let spur: [number, number] | null = null;
  if (!backLot && rng.chance(0.5)) {
    const s = s0 + (s1 - s0) * rng.float(0.3, 0.7);
    crossRoadT(ctx, b, s, b.edges[0], service, t0, tm - w / 2, { cls: 'service', width: 7, oneway: false, lane });
    spur = [s - 3.5 - 6, s + 3.5 + 6];
  }
  const halves: [number, number, boolean][] = [[t0, tm - w / 2 - 6, true], [tm + w / 2 + 6, t1, false]];
  for (const [h0, h1, lower] of halves) {
    // The spur road splits the lower half into two runs of parcels.
    const runs: [number, number][] = lower && spur ? [[s0, spur[0]], [spur[1], s1]] : [[s0, s1]];
    for (const [r0, r1] of runs) {
      let ps = r0;
      while (ps < r1 - 60) {
        const pe = Math.min(ps + rng.float(90, 160), r1);
        if (r1 - pe < 60) {
          parcel(ctx, b, rng, ps, r1, h0, h1, lower);
          break;
        }
        parcel(ctx, b, rng, ps, pe, h0, h1, lower);
        ps = pe + rng.float(4, 8);
      }
    }
  }
}

function factorySpec(rng: Rng): { use: 'factory' | 'warehouse'; hazardClass: FireHazardClass; grade: number; floors: number } {
  const warehouse = rng.chance(0.25);
  const hazardClass = warehouse
    ? rng.weighted([['C', 0.6], ['D', 0.3], ['B', 0.1]] as const)
    : rng.weighted([['C', 0.45], ['D', 0.25], ['E', 0.1], ['B', 0.15], ['A', 0.05]] as const);
  const grade = hazardClass === 'A' || hazardClass === 'B' ? rng.weighted([[1, 0.5], [2, 0.5]] as const) : rng.weighted([[1, 0.1], [2, 0.7], [3, 0.2]] as const);
  return { use: warehouse ? 'warehouse' : 'factory', hazardClass, grade, floors: warehouse ? rng.int(1, 2) : rng.weighted([[1, 0.3], [2, 0.2], [3, 0.25], [4, 0.15], [5, 0.1]] as const) };
}

function parcel(ctx: TileCtx, b: BlockRec, rng: Rng, ps0: number, ps1: number, h0: number, h1: number, lower: boolean): void {
  const [industry] = rng.pick(INDUSTRIES);
  const group: GroupRec = newGroup(ctx, b, { s0: ps0, s1: ps1, t0: h0, t1: h1 }, 'parcel', ctx.names.company(industry));
  const f = b.frame;
  const half = h1 - h0;
  // Main buildings along the service-road side of the parcel.
  const mains: BuildingRec[] = [];
  let s = ps0 + 6;
  let prev: BuildingRec | null = null;
  let mainDepth = 0;
  for (;;) {
    const spec = factorySpec(rng);
    const width = rng.float(30, 60);
    const depth = Math.min(rng.float(22, 45), half - 24);
    let gap = 0;
    if (prev) {
      const req = requiredSeparation(
        { use: prev.use, height_m: prev.height, fire_resistance_grade: prev.grade ?? 2, ...(prev.hazardClass ? { fire_hazard_class: prev.hazardClass } : {}) },
        { use: spec.use, height_m: spec.floors * 5.5 + 0.6, fire_resistance_grade: spec.grade, fire_hazard_class: spec.hazardClass },
      ).required_m;
      gap = rng.chance(0.12) ? req * rng.float(0.5, 0.9) : req + rng.float(0.5, 8);
    }
    const a = s + gap;
    const e = Math.min(a + width, ps1 - 6);
    if (e - a < 24 || depth < 15) break;
    const tA = lower ? h1 - 6 - depth : h0 + 6;
    prev = addBuilding(ctx, { ring: rect(f, a, tA, e, tA + depth), role: spec.use, block: b, storey: 5.5, group, ...spec });
    mains.push(prev);
    mainDepth = Math.max(mainDepth, depth);
    s = e;
  }
  // Behind them: colour-steel sheds (grade 3–4) and sometimes a staff dormitory.
  const backDepth = half - mainDepth - 6 - 12;
  if (backDepth < 12 || mains.length === 0) return;
  const main = mains[0] as BuildingRec;
  let x = ps0 + 6;
  const dorm = rng.chance(0.35);
  const tooClose = rng.chance(0.3);
  for (let k = 0; x < ps1 - 20 && k < 3; k++) {
    const isDorm = dorm && k === 0;
    const width = isDorm ? rng.float(30, 45) : rng.float(10, 22);
    const depth = isDorm ? Math.min(13, backDepth) : Math.min(rng.float(8, 16), backDepth);
    const back = isDorm
      ? requiredSeparation({ use: main.use, height_m: main.height, fire_resistance_grade: main.grade ?? 2, ...(main.hazardClass ? { fire_hazard_class: main.hazardClass } : {}) },
        { use: 'residential', height_m: 15.6, fire_resistance_grade: 2 }).required_m * (tooClose ? rng.float(0.4, 0.8) : 1) + (tooClose ? 0 : rng.float(1, 5))
      : rng.float(3, 12);
    const tA = lower ? h1 - 6 - mainDepth - back - depth : h0 + 6 + mainDepth + back;
    if (lower ? tA < h0 + 2 : tA + depth > h1 - 2) break;
    const e = Math.min(x + width, ps1 - 4);
    addBuilding(ctx, isDorm
      ? { ring: rect(f, x, tA, e, tA + depth), use: 'residential', role: 'dorm', block: b, floors: 5, storey: 3, grade: 2, group }
      : { ring: rect(f, x, tA, e, tA + depth), use: 'warehouse', role: 'shed', block: b, floors: 1, height: 5.5, grade: rng.weighted([[3, 0.6], [4, 0.4]] as const),
        hazardClass: rng.weighted([['C', 0.7], ['D', 0.3]] as const), group });
    x = e + rng.float(4, 12);
  }
}
