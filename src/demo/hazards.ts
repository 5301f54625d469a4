/**
 * Hazard records (隐患) on premises over the 2024–2026 campaign, relative to the as-of date: found,
 * given a deadline by severity (general: days; larger: weeks; major: months), then mostly closed
 * (销号) with a closing date, the rest rectifying or still open, some past their deadline (overdue
 * is derived: not closed and deadline < as-of). Larger and major hazards carry enforcement actions.
 *
 * Deliberate records: the factory of the factory–dwelling pair has an overdue separation hazard,
 * and the first three-in-one target an overdue major hazard under district supervision.
 */
import type { EnforcementAction, Hazard, PremiseCategory, Severity } from '../sources/contract/types.ts';
import type { EnumOf } from '../sources/contract/enums.ts';
import { CAMPAIGN_START, dayOf, isoDay } from './dates.ts';
import type { PremiseRec } from './premises.ts';
import type { Rng } from './rng.ts';

type HazardType = EnumOf<'hazard_type'>;

const TYPES_BY_CATEGORY: Partial<Record<PremiseCategory, readonly (readonly [HazardType, number])[]>> = {
  three_in_one: [['people_living_on_site', 4], ['fire_separation', 3], ['evacuation', 2], ['electrical', 2], ['ebike', 1]],
  multi_in_one: [['people_living_on_site', 3], ['fire_separation', 2], ['management', 1]],
  selfbuilt_workshop: [['electrical', 3], ['combustible_materials', 2], ['evacuation', 1], ['people_living_on_site', 1]],
  household_workshop: [['electrical', 2], ['ignition_source', 2], ['illegal_structure', 1]],
  small_workshop: [['electrical', 2], ['unlicensed', 2], ['combustible_materials', 1]],
  factory: [['electrical', 3], ['fire_equipment', 3], ['combustible_materials', 2], ['management', 2], ['separation_distance', 1], ['hazmat_storage', 1]],
  warehouse: [['fire_equipment', 2], ['combustible_materials', 2], ['evacuation', 1], ['management', 1]],
  chemical_enterprise: [['hazmat_storage', 3], ['ignition_source', 2], ['initial_response', 1]],
  shop: [['ebike', 2], ['electrical', 2], ['evacuation', 1]],
  restaurant: [['gas', 3], ['electrical', 1]],
  residential: [['fire_lane_blocked', 3], ['ebike', 3], ['fire_equipment', 2]],
  high_rise: [['fire_equipment', 3], ['combustible_materials', 1], ['evacuation', 1]],
  rental_housing: [['ebike', 2], ['electrical', 2], ['evacuation', 1]],
  group_rental: [['people_living_on_site', 2], ['fire_separation', 2], ['evacuation', 2]],
};
const RATE: Partial<Record<PremiseCategory, number>> = {
  three_in_one: 2.5, multi_in_one: 2.2, selfbuilt_workshop: 2, household_workshop: 1.6, small_workshop: 1.8, factory: 1.8, warehouse: 1.4,
  residential: 1.5, high_rise: 1.2, shop: 0.8, restaurant: 0.9, rental_housing: 1, group_rental: 2, chemical_enterprise: 2,
};
const DESCRIPTIONS: Record<HazardType, string> = {
  ignition_source: '违规动火作业未审批', electrical: '电气线路私拉乱接，未穿管保护', combustible_materials: '使用易燃可燃彩钢板搭建',
  evacuation: '安全出口锁闭，疏散通道堆放杂物', fire_separation: '生产区与住宿区未进行防火分隔', fire_equipment: '室内消火栓无水，灭火器过期',
  ebike: '电动自行车在楼梯间停放充电', hazmat_storage: '超量存放易燃易爆危险品', management: '未落实消防安全责任制，未开展消防培训',
  initial_response: '未建立微型消防站', people_living_on_site: '生产经营场所内违规住人', factory_residence_mix: '厂房与居民住宅混杂',
  separation_distance: '与相邻建筑防火间距不足', fire_lane_blocked: '消防车通道被占用堵塞', illegal_structure: '违章搭建占用防火间距',
  unlicensed: '无证无照经营', gas: '燃气管道未设置泄漏报警装置', other: '其他消防安全问题',
};
const DEADLINE: Record<Severity, [number, number]> = { general: [3, 15], larger: [15, 60], major: [30, 120] };

