/**
 * Factory–residence mixing (厂居混杂, 三合一, 多合一): four kinds of finding.
 *
 * - three_in_one: a premises declared three-in-one or multi-in-one, or a production/storage premises
 *   where people sleep (residents > 0) — XF 703-2007; in a factory or warehouse building GB 55037-2022
 *   §4.2.2 forbids dormitories outright. Each three-in-one premises is also checked against XF 703's
 *   "not allowed" list (grade 3 or worse, class A/B, factory or warehouse building, mall over 2,500 m²)
 *   and its "living part fully separated" thresholds (over 15 m, over 2,000 m², over 20 sleepers).
 * - mixed_building: one building holds a production/storage premises and a dwelling (a dwelling
 *   premises, or the building itself is a house, flats or of mixed use).
 * - dwelling_near_factory: a dwelling building closer to a factory or warehouse than GB 50016 §3.4.1
 *   requires (separation.ts engine, factory–dwelling pairs only); major below 75 % of it for class A/B
 *   (GB 35181-2017 §6.2, flammable and explosive) and below 80 % otherwise (§7.1.2).
 * - workshop_in_hazard_area: a production premises inside an urban-village hazard area.
 *
 * Premises are tied to buildings by building_id when it names a building, else by their anchor point
 * (the point, or a polygon's centroid) inside a footprint (flatbush, point-in-polygon).
 */
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { packPolygons, pointInFeature, roundTo, toLonLatRounded, type PackedPolygons } from './packed.ts';
import { separationPairs } from './separation.ts';
import { DEFAULT_RULES, isIndustrial, type Rules } from './rules.ts';
import { anchorXY, COLOURS, projectionFor, requireCollection, type SimpleStyle } from './common.ts';
import type { BuildingProps, HazardAreaProps, PremiseCategory, PremiseProps } from '../sources/contract/types.ts';
import type { EnumOf } from '../sources/contract/enums.ts';

export type MixingKind = 'three_in_one' | 'mixed_building' | 'dwelling_near_factory' | 'workshop_in_hazard_area';
export type MixingReason =
  | 'declared' | 'residents_in_production' | 'forbidden_grade' | 'forbidden_hazard_class' | 'forbidden_in_factory' | 'forbidden_large_mall'
  | 'separate_living_required' | 'production_and_dwelling_premises' | 'production_in_dwelling_building' | 'within_factory_separation'
  | 'workshop_in_urban_village';

export interface MixingFinding extends SimpleStyle {
  kind: MixingKind;
  reason_code: MixingReason;
  /** Plain English; the UI translates by reason_code. */
  reason: string;
  /** The premises concerned (three_in_one, workshop_in_hazard_area; the factory's first premises for dwelling_near_factory), or null. */
  premise_id: string | null;
  premise_ids: string[];
  building_ids: string[];
  hazard_area_id: string | null;
  distance_m: number | null;
  required_m: number | null;
  clause: string;
  major: boolean;
}

export interface MixingOptions {
  rules?: Rules;
  /** Hazard-area kinds that count for workshop_in_hazard_area (default ['urban_village']). */
  hazardAreaKinds?: readonly EnumOf<'hazard_area_kind'>[];
  projection?: LocalProjection;
}

const PRODUCTION: ReadonlySet<PremiseCategory> = new Set<PremiseCategory>(['factory', 'warehouse', 'household_workshop', 'small_workshop', 'rented_factory',
  'selfbuilt_workshop', 'nested_factory', 'sssp_enterprise', 'chemical_enterprise', 'mixed_use_premises']);
const COMBINED: ReadonlySet<PremiseCategory> = new Set<PremiseCategory>(['three_in_one', 'multi_in_one']);
const DWELLING: ReadonlySet<PremiseCategory> = new Set<PremiseCategory>(['residential', 'rental_housing', 'group_rental']);
const DWELLING_USES: ReadonlySet<string> = new Set(['residential', 'selfbuilt_house', 'mixed']);
const MALLS: ReadonlySet<PremiseCategory> = new Set<PremiseCategory>(['market', 'commercial_complex']);
const XF703 = 'XF 703-2007';

