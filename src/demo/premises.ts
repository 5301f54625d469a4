/**
 * Premises (场所) derived from the buildings and their groups: what each building's role and ground
 * floor make of it (workshop, shop, three-in-one, factory, school …), its key-unit status, people,
 * principal and phone. Geometry is the building centroid (Point) or, for factories, civic buildings
 * and compounds, the footprint or compound outline (Polygon).
 *
 * Three-in-one premises are constructed, not hoped for: the first village houses with a ground-floor
 * workshop in a grade-3/4 building become three-in-one premises with people sleeping there.
 */
import type { Hazard, PremiseCategory, SupervisionLevel } from '../sources/contract/types.ts';
import { dayOf, isoDay } from './dates.ts';
import { nextId, type BlockRec, type BuildingRec, type GroupRec, type TileCtx } from './model.ts';
import { INDUSTRIES } from './names.ts';
import type { Rng } from './rng.ts';
import type { V } from './shapes.ts';

/** A premise in local metres, before export. */
export interface PremiseRec {
  id: string;
  name: string;
  categories: PremiseCategory[];
  /** Representative point (centroid), local metres. */
  point: V;
  /** Polygon outline when the premise is exported as a polygon. */
  ring?: V[];
  block: BlockRec;
  building?: BuildingRec;
  group?: GroupRec;
  keyUnit: boolean;
  highRisk: boolean;
  iot: boolean;
  employees?: number;
  residents?: number;
  principal: string;
  phone: string;
  lastInspected: string;
  address?: string;
  gridId?: string;
  supervision?: SupervisionLevel;
  hazards: Hazard[];
}

const KEY: ReadonlySet<PremiseCategory> = new Set<PremiseCategory>([
  'high_rise', 'commercial_complex', 'school', 'kindergarten', 'hospital', 'elderly_care', 'market', 'hotel', 'entertainment',
  'energy_storage', 'underground_space', 'chemical_enterprise', 'crowded_place',
]);
const HIGH_RISK: ReadonlySet<PremiseCategory> = new Set<PremiseCategory>(['commercial_complex', 'entertainment', 'chemical_enterprise']);
/** Number of three-in-one premises constructed on purpose per tile. */
export const THREE_IN_ONE_TARGETS = 6;