/** Gives every premise its hazards (in place). `special` premises get the deliberate records. */
export function assignHazards(premises: PremiseRec[], asOf: string, rng: Rng, special: { factory?: PremiseRec; threeInOne?: PremiseRec; agency: string }): void {
  const asOfDay = dayOf(asOf);
  const start = Math.min(dayOf(CAMPAIGN_START), asOfDay - 180);
  for (const p of premises) {
    const rate = Math.max(...p.categories.map((c) => RATE[c] ?? 0.5));
    const n = Math.min(6, rng.poisson(rate));
    const types = p.categories.map((c) => TYPES_BY_CATEGORY[c]).find((t) => t !== undefined) ?? [['management', 1], ['fire_equipment', 1], ['evacuation', 1]];
    for (let k = 0; k < n; k++) {
      const found = rng.int(start, asOfDay - 1);
      const severity = rng.weighted<Severity>([['general', 70], ['larger', 25], ['major', p.categories.includes('three_in_one') || p.categories.includes('chemical_enterprise') ? 10 : 4]]);
      p.hazards.push(lifecycle(rng, `${p.id}-H${k + 1}`, rng.weighted(types), severity, found, asOfDay, special.agency));
    }
    if (p === special.factory) {
      const found = asOfDay - 260;
      p.hazards.push(fixed(`${p.id}-H${p.hazards.length + 1}`, 'separation_distance', 'larger', found, found + 90, 'rectifying', '厂房与相邻自建住宅防火间距仅约6米（规范要求12米），厂居混杂',
        [{ type: 'rectify_order', date: isoDay(found + 1), agency: special.agency, case_ref: caseRef(rng, found) }]));
    }
    if (p === special.threeInOne) {
      const found = asOfDay - 150;
      p.hazards.push(fixed(`${p.id}-H${p.hazards.length + 1}`, 'people_living_on_site', 'major', found, found + 60, 'rectifying', '三级耐火等级自建房内生产、住宿合用，未设置独立疏散楼梯',
        [{ type: 'rectify_order', date: isoDay(found + 1), agency: special.agency, case_ref: caseRef(rng, found) },
          { type: 'suspend', date: isoDay(found + 3), agency: special.agency },
          { type: 'fine', date: isoDay(found + 70), agency: special.agency, amount_cny: 20000, case_ref: caseRef(rng, found + 70, true) }]));
      p.supervision = 'district';
    }
    const openMajor = p.hazards.some((h) => h.severity === 'major' && h.status !== 'closed');
    if (openMajor && !p.supervision) p.supervision = rng.chance(0.5) ? 'district' : 'street';
  }
}

/** Document number: 消限字 for an order to rectify, 消行罚决字 for a penalty decision. */
function caseRef(rng: Rng, day: number, penalty = false): string {
  return `${penalty ? '消行罚决字' : '消限字'}〔${isoDay(day).slice(0, 4)}〕${String(rng.int(1, 999)).padStart(4, '0')}号`;
}

function fixed(id: string, type: HazardType, severity: Severity, found: number, deadline: number, status: Hazard['status'], description: string, enforcement: EnforcementAction[]): Hazard {
  return { id, type, severity, status, found_at: isoDay(found), deadline: isoDay(deadline), description, enforcement };
}

function lifecycle(rng: Rng, id: string, type: HazardType, severity: Severity, found: number, asOfDay: number, agency: string): Hazard {
  const [d0, d1] = DEADLINE[severity] ?? [3, 15];
  const deadline = found + rng.int(d0, d1);
  const age = asOfDay - found;
  const pClose = severity === 'general' ? (age > 60 ? 0.95 : age > 20 ? 0.7 : 0.3)
    : severity === 'larger' ? (age > 120 ? 0.88 : age > 45 ? 0.5 : 0.15) : (age > 200 ? 0.75 : age > 90 ? 0.4 : 0.1);
  const closed = rng.chance(pClose);
  const h: Hazard = { id, type, severity, status: closed ? 'closed' : rng.chance(0.75) ? 'rectifying' : 'open', found_at: isoDay(found), deadline: isoDay(deadline) };
  if (closed) h.closed_at = isoDay(Math.min(asOfDay - 1, found + rng.int(1, Math.max(2, Math.round((deadline - found) * 1.4)))));
  h.description = DESCRIPTIONS[type];
  const overdue = !closed && deadline < asOfDay;
  if (severity !== 'general' || (overdue && rng.chance(0.3))) {
    const actions: EnforcementAction[] = [{ type: 'rectify_order', date: isoDay(Math.min(found + 1, asOfDay - 1)), agency, case_ref: caseRef(rng, found) }];
    const later = (k: number): string => isoDay(Math.min(asOfDay - 1, found + k));
    if (severity === 'major') {
      if (rng.chance(0.6)) actions.push({ type: 'suspend', date: later(rng.int(2, 10)), agency });
      if (rng.chance(0.15)) actions.push({ type: 'seal', date: later(rng.int(2, 15)), agency });
      if (rng.chance(0.1)) actions.push({ type: 'power_cut', date: later(rng.int(3, 20)), agency: '供电所' });
      if (rng.chance(0.03)) actions.push({ type: 'detention', date: later(rng.int(10, 40)), agency: '公安派出所' });
      if (overdue && rng.chance(0.3)) actions.push({ type: 'exposure', date: later(rng.int(30, 90)), agency });
    }
    if (rng.chance(severity === 'general' ? 0.1 : 0.25)) {
      const date = found + rng.int(10, 60);
      actions.push({ type: 'fine', date: isoDay(Math.min(asOfDay - 1, date)), agency, amount_cny: rng.int(5, 50) * 1000, case_ref: caseRef(rng, date, true) });
    }
    h.enforcement = actions;
  }
  return h;
}