const has = (p: PremiseProps, set: ReadonlySet<PremiseCategory>): boolean => p.categories.some((c) => set.has(c));

type Out = Feature<Geometry, MixingFinding>;

/**
 * All mixing findings, three_in_one first, then mixed_building, dwelling_near_factory and
 * workshop_in_hazard_area, each in input order.
 * @example findMixing(premises, buildings, hazardAreas).features.filter((f) => f.properties.major)
 */
export function findMixing(
  premises: FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>,
  buildings: FeatureCollection<Polygon | MultiPolygon, BuildingProps>,
  hazardAreas: FeatureCollection<Polygon | MultiPolygon, HazardAreaProps> = { type: 'FeatureCollection', features: [] },
  options: MixingOptions = {},
): FeatureCollection<Geometry, MixingFinding> {
  requireCollection('premises', premises);
  requireCollection('buildings', buildings);
  requireCollection('hazardAreas', hazardAreas);
  const rules = options.rules ?? DEFAULT_RULES;
  const proj = options.projection ?? projectionFor(premises.features, buildings.features, hazardAreas.features);
  const B = packPolygons(buildings.features.map((f) => f.geometry), proj);
  const where = locate(premises.features, buildings.features, B, proj);
  const out: Out[] = [];

  // three_in_one, with XF 703's prohibitions and thresholds.
  const t = rules.three_in_one;
  premises.features.forEach((f, k) => {
    const p = f.properties;
    const declared = has(p, COMBINED);
    if (!declared && !(has(p, PRODUCTION) && (p.residents ?? 0) > 0)) return;
    const bi = where[k] as number;
    const b = bi >= 0 ? buildings.features[bi]?.properties : undefined;
    const add = (code: MixingReason, reason: string, clause: string, major: boolean): void => {
      out.push(finding(f.geometry, 'three_in_one', code, reason, clause, major, p.id, [p.id], b ? [b.id] : [], null, null, null));
    };
    const inFactory = b ? isIndustrial(b) : false;
    if (declared) add('declared', 'declared as a three-in-one (or multi-in-one) premises', XF703, false);
    else add('residents_in_production', `${String(p.residents)} people sleep in a production or storage premises`, inFactory ? 'GB 55037-2022 §4.2.2' : XF703, inFactory);
    const grade = Math.max(p.fire_resistance_grade ?? 0, b?.fire_resistance_grade ?? 0);
    if (grade >= t.forbidden_from_grade.value) add('forbidden_grade', `in a building of fire-resistance grade ${grade}; not allowed from grade ${t.forbidden_from_grade.value}`, t.forbidden_from_grade.clause, true);
    const cls = p.fire_hazard_class ?? b?.fire_hazard_class;
    if (cls === 'A' || cls === 'B') add('forbidden_hazard_class', `fire-hazard class ${cls}: not allowed`, XF703, true);
    if (inFactory) add('forbidden_in_factory', `inside a ${b?.use ?? 'factory'} building: not allowed`, `${XF703}; GB 55037-2022 §4.2.2`, true);
    if (has(p, MALLS) && (p.area_m2 ?? 0) > t.forbidden_mall_area_m2.value) add('forbidden_large_mall', `in a mall over ${t.forbidden_mall_area_m2.value} m²: not allowed`, t.forbidden_mall_area_m2.clause, true);
    const height = p.height_m ?? b?.height_m ?? 0;
    const why = [
      height > t.separate_living_height_m.value ? `over ${t.separate_living_height_m.value} m high` : '',
      (p.area_m2 ?? 0) > t.separate_living_area_m2.value ? `over ${t.separate_living_area_m2.value} m²` : '',
      (p.residents ?? 0) > t.separate_living_sleepers.value ? `over ${t.separate_living_sleepers.value} people sleeping` : '',
    ].filter(Boolean);
    if (why.length) add('separate_living_required', `living part must be fully separated (${why.join(', ')})`, XF703, false);
  });

  // mixed_building: production and dwelling under one roof.
  const byBuilding = new Map<number, { production: string[]; dwelling: string[] }>();
  premises.features.forEach((f, k) => {
    const bi = where[k] as number;
    if (bi < 0) return;
    const entry = byBuilding.get(bi) ?? { production: [], dwelling: [] };
    if (has(f.properties, PRODUCTION) || has(f.properties, COMBINED)) entry.production.push(f.properties.id);
    if (has(f.properties, DWELLING)) entry.dwelling.push(f.properties.id);
    byBuilding.set(bi, entry);
  });
  [...byBuilding.entries()].sort((x, y) => x[0] - y[0]).forEach(([bi, e]) => {
    const b = buildings.features[bi] as Feature<Polygon | MultiPolygon, BuildingProps>;
    if (e.production.length === 0) return;
    const dwellingUse = DWELLING_USES.has(b.properties.use);
    if (e.dwelling.length === 0 && !dwellingUse) return;
    const [reason_code, reason]: [MixingReason, string] = e.dwelling.length > 0
      ? ['production_and_dwelling_premises', `building holds ${e.production.length} production/storage and ${e.dwelling.length} dwelling premises`]
      : ['production_in_dwelling_building', `production/storage premises in a ${b.properties.use} building`];
    out.push(finding(b.geometry, 'mixed_building', reason_code, reason, XF703, false, null, [...e.production, ...e.dwelling], [b.properties.id], null, null, null));
  });

  for (const f of dwellingsNearFactories(buildings.features, B, byBuilding, rules, proj)) out.push(f);
  for (const f of workshopsInAreas(premises.features, hazardAreas.features, options.hazardAreaKinds ?? ['urban_village'], proj, where, buildings.features)) out.push(f);
  return { type: 'FeatureCollection', features: out };
}