/** Premises of a tile from its buildings and groups; `vacant` gets the construction site. */
export function buildPremises(ctx: TileCtx, asOf: string, vacant: V | null): PremiseRec[] {
  const rng = ctx.rng.fork('premises');
  const out: PremiseRec[] = [];
  const asOfDay = dayOf(asOf);
  let forcedThreeInOne = 0;
  const add = (p: Omit<PremiseRec, 'id' | 'keyUnit' | 'highRisk' | 'iot' | 'principal' | 'phone' | 'lastInspected' | 'hazards'> & { keyUnit?: boolean }): PremiseRec => {
    const keyUnit = p.keyUnit ?? p.categories.some((c) => KEY.has(c));
    const highRisk = p.categories.some((c) => HIGH_RISK.has(c));
    const iot = keyUnit ? rng.chance(0.58)
      : p.categories.some((c) => c === 'three_in_one' || c === 'rental_housing' || c === 'group_rental' || c === 'multi_in_one') ? rng.chance(0.3)
        : rng.chance(0.05);
    const rec: PremiseRec = {
      ...p, id: nextId(ctx, 'P'), keyUnit, highRisk, iot, principal: ctx.names.person(), phone: ctx.names.phone(),
      lastInspected: isoDay(asOfDay - rng.int(3, 400)), hazards: [],
    };
    out.push(rec);
    return rec;
  };
  const onBuilding = (b: BuildingRec, name: string, categories: PremiseCategory[], extra: Partial<PremiseRec> = {}, polygon = false): PremiseRec =>
    add({ name, categories, point: b.centroid, block: b.block, building: b, ...(polygon ? { ring: b.ring } : {}), ...(b.group ? { group: b.group } : {}), ...extra });

  const seenGroups = new Set<GroupRec>();
  const partOfGroup = new Map<GroupRec, number>();
  for (const b of ctx.buildings) {
    const g = b.group;
    if (g && (g.kind === 'compound' || g.kind === 'old_compound') && !seenGroups.has(g)) {
      seenGroups.add(g);
      add({ name: g.name, categories: ['residential'], point: ringCentre(g.ring), ring: g.ring, block: g.block, group: g, keyUnit: g.highRise === true, residents: rng.int(300, 3000) });
    }
    switch (b.role) {
      case 'village_house':
      case 'house': {
        const forced = b.role === 'village_house' && b.ground === 'workshop' && (b.grade ?? 2) >= 3 && forcedThreeInOne < THREE_IN_ONE_TARGETS;
        if (forced) forcedThreeInOne++;
        house(b, rng, forced, ctx, onBuilding);
        break;
      }
      case 'shop_row': {
        const cats = rng.weighted<PremiseCategory[]>([[['shop'], 5], [['restaurant'], 3], [['hotel'], 0.5], [['entertainment'], 0.5], [['ebike_charging'], 0.5], [['office'], 0.5]]);
        onBuilding(b, shopName(ctx, rng, cats[0] ?? 'shop'), cats, { employees: rng.int(2, 25) });
        break;
      }
      case 'factory':
      case 'warehouse': {
        const n = (partOfGroup.get(g as GroupRec) ?? 0) + 1;
        if (g) partOfGroup.set(g, n);
        const target = ctx.factoryCivil?.a === b;
        const own = !g || n === 1;
        const cats: PremiseCategory[] = b.role === 'warehouse'
          ? (rng.chance(0.3) ? ['warehouse', 'rented_factory'] : ['warehouse'])
          : target ? ['factory', 'rented_factory']
            : !g ? rng.weighted<PremiseCategory[]>([[['rented_factory', 'factory'], 6], [['factory'], 3], [['small_workshop', 'sssp_enterprise'], 1]])
              : own ? ['factory'] : rng.weighted<PremiseCategory[]>([[['factory', 'rented_factory'], 3], [['nested_factory', 'factory'], 1]]);
        if (b.hazardClass === 'A' || (b.hazardClass === 'B' && rng.chance(0.5))) cats.push('chemical_enterprise');
        const name = own && g ? g.name : n > 1 && rng.chance(0.5) && g ? `${g.name}${n}号厂房` : ctx.names.company(rng.pick(INDUSTRIES)[0], rng.pick(['有限公司', '厂'] as const));
        const floorArea = b.footprint * b.floors;
        onBuilding(b, name, cats, { employees: Math.round(floorArea / rng.float(25, 60)), keyUnit: floorArea >= 5000 || cats.some((c) => KEY.has(c)) }, true);
        break;
      }
      case 'tower':
      case 'slab':
        if (b.height > 27 && g) onBuilding(b, `${g.name}${g.buildings.indexOf(b) + 1}号楼`, ['high_rise', 'residential'], { residents: Math.round(b.floors * rng.int(4, 8) * 3) });
        break;
      case 'teaching':
        if (g && g.buildings[0] === b) onBuilding(b, g.name, ['school'], { employees: rng.int(60, 120) }, true);
        break;
      case 'kindergarten': onBuilding(b, b.name ?? '幼儿园', ['kindergarten'], { employees: rng.int(15, 40) }, true); break;
      case 'hospital_main': onBuilding(b, g?.name ?? '医院', ['hospital', 'high_rise'], { employees: rng.int(300, 600), residents: rng.int(150, 400) }, true); break;
      case 'elderly':
        if (g && g.buildings[0] === b) onBuilding(b, g.name, ['elderly_care'], { employees: rng.int(20, 50), residents: rng.int(60, 180) }, true);
        break;
      case 'market_hall': onBuilding(b, b.name ?? '市场', ['market', 'crowded_place'], { employees: rng.int(80, 300) }, true); break;
      case 'mall':
        onBuilding(b, b.name ?? '商场', ['commercial_complex', 'crowded_place', 'high_rise'], { employees: rng.int(400, 900) }, true);
        onBuilding(b, `${b.name ?? '商场'}地下车库`, ['underground_space'], { employees: rng.int(5, 20) });
        break;
      case 'hotel': onBuilding(b, b.name ?? '酒店', b.height > 24 ? ['hotel', 'high_rise'] : ['hotel'], { employees: rng.int(40, 120), residents: rng.int(80, 300) }, true); break;
      case 'office': onBuilding(b, b.name ?? '办公楼', b.height > 24 ? ['office', 'high_rise'] : ['office'], { employees: rng.int(100, 800) }, true); break;
      case 'ktv': onBuilding(b, b.name ?? 'KTV', ['entertainment', 'crowded_place'], { employees: rng.int(20, 60) }, true); break;
      case 'storage_station': onBuilding(b, b.name ?? '储能电站', ['energy_storage'], { employees: 0 }, true); break;
      case 'street_office': onBuilding(b, b.name ?? '办事处', ['office'], { employees: rng.int(80, 150) }, true); break;
      default: break;
    }
  }
  if (vacant) {
    const block = ctx.buildings.find((b) => b.block.zone === 'selfbuilt')?.block ?? ctx.blocks[0];
    if (block) add({ name: `${ctx.names.shop('置业')}安置房建设项目`, categories: ['construction_site'], point: vacant, block, employees: rng.int(40, 150) });
  }
  return out;
}

