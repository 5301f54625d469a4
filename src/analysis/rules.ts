/**
 * The one table of numeric rules the analysis checks against, each with its unit, the clause it comes
 * from, and a Chinese and English description. Figures follow /work/shared/domain/standards.md
 * (GB 50974-2014, GB 50016-2014 (2018 ed.), GB 51080-2015, GB 35181-2017, XF 703-2007). Where the
 * standards note is silent a value is marked "assumed" or "[verify]" in its description.
 *
 * A deployment overrides any value with `mergeRules({ hydrant: { protection_radius_m: { value: 120 } } })`:
 * a deep merge where only the given leaves change and unknown keys are refused (so a typo cannot
 * silently leave a default in force).
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import type { FireHazardClass } from '../sources/contract/types.ts';

/** One documented default. */
export interface Rule<T = number> {
  readonly value: T;
  readonly unit: string;
  readonly clause: string;
  readonly zh: string;
  readonly en: string;
}

/** Separation classes of civil buildings in GB 50016 §5.2.2. */
export type CivilClass = 'high_rise' | 'grade_1_2' | 'grade_3' | 'grade_4';
export type GradeClass = 'grade_1_2' | 'grade_3' | 'grade_4';
export type CivilTable = Readonly<Record<CivilClass, Readonly<Record<CivilClass, number>>>>;
/** Factory rows of GB 50016 Table 3.4.1 against civil buildings. */
export type FactoryRow = 'A_B' | 'C_grade_1_2' | 'C_grade_3_4' | 'DE_grade_1_2' | 'DE_grade_3_4';
/** One factory row: against low-rise civil buildings by their grade, and against high-rise class I / II. */
export interface FactoryCivilEntry {
  readonly low_rise: Readonly<Record<GradeClass, number>>;
  readonly high_rise_class_1: number;
  readonly high_rise_class_2: number;
}
export type FactoryCivilTable = Readonly<Record<FactoryRow, FactoryCivilEntry>>;
/** S = A + B + C: a base by the worse building, plus an addition per building by its grade. */
export interface FactoryFactoryRule {
  readonly base_m: number;
  readonly base_high_rise_m: number;
  readonly base_class_a_m: number;
  readonly grade_add_m: Readonly<Record<GradeClass, number>>;
}

/** A campaign target for one year: at least `rate` (0–1) by the end of `year`. */
export interface YearTarget { readonly year: number; readonly rate: number }

/** The whole table, grouped by subject; every leaf is a Rule with value, unit, clause and labels. */
export interface Rules {
  readonly hydrant: {
    readonly protection_radius_m: Rule; readonly spacing_m: Rule; readonly road_edge_min_m: Rule; readonly road_edge_max_m: Rule;
    readonly wall_min_m: Rule; readonly min_pressure_mpa: Rule; readonly least_favourable_pressure_mpa: Rule; readonly no_parking_m: Rule;
  };
  readonly fire_lane: {
    readonly min_width_m: Rule; readonly min_clear_height_m: Rule; readonly edge_to_wall_m: Rule; readonly max_grade_pct: Rule;
    readonly max_spacing_m: Rule; readonly turnaround_m: Rule;
  };
  readonly response: {
    readonly response_min: Rule; readonly travel_min: Rule; readonly engine_speed_kmh: Rule; readonly route_factor: Rule; readonly station_area_km2: Rule;
  };
  readonly classification: {
    readonly high_rise_residential_m: Rule; readonly high_rise_other_m: Rule; readonly high_rise_class_1_residential_m: Rule;
    readonly high_rise_class_1_other_m: Rule; readonly assumed_grade: Rule; readonly assumed_hazard_class: Rule<FireHazardClass>;
  };
  readonly separation: {
    readonly civil: Rule<CivilTable>; readonly factory_civil: Rule<FactoryCivilTable>; readonly factory_factory: Rule<FactoryFactoryRule>;
    readonly staff_housing_m: Rule; readonly reduction_protected_openings: Rule; readonly reduction_max_height_m: Rule;
  };
  readonly major_hazard: { readonly separation_fraction: Rule; readonly hazmat_fraction: Rule };
  readonly iot: { readonly key_unit_connection_targets: Rule<readonly YearTarget[]> };
  readonly three_in_one: {
    readonly forbidden_from_grade: Rule; readonly forbidden_mall_area_m2: Rule; readonly separate_living_height_m: Rule;
    readonly separate_living_area_m2: Rule; readonly separate_living_sleepers: Rule; readonly small_max_floors: Rule;
    readonly small_max_area_m2: Rule; readonly small_sleepers_below: Rule;
  };
}

