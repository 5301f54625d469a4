/**
 * The generator's working model of one tile (one district), in local metres. Zones add roads and
 * buildings to it; later passes derive premises, lanes, hydrants, sensors and grids from it; the
 * exporter turns it into contract features.
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import type { FireHazardClass } from '../sources/contract/types.ts';
import type { NameBook } from './names.ts';
import type { Rng } from './rng.ts';
import type { RoadNet, RoadRec } from './roads.ts';
import { area, centroid, type Frame, type V } from './shapes.ts';

/** What a street block is used for. */
export type Zone = 'village' | 'selfbuilt' | 'industrial' | 'compound' | 'old_compound' | 'school' | 'hospital' | 'market' | 'commercial' | 'park';
export type BuildingUse = EnumOf<'building_use'>;

/** What a building is in the story, which decides the premises on it. */
export type Role =
  | 'village_house' | 'house' | 'shop_row' | 'factory' | 'warehouse' | 'shed' | 'dorm' | 'tower' | 'slab' | 'walkup' | 'villa'
  | 'teaching' | 'school_dorm' | 'canteen' | 'gym' | 'kindergarten' | 'hospital_main' | 'hospital_ward' | 'outpatient' | 'elderly'
  | 'market_hall' | 'mall' | 'hotel' | 'office' | 'ktv' | 'fire_station' | 'street_office' | 'pavilion' | 'storage_station' | 'substation';

/** A community (社区) or village (村) and its blocks. */
export interface CommunityRec {
  readonly index: number;
  readonly name: string;
  readonly village: boolean;
  readonly blocks: BlockRec[];
}

/** A street block between four grid roads. */
export interface BlockRec {
  readonly i: number;
  readonly j: number;
  readonly zone: Zone;
  readonly community: CommunityRec;
  /** Corners on road centre lines: south-west, south-east, north-east, north-west. */
  readonly quad: V[];
  /** The roads along edge k of the quad (0 south, 1 east, 2 north, 3 west). */
  readonly edges: [RoadRec, RoadRec, RoadRec, RoadRec];
  /** The buildable rectangle [s0, s1] × [t0, t1] in `frame`, inside the setbacks. */
  readonly frame: Frame;
  readonly s0: number;
  readonly s1: number;
  readonly t0: number;
  readonly t1: number;
}

/** A building in local metres, before export. */
export interface BuildingRec {
  readonly id: string;
  readonly ring: V[];
  readonly use: BuildingUse;
  readonly role: Role;
  readonly block: BlockRec;
  readonly floors: number;
  readonly height: number;
  readonly grade?: number;
  readonly hazardClass?: FireHazardClass;
  name?: string;
  readonly centroid: V;
  /** Footprint area, m². */
  readonly footprint: number;
  /** The compound or factory parcel it belongs to, if any. */
  group?: GroupRec;
  /** Hints for premises: ground-floor use of a house, etc. */
  ground?: 'shop' | 'workshop' | 'restaurant' | 'ebike';
}

/** A residential compound, campus or factory parcel: land with a name and several buildings. */
export interface GroupRec {
  readonly kind: 'compound' | 'old_compound' | 'parcel' | 'campus';
  readonly name: string;
  readonly ring: V[];
  readonly block: BlockRec;
  readonly buildings: BuildingRec[];
  highRise?: boolean;
}

/** A deliberately constructed too-close pair, for the meta file and the tests. */
export interface PairTarget {
  a: BuildingRec;
  b: BuildingRec;
  gap_m: number;
  note: string;
}

/** Everything a tile accumulates while it is being built. */
export interface TileCtx {
  readonly rng: Rng;
  readonly names: NameBook;
  readonly net: RoadNet;
  /** Prefix of every id in the tile ('' at scale 1, 'T07-' otherwise). */
  readonly prefix: string;
  readonly streetOffice: string;
  readonly blocks: BlockRec[];
  readonly communities: CommunityRec[];
  readonly buildings: BuildingRec[];
  readonly groups: GroupRec[];
  readonly pairs: PairTarget[];
  factoryCivil?: PairTarget;
  /** Counters behind nextId. */
  readonly counters: Map<string, number>;
}

/** The next id of a kind within the tile, e.g. nextId(ctx, 'B', 5) → 'B00012'. */
export function nextId(ctx: TileCtx, kind: string, digits = 5): string {
  const n = (ctx.counters.get(kind) ?? 0) + 1;
  ctx.counters.set(kind, n);
  return `${ctx.prefix}${kind}${String(n).padStart(digits, '0')}`;
}

/** What addBuilding needs. */
export interface NewBuilding {
  ring: V[];
  use: BuildingUse;
  role: Role;
  block: BlockRec;
  floors: number;
  /** Storey height; the building height is floors × storey (+ parapet). */
  storey?: number;
  height?: number;
  grade?: number;
  hazardClass?: FireHazardClass;
  name?: string;
  group?: GroupRec;
  ground?: BuildingRec['ground'];
}

/** Adds a building to the tile (and to its group). */
export function addBuilding(ctx: TileCtx, b: NewBuilding): BuildingRec {
  const height = b.height ?? Math.round((b.floors * (b.storey ?? 3.2) + 0.6) * 10) / 10;
  const rec: BuildingRec = {
    id: nextId(ctx, 'B'), ring: b.ring, use: b.use, role: b.role, block: b.block, floors: b.floors, height,
    centroid: centroid(b.ring), footprint: area(b.ring),
    ...(b.grade !== undefined ? { grade: b.grade } : {}),
    ...(b.hazardClass !== undefined ? { hazardClass: b.hazardClass } : {}),
    ...(b.name !== undefined ? { name: b.name } : {}),
    ...(b.group !== undefined ? { group: b.group } : {}),
    ...(b.ground !== undefined ? { ground: b.ground } : {}),
  };
  ctx.buildings.push(rec);
  b.group?.buildings.push(rec);
  return rec;
}
