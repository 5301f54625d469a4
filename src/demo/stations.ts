/**
 * Fire forces: the street's fire station (消防救援站) in the market block by the arterials, an
 * enterprise full-time brigade (专职消防队) in the industrial cluster, a micro fire station
 * (微型消防站) in every community and in the big compounds and the mall, and a volunteer team in
 * the village.
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import { nextId, type BuildingRec, type Role, type TileCtx } from './model.ts';
import { add, type V } from './shapes.ts';

/** A station in local metres, before export. */
export interface StationRec {
  id: string;
  kind: EnumOf<'station_kind'>;
  name: string;
  point: V;
  staff: number;
  vehicles: number;
  address: string;
  community: string;
}

const MICRO_HOSTS: Role[] = ['street_office', 'market_hall', 'hospital_main', 'teaching', 'mall', 'walkup', 'tower', 'slab', 'factory', 'shop_row', 'village_house', 'house'];

/** The fire forces of a tile. */
export function buildStations(ctx: TileCtx): StationRec[] {
  const rng = ctx.rng.fork('stations');
  const out: StationRec[] = [];
  const at = (b: BuildingRec, kind: StationRec['kind'], name: string, staff: number, vehicles: number): void => {
    // A few metres off the centroid, so two stations in one building do not sit on one point.
    const point = add(b.centroid, [rng.float(-3, 3), rng.float(-3, 3)]);
    out.push({ id: nextId(ctx, 'ST', 2), kind, name, point, staff, vehicles, address: `${ctx.streetOffice}${b.block.community.name}${b.name ?? ''}`, community: b.block.community.name });
  };
  const station = ctx.buildings.find((b) => b.role === 'fire_station');
  if (station) at(station, 'fire_station', station.name ?? '消防救援站', rng.int(28, 40), rng.int(5, 7));
  const factory = ctx.buildings.find((b) => b.role === 'factory' && b.group?.kind === 'parcel');
  if (factory?.group) at(factory, 'fulltime_brigade', `${factory.group.name}专职消防队`, rng.int(10, 16), 2);
  for (const c of ctx.communities) {
    const inC = ctx.buildings.filter((b) => b.block.community === c);
    const host = MICRO_HOSTS.map((r) => inC.find((b) => b.role === r)).find((b) => b !== undefined);
    if (host) at(host, 'micro_station', `${c.name}微型消防站`, rng.int(6, 10), rng.int(0, 1));
  }
  const compounds = ctx.groups.filter((g) => g.kind === 'compound' && g.highRise && g.buildings.length > 0).slice(0, 2);
  for (const g of compounds) at(g.buildings[0] as BuildingRec, 'micro_station', `${g.name}微型消防站`, rng.int(6, 8), 0);
  const mall = ctx.buildings.find((b) => b.role === 'mall');
  if (mall) at(mall, 'micro_station', `${mall.name ?? '商场'}微型消防站`, rng.int(6, 12), 0);
  const villageHouse = ctx.buildings.find((b) => b.role === 'village_house' && b.ground === 'shop');
  if (villageHouse) at(villageHouse, 'volunteer_team', `${villageHouse.block.community.name}志愿消防队`, rng.int(12, 25), 0);
  return out;
}