const r = <T = number>(value: T, unit: string, clause: string, zh: string, en: string): Rule<T> => ({ value, unit, clause, zh, en });
const GB50974 = 'GB 50974-2014';
const GB50016 = 'GB 50016-2014 (2018)';
const grades = (g12: number, g3: number, g4: number): Record<GradeClass, number> => ({ grade_1_2: g12, grade_3: g3, grade_4: g4 });

/** The defaults. Frozen in spirit: derive variants with mergeRules, never by mutation. */
export const DEFAULT_RULES: Rules = {
  hydrant: {
    protection_radius_m: r(150, 'm', `${GB50974} §7.2.5`, '市政消火栓保护半径', 'protection radius of a municipal hydrant'),
    spacing_m: r(120, 'm', `${GB50974} §7.2.5`, '市政消火栓沿道路间距', 'spacing of municipal hydrants along a road'),
    road_edge_min_m: r(0.5, 'm', `${GB50974} §7.2.6(1)`, '消火栓距路边不宜小于', 'hydrant to road edge, at least'),
    road_edge_max_m: r(2.0, 'm', `${GB50974} §7.2.6(1)`, '消火栓距路边不宜大于', 'hydrant to road edge, at most'),
    wall_min_m: r(5.0, 'm', `${GB50974} §7.2.6(2)`, '消火栓距建筑外墙不宜小于', 'hydrant to building wall, at least'),
    min_pressure_mpa: r(0.14, 'MPa', `${GB50974} §7.2.8`, '市政给水管网平时运行压力', 'main pressure in normal operation, at least'),
    least_favourable_pressure_mpa: r(0.10, 'MPa', `${GB50974} §7.2.8`, '最不利点消火栓出流压力（火灾时）', 'least favourable hydrant pressure in a fire, at least'),
    no_parking_m: r(5, 'm', 'GB 55037-2022 §12.0.1', '消火栓两侧禁止停车范围', 'no parking on either side of a hydrant'),
  },
  fire_lane: {
    min_width_m: r(4.0, 'm', `${GB50016} §7.1.8`, '消防车道净宽度', 'clear width of a fire lane'),
    min_clear_height_m: r(4.0, 'm', `${GB50016} §7.1.8`, '消防车道净空高度', 'clear height of a fire lane'),
    edge_to_wall_m: r(5, 'm', `${GB50016} §7.1.8`, '车道边缘距建筑外墙', 'lane edge to building wall, at least'),
    max_grade_pct: r(8, '%', `${GB50016} §7.1.8`, '消防车道坡度', 'lane grade, at most (GB 55037 allows 10 %)'),
    max_spacing_m: r(160, 'm', `${GB50016} §7.1.1`, '街区内道路中心线间距', 'spacing of lane centre lines inside a block, at most'),
    turnaround_m: r(12, 'm', `${GB50016} §7.1.9`, '尽头式车道回车场边长', 'dead-end turnaround side (high-rise 15, heavy engines 18)'),
  },
  response: {
    response_min: r(5, 'min', 'GB 51080-2015 §4.1.3', '接到出动指令后到达辖区边缘', 'first crew at the edge of its district after the turnout order'),
    travel_min: r(4, 'min', 'GB 51080-2015 §4.1.3 (commentary)', '行车时间预算', 'travel budget within the response time'),
    engine_speed_kmh: r(30, 'km/h', 'assumed (GB 51080 commentary cites 30–40 km/h)', '消防车城区平均行驶速度（假定）', 'assumed urban engine speed for planning'),
    route_factor: r(1.4, '', 'GB 51080-2015 commentary (1.3–1.5)', '道路曲度系数', 'street / straight-line distance factor'),
    station_area_km2: r(7, 'km²', 'GB 51080-2015 §4.1.3; 建标152-2017', '普通消防站辖区面积', 'district area of an ordinary station, at most'),
  },
  classification: {
    high_rise_residential_m: r(27, 'm', `${GB50016} §2.1.1`, '住宅建筑高于此为高层', 'residential buildings above this height are high-rise'),
    high_rise_other_m: r(24, 'm', `${GB50016} §2.1.1`, '其他建筑高于此为高层', 'other buildings above this height are high-rise'),
    high_rise_class_1_residential_m: r(54, 'm', `${GB50016} §5.1.1`, '一类高层住宅', 'class I high-rise residential above this height'),
    high_rise_class_1_other_m: r(50, 'm', `${GB50016} §5.1.1`, '一类高层公共建筑（简化：医疗、养老建筑不论高度）', 'class I high-rise public above this height (simplified; hospitals and elderly care always class I)'),
    assumed_grade: r(2, 'grade', 'assumed', '缺耐火等级时按此假定', 'fire-resistance grade assumed when unknown'),
    assumed_hazard_class: r<FireHazardClass>('C', 'class', 'assumed', '厂房仓库缺火灾危险性时按丙类假定', 'fire-hazard class assumed for factories and warehouses when unknown'),
  },
  separation: {
    civil: r<CivilTable>({
      high_rise: { high_rise: 13, grade_1_2: 9, grade_3: 11, grade_4: 14 },
      grade_1_2: { high_rise: 9, grade_1_2: 6, grade_3: 7, grade_4: 9 },
      grade_3: { high_rise: 11, grade_1_2: 7, grade_3: 8, grade_4: 10 },
      grade_4: { high_rise: 14, grade_1_2: 9, grade_3: 10, grade_4: 12 },
    }, 'm', `${GB50016} §5.2.2`, '民用建筑之间的防火间距', 'fire separation between civil buildings'),
    factory_civil: r<FactoryCivilTable>({
      A_B: { low_rise: grades(25, 25, 25), high_rise_class_1: 50, high_rise_class_2: 50 },
      C_grade_1_2: { low_rise: grades(10, 12, 14), high_rise_class_1: 20, high_rise_class_2: 15 },
      C_grade_3_4: { low_rise: grades(12, 14, 16), high_rise_class_1: 25, high_rise_class_2: 20 },
      DE_grade_1_2: { low_rise: grades(10, 12, 14), high_rise_class_1: 15, high_rise_class_2: 13 },
      // Grade 3–4 丁戊 to high-rise is not in the standards note: 18 / 15 from Table 3.4.1 [verify].
      DE_grade_3_4: { low_rise: grades(12, 14, 16), high_rise_class_1: 18, high_rise_class_2: 15 },
    }, 'm', `${GB50016} §3.4.1`, '厂房与民用建筑之间的防火间距（仓库按厂房近似）', 'factory to civil building (warehouses treated as factories)'),
    factory_factory: r<FactoryFactoryRule>({ base_m: 10, base_high_rise_m: 13, base_class_a_m: 12, grade_add_m: grades(0, 2, 4) },
      'm', `${GB50016} §3.4.1 (rule of thumb S = A + B + C)`, '厂房之间的防火间距', 'factory to factory'),
    staff_housing_m: r(6, 'm', `${GB50016} §3.4.1 note`, '为丙丁戊类厂房服务的单独职工宿舍与厂房', 'staff housing serving a class C/D/E factory'),
    reduction_protected_openings: r(0.25, 'ratio', `${GB50016} §5.2.2 note`, '相邻外墙为不燃性墙体且无外露可燃性屋檐、门窗洞口面积≤5%且不正对时可减少', 'reduction when facing walls are non-combustible with ≤ 5 % unaligned openings'),
    reduction_max_height_m: r(100, 'm', `${GB50016} §5.2.2 note`, '建筑高度大于此值的民用建筑不得减少防火间距', 'civil buildings above this height may not use the reductions'),
  },
  major_hazard: {
    separation_fraction: r(0.8, 'ratio', 'GB 35181-2017 §7.1.2', '防火间距不足规定值的80%（综合判定要素）', 'separation below this fraction of the required value: a major-hazard element'),
    hazmat_fraction: r(0.75, 'ratio', 'GB 35181-2017 §6.2', '易燃易爆场所与人员密集、居住场所间距不足75%（直接判定要素）', 'flammable/explosive premises closer than this fraction to crowded or residential premises'),
  },
  iot: {
    key_unit_connection_targets: r<readonly YearTarget[]>([{ year: 2024, rate: 0.3 }, { year: 2025, rate: 0.5 }, { year: 2026, rate: 0.7 }],
      'ratio', '001_c594579daea1436b.txt task 17 (K61)', '消防安全重点单位接入消防物联网监测系统比例（年底）', 'key fire-safety units connected to the IoT system, by the end of each year'),
  },
  three_in_one: {
    forbidden_from_grade: r(3, 'grade', 'XF 703-2007', '耐火等级为三级及以下的建筑不得设置', 'not allowed in buildings of this grade or worse'),
    forbidden_mall_area_m2: r(2500, 'm²', 'XF 703-2007', '建筑面积大于此值的商场市场不得设置', 'not allowed in malls larger than this'),
    separate_living_height_m: r(15, 'm', 'XF 703-2007', '建筑高度大于此值时住宿部分应完全分隔', 'living part fully separated above this height'),
    separate_living_area_m2: r(2000, 'm²', 'XF 703-2007', '建筑面积大于此值时住宿部分应完全分隔', 'living part fully separated above this floor area'),
    separate_living_sleepers: r(20, 'persons', 'XF 703-2007', '住宿人数多于此值时住宿部分应完全分隔', 'living part fully separated when more people sleep there'),
    small_max_floors: r(2, 'floors', 'XF 703-2007', '小型合用场所最多层数', 'small combined premises: storeys at most'),
    small_max_area_m2: r(300, 'm²', 'XF 703-2007', '小型合用场所最大建筑面积', 'small combined premises: floor area at most'),
    small_sleepers_below: r(5, 'persons', 'XF 703-2007', '小型合用场所住宿人数少于此值', 'small combined premises: fewer people sleeping than this'),
  },
};