type OnBuilding = (b: BuildingRec, name: string, categories: PremiseCategory[], extra?: Partial<PremiseRec>, polygon?: boolean) => PremiseRec;

/** A house: its ground-floor use decides the premise, and where people sleep upstairs. */
function house(b: BuildingRec, rng: Rng, forcedThreeInOne: boolean, ctx: TileCtx, on: OnBuilding): void {
  if (b.ground === 'workshop' || forcedThreeInOne) {
    const cats = forcedThreeInOne ? (['three_in_one', 'selfbuilt_workshop'] as PremiseCategory[])
      : rng.weighted<PremiseCategory[]>([[['three_in_one', 'selfbuilt_workshop'], 4], [['selfbuilt_workshop'], 3], [['household_workshop'], 3], [['small_workshop', 'sssp_enterprise'], 1], [['multi_in_one', 'selfbuilt_workshop'], 1]]);
    const [industry] = rng.pick(INDUSTRIES);
    const mixed = cats.includes('three_in_one') || cats.includes('multi_in_one');
    // Household workshops house the family; some plain workshops hide sleepers (undeclared three-in-one).
    const residents = forcedThreeInOne ? rng.int(3, 12) : mixed ? (rng.chance(0.1) ? rng.int(21, 30) : rng.int(2, 14))
      : cats.includes('household_workshop') ? rng.int(2, 6) : rng.chance(0.3) ? rng.int(1, 4) : 0;
    on(b, ctx.names.company(industry, rng.pick(['加工厂', '厂'] as const)), cats, { employees: rng.int(3, 30), residents });
    return;
  }
  if (b.ground === 'shop') {
    const cats: PremiseCategory[] = rng.chance(0.2) ? ['shop', 'three_in_one'] : ['shop'];
    on(b, shopName(ctx, rng, 'shop'), cats, { employees: rng.int(1, 6), residents: cats.includes('three_in_one') ? rng.int(1, 6) : 0 });
    return;
  }
  if (b.ground === 'restaurant') return void on(b, shopName(ctx, rng, 'restaurant'), ['restaurant'], { employees: rng.int(2, 12) });
  if (b.ground === 'ebike') return void on(b, shopName(ctx, rng, 'ebike_charging'), ['ebike_charging'], { employees: rng.int(1, 3) });
  // Upstairs uses of plain houses: rooms to let, group rentals, serviced flats, small hostels.
  const x = rng.next();
  if (x < 0.06) on(b, `${ctx.names.person()}出租屋`, ['rental_housing'], { residents: rng.int(6, 25) });
  else if (x < 0.075) on(b, `${ctx.names.person()}群租房`, ['group_rental'], { residents: rng.int(15, 40) });
  else if (x < 0.1) {
    if (b.floors >= 5) on(b, `${ctx.names.shop('公寓')}`, ['selfbuilt_commercial', 'rental_housing'], { residents: rng.int(20, 60) });
  } else if (x < 0.105) on(b, shopName(ctx, rng, 'hotel'), ['hotel'], { employees: rng.int(1, 4), residents: rng.int(5, 30) });
}

const SHOP_SUFFIX: Partial<Record<PremiseCategory, readonly string[]>> = {
  shop: ['便利店', '五金店', '超市', '服装店', '日杂店', '烟酒行', '手机店'],
  restaurant: ['小吃店', '饭店', '面馆', '牛肉店', '海鲜楼'],
  hotel: ['旅馆', '宾馆', '民宿'],
  entertainment: ['网吧', 'KTV', '棋牌室'],
  ebike_charging: ['电动车行', '电动车充电站'],
  office: ['商务中心', '贸易公司'],
};

function shopName(ctx: TileCtx, rng: Rng, category: PremiseCategory): string {
  return ctx.names.shop(rng.pick(SHOP_SUFFIX[category] ?? ['商行']));
}

function ringCentre(ring: V[]): V {
  const n = ring.length;
  return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
}