/**
 * One finding as a single object literal with every key, style included (points read marker-color,
 * lines stroke, areas fill): spreading style objects into 100k findings is many times slower.
 */
function finding(
  geometry: Geometry, kind: MixingKind, reason_code: MixingReason, reason: string, clause: string, major: boolean, premise_id: string | null,
  premise_ids: string[], building_ids: string[], hazard_area_id: string | null, distance_m: number | null, required_m: number | null,
): Out {
  const colour = major ? COLOURS.major : COLOURS.deficient;
  return {
    type: 'Feature', geometry,
    properties: {
      kind, reason_code, reason, premise_id, premise_ids, building_ids, hazard_area_id, distance_m, required_m, clause, major,
      stroke: colour, 'stroke-width': geometry.type === 'LineString' ? (major ? 3 : 2) : 1, fill: colour, 'fill-opacity': 0.5, 'marker-color': colour,
    },
  };
}

function dwellingsNearFactories(
  buildings: readonly Feature<Polygon | MultiPolygon, BuildingProps>[], B: PackedPolygons, byBuilding: Map<number, { production: string[]; dwelling: string[] }>,
  rules: Rules, proj: LocalProjection,
): Out[] {
  const industrial = buildings.map((b) => isIndustrial(b.properties));
  // A dwelling: a house or flats, a mixed building, or any building holding a dwelling premises.
  const dwelling = buildings.map((b, i) => DWELLING_USES.has(b.properties.use) || (byBuilding.get(i)?.dwelling.length ?? 0) > 0);
  const { pairs } = separationPairs(buildings, {
    rules, packed: B, projection: proj, overlapping: false,
    filter: (i, j) => (industrial[i] === true && dwelling[j] === true) || (industrial[j] === true && dwelling[i] === true),
  });
  const out: Out[] = [];
  for (let k = 0; k < pairs.count; k++) {
    const i = pairs.i[k] as number, j = pairs.j[k] as number, gap = pairs.gap[k] as number, required = pairs.required[k] as number;
    const [f, d] = industrial[i] ? [i, j] : [j, i];
    const factory = buildings[f]?.properties as BuildingProps;
    const cls = factory.fire_hazard_class ?? rules.classification.assumed_hazard_class.value;
    const hazmat = cls === 'A' || cls === 'B';
    const fraction = hazmat ? rules.major_hazard.hazmat_fraction : rules.major_hazard.separation_fraction;
    const major = gap < fraction.value * required;
    const o = f === i ? 0 : 2, pts = pairs.points;
    const coordinates = [toLonLatRounded(proj, pts[4 * k + o] as number, pts[4 * k + o + 1] as number), toLonLatRounded(proj, pts[4 * k + 2 - o] as number, pts[4 * k + 3 - o] as number)];
    const clause = (pairs.requirements[pairs.req[k] as number]?.clause ?? '') + (major ? `; ${fraction.clause}` : '');
    const production = byBuilding.get(f)?.production ?? [];
    out.push(finding(
      { type: 'LineString', coordinates } satisfies LineString, 'dwelling_near_factory', 'within_factory_separation',
      `dwelling ${roundTo(gap)} m from a class ${cls} ${factory.use}; ${required} m required`, clause, major,
      production[0] ?? null, production, [factory.id, buildings[d]?.properties.id ?? ''], null, roundTo(gap), required,
    ));
  }
  return out;
}