/** Every key optional, recursively; a Rule's value (including tables) may be overridden cell by cell. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type RulesOverride = DeepPartial<Rules>;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function deepMerge(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base)) {
    if (!isPlainObject(over)) throw new Error(`Rule override "${path}" must be an object`);
    const out: Record<string, unknown> = { ...base };
    for (const key of Object.keys(over)) {
      const sub = path ? `${path}.${key}` : key;
      if (!Object.hasOwn(base, key)) throw new Error(`Unknown rule "${sub}"`);
      out[key] = deepMerge(base[key], over[key], sub);
    }
    return out;
  }
  if (typeof over !== typeof base) throw new Error(`Rule override "${path}" must be a ${typeof base}, got ${typeof over}`);
  return over;
}

/**
 * Rules with overrides applied (deep merge onto `base`, DEFAULT_RULES by default). Only the given
 * leaves change; units, clauses and descriptions can be overridden too (say where a local value
 * comes from). Throws on unknown keys or a value of the wrong type. Inputs are not mutated.
 * @example mergeRules({ separation: { civil: { value: { grade_3: { grade_3: 9 } } } } })
 */
export function mergeRules(overrides: RulesOverride = {}, base: Rules = DEFAULT_RULES): Rules {
  return deepMerge(base, overrides, '') as Rules;
}

/** All rules as a flat list (path, value, unit, clause, labels), e.g. for a rules page or a report. */
export function listRules(rules: Rules = DEFAULT_RULES): { path: string; rule: Rule<unknown> }[] {
  const out: { path: string; rule: Rule<unknown> }[] = [];
  for (const [group, entries] of Object.entries(rules)) {
    for (const [name, rule] of Object.entries(entries as Record<string, Rule<unknown>>)) out.push({ path: `${group}.${name}`, rule });
  }
  return out;
}

/** What the separation rules need to know about a building. */
export interface SeparationSubject {
  use: EnumOf<'building_use'>;
  height_m?: number;
  fire_resistance_grade?: number;
  fire_hazard_class?: FireHazardClass;
}

/** Result of requiredSeparation: the distance, the clause, and which table it came from. */
export interface SeparationRequirement {
  required_m: number;
  clause: string;
  basis: 'civil' | 'factory_civil' | 'factory_factory';
}

const RESIDENTIAL_USES: ReadonlySet<string> = new Set(['residential', 'selfbuilt_house']);
const CLASS_1_USES: ReadonlySet<string> = new Set(['hospital', 'elderly_care']);

/** Factories and warehouses follow §3.4 / §3.5; everything else is civil (§5.2). */
export function isIndustrial(b: SeparationSubject): boolean {
  return b.use === 'factory' || b.use === 'warehouse';
}

/** High-rise by GB 50016 §2.1.1: residential above 27 m, other buildings above 24 m. */
export function isHighRise(b: SeparationSubject, rules: Rules = DEFAULT_RULES): boolean {
  const limit = RESIDENTIAL_USES.has(b.use) ? rules.classification.high_rise_residential_m.value : rules.classification.high_rise_other_m.value;
  return (b.height_m ?? 0) > limit;
}

function gradeOf(b: SeparationSubject, rules: Rules): number {
  return b.fire_resistance_grade ?? rules.classification.assumed_grade.value;
}