function workshopsInAreas(
  premises: readonly Feature<Point | Polygon | MultiPolygon, PremiseProps>[], areas: readonly Feature<Polygon | MultiPolygon, HazardAreaProps>[],
  kinds: readonly string[], proj: LocalProjection, where: Int32Array, buildings: readonly Feature<Polygon | MultiPolygon, BuildingProps>[],
): Out[] {
  const chosen = areas.filter((a) => kinds.includes(a.properties.kind));
  if (chosen.length === 0) return [];
  const A = packPolygons(chosen.map((a) => a.geometry), proj);
  const index = new Flatbush(chosen.length);
  for (let a = 0; a < chosen.length; a++) index.add(A.bbox[4 * a] as number, A.bbox[4 * a + 1] as number, A.bbox[4 * a + 2] as number, A.bbox[4 * a + 3] as number);
  index.finish();
  const out: Out[] = [];
  premises.forEach((f, k) => {
    if (!has(f.properties, PRODUCTION) && !has(f.properties, COMBINED)) return;
    const at = anchorXY(f.geometry, proj);
    if (!at) return;
    const hit = index.search(at[0], at[1], at[0], at[1], (a) => pointInFeature(A, a, at[0], at[1]));
    if (hit.length === 0) return;
    const bi = where[k] as number;
    const area = chosen[Math.min(...hit)]?.properties as HazardAreaProps;
    out.push(finding(
      f.geometry, 'workshop_in_hazard_area', 'workshop_in_urban_village', `production premises inside the ${area.kind.replaceAll('_', ' ')} hazard area ${area.name}`,
      'regional fire hazard (区域性火灾隐患), 001 task 12', false, f.properties.id, [f.properties.id], bi >= 0 ? [buildings[bi]?.properties.id ?? ''] : [], area.id, null, null,
    ));
  });
  return out;
}

/** For each premises, the index of its building (by building_id, else by its anchor in a footprint), or -1. */
export function locate(
  premises: readonly Feature<Point | Polygon | MultiPolygon, PremiseProps>[], buildings: readonly Feature<Polygon | MultiPolygon, BuildingProps>[],
  B: PackedPolygons, proj: LocalProjection,
): Int32Array {
  const byId = new Map(buildings.map((b, i) => [b.properties.id, i]));
  const index = new Flatbush(Math.max(buildings.length, 1));
  for (let i = 0; i < buildings.length; i++) {
    const b = B.bbox;
    if (Number.isFinite(b[4 * i])) index.add(b[4 * i] as number, b[4 * i + 1] as number, b[4 * i + 2] as number, b[4 * i + 3] as number);
    else index.add(0, 0, 0, 0);
  }
  if (buildings.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return Int32Array.from(premises, (f) => {
    const named = f.properties.building_id === undefined ? undefined : byId.get(f.properties.building_id);
    if (named !== undefined) return named;
    const at = anchorXY(f.geometry, proj);
    if (!at) return -1;
    const hit = index.search(at[0], at[1], at[0], at[1], (i) => i < buildings.length && pointInFeature(B, i, at[0], at[1]));
    return hit.length ? Math.min(...hit) : -1;
  });
}