function gradeClass(grade: number): GradeClass {
  return grade <= 2 ? 'grade_1_2' : grade === 3 ? 'grade_3' : 'grade_4';
}

function isClass1(b: SeparationSubject, rules: Rules): boolean {
  if (CLASS_1_USES.has(b.use)) return true;
  const limit = RESIDENTIAL_USES.has(b.use) ? rules.classification.high_rise_class_1_residential_m.value : rules.classification.high_rise_class_1_other_m.value;
  return (b.height_m ?? 0) > limit;
}

function factoryRow(b: SeparationSubject, rules: Rules): FactoryRow {
  const cls = b.fire_hazard_class ?? rules.classification.assumed_hazard_class.value;
  const low = gradeOf(b, rules) <= 2;
  if (cls === 'A' || cls === 'B') return 'A_B';
  if (cls === 'C') return low ? 'C_grade_1_2' : 'C_grade_3_4';
  return low ? 'DE_grade_1_2' : 'DE_grade_3_4';
}

/**
 * The fire separation GB 50016 requires between two buildings, with the clause it comes from.
 * Civil–civil uses the §5.2.2 table (high-rise first, else by grade); factory/warehouse–civil the
 * §3.4.1 rows by hazard class and grade (against high-rise civil by class I/II); factory–factory
 * the rule of thumb S = A + B + C. Unknown grades and hazard classes take the assumed defaults.
 * The §5.2.2 reductions (fire walls, protected openings) are not applied: the map cannot see walls.
 * @example requiredSeparation({ use: 'residential', height_m: 18, fire_resistance_grade: 2 },
 *   { use: 'selfbuilt_house', height_m: 12, fire_resistance_grade: 3 }) // { required_m: 7, ... }
 */
export function requiredSeparation(a: SeparationSubject, b: SeparationSubject, rules: Rules = DEFAULT_RULES): SeparationRequirement {
  const sep = rules.separation;
  const ia = isIndustrial(a), ib = isIndustrial(b);
  if (ia && ib) {
    const t = sep.factory_factory.value;
    const cls = (x: SeparationSubject): FireHazardClass => x.fire_hazard_class ?? rules.classification.assumed_hazard_class.value;
    let base = t.base_m;
    if (cls(a) === 'A' || cls(b) === 'A') base = Math.max(base, t.base_class_a_m);
    if (isHighRise(a, rules) || isHighRise(b, rules)) base = Math.max(base, t.base_high_rise_m);
    const required = base + t.grade_add_m[gradeClass(gradeOf(a, rules))] + t.grade_add_m[gradeClass(gradeOf(b, rules))];
    return { required_m: required, clause: sep.factory_factory.clause, basis: 'factory_factory' };
  }
  if (ia || ib) {
    const factory = ia ? a : b;
    const civil = ia ? b : a;
    const row = sep.factory_civil.value[factoryRow(factory, rules)];
    const required = isHighRise(civil, rules)
      ? (isClass1(civil, rules) ? row.high_rise_class_1 : row.high_rise_class_2)
      : row.low_rise[gradeClass(gradeOf(civil, rules))];
    return { required_m: required, clause: sep.factory_civil.clause, basis: 'factory_civil' };
  }
  const civilClass = (x: SeparationSubject): CivilClass => (isHighRise(x, rules) ? 'high_rise' : gradeClass(gradeOf(x, rules)));
  return { required_m: sep.civil.value[civilClass(a)][civilClass(b)], clause: sep.civil.clause, basis: 'civil' };
}

/**
 * A key that is equal for two buildings whenever requiredSeparation treats them alike: industrial or
 * civil, resolved hazard class, grade class, high-rise, class I. Lets a caller fill a small table once
 * per pair of keys instead of calling requiredSeparation once per pair of buildings (keep in step with it).
 * @example separationKey({ use: 'selfbuilt_house', height_m: 12, fire_resistance_grade: 3 }) // 'c|C|grade_3|l|2'
 */
export function separationKey(b: SeparationSubject, rules: Rules = DEFAULT_RULES): string {
  const cls = b.fire_hazard_class ?? rules.classification.assumed_hazard_class.value;
  return `${isIndustrial(b) ? 'i' : 'c'}|${cls}|${gradeClass(gradeOf(b, rules))}|${isHighRise(b, rules) ? 'h' : 'l'}|${isClass1(b, rules) ? '1' : '2'}`;
}
