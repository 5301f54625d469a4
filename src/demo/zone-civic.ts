/**
 * Civic and commercial blocks: the school campus with a kindergarten, the hospital with an elderly
 * home, the market block with the fire station (消防救援站) and the street office, the commercial
 * block (mall, hotel, office tower, KTV, and a battery energy-storage container parked 8 m from the
 * mall), and a park with pavilions.
 */
import { addBuilding, type BlockRec, type TileCtx } from './model.ts';
import type { Rng } from './rng.ts';
import { rect } from './shapes.ts';
import { boxOf, busiestSide, layoutRows, loopRoad, newGroup, quietestSide, shrink, splitSide, type Box, type Item } from './zone-kit.ts';

const item = (w: number, d: number, spec: Item['spec'], gap?: number): Item => ({ w, d, spec, ...(gap !== undefined ? { gap } : {}) });

function campus(ctx: TileCtx, b: BlockRec, rng: Rng, box: Box, name: string, items: Item[], laneName: string): void {
  const group = newGroup(ctx, b, box, 'campus', name);
  const loopBox = shrink(box, 6);
  loopRoad(ctx, b, loopBox, 6, [quietestSide(b, busiestSide(b)), busiestSide(b)], { kind: 'campus', name: laneName });
  layoutRows(ctx, b, shrink(loopBox, 9), items, { rowGap: () => rng.float(14, 22), margin: () => rng.float(2, 8), group });
}

/** Primary school campus with a kindergarten on the quiet side. */
export function buildSchool(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const [kg, rest] = splitSide(boxOf(b), quietestSide(b, busiestSide(b)), 70, 12);
  const school = `${b.community.name.replace(/(社区|村)$/, '')}中心小学`;
  campus(ctx, b, rng, rest, school, [
    item(60, 18, { use: 'school', role: 'teaching', floors: 5, storey: 3.9, grade: 2, name: `${school}教学楼A` }),
    item(60, 18, { use: 'school', role: 'teaching', floors: 5, storey: 3.9, grade: 2, name: `${school}教学楼B` }),
    item(50, 14, { use: 'school', role: 'school_dorm', floors: 6, storey: 3.2, grade: 2, name: `${school}宿舍楼` }),
    item(40, 25, { use: 'school', role: 'canteen', floors: 2, storey: 5, grade: 2, name: `${school}食堂` }),
    item(40, 30, { use: 'school', role: 'gym', floors: 1, height: 12, grade: 2, name: `${school}体育馆` }),
  ], `${school}消防车道`);
  const kgName = `${ctx.names.place()}幼儿园`;
  const g = newGroup(ctx, b, kg, 'campus', kgName);
  layoutRows(ctx, b, shrink(kg, 8), [item(45, 20, { use: 'school', role: 'kindergarten', floors: 3, storey: 3.6, grade: 2, name: kgName })],
    { rowGap: () => 10, margin: () => 5, group: g });
}

/** Hospital campus with an elderly home on the quiet side. */
export function buildHospital(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const [home, rest] = splitSide(boxOf(b), quietestSide(b, busiestSide(b)), 80, 14);
  const hospital = `${ctx.streetOffice.replace(/街道$/, '')}医院`;
  campus(ctx, b, rng, rest, hospital, [
    item(60, 25, { use: 'hospital', role: 'hospital_main', floors: 12, storey: 3.9, grade: 1, name: `${hospital}综合楼` }),
    item(70, 30, { use: 'hospital', role: 'outpatient', floors: 4, storey: 4.5, grade: 2, name: `${hospital}门诊楼` }),
    item(50, 18, { use: 'hospital', role: 'hospital_ward', floors: 9, storey: 3.6, grade: 1, name: `${hospital}住院楼` }),
  ], `${hospital}消防车道`);
  const homeName = `${ctx.names.place()}颐养院`;
  const g = newGroup(ctx, b, home, 'campus', homeName);
  layoutRows(ctx, b, shrink(home, 8), [
    item(45, 16, { use: 'elderly_care', role: 'elderly', floors: 4, storey: 3.3, grade: 2, name: `${homeName}1号楼` }),
    item(35, 16, { use: 'elderly_care', role: 'elderly', floors: 3, storey: 3.3, grade: 2, name: `${homeName}2号楼` }),
  ], { rowGap: () => 12, margin: () => rng.float(2, 6), group: g });
}

/** Fire station and street office on the busy street, the market campus behind. */
export function buildMarket(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const busy = busiestSide(b);
  const [front, rest] = splitSide(boxOf(b), busy, 30, 10);
  // Long side along the street, whichever side of the block the street is on.
  const along = busy === 0 || busy === 2;
  const sized = (w: number, d: number, spec: Item['spec']): Item => (along ? item(w, d, spec) : item(d, w, spec));
  layoutRows(ctx, b, front, [
    sized(45, 22, { use: 'public', role: 'fire_station', floors: 3, storey: 4.2, grade: 2, name: `${ctx.streetOffice.replace(/街道$/, '')}消防救援站` }),
    sized(50, 18, { use: 'office', role: 'street_office', floors: 6, storey: 3.6, grade: 2, name: `${ctx.streetOffice}办事处` }),
  ], { rowGap: () => rng.float(8, 14), margin: () => rng.float(4, 10) });
  const market = `${ctx.names.place()}农贸市场`;
  campus(ctx, b, rng, rest, market, [
    item(90, 60, { use: 'commercial', role: 'market_hall', floors: 2, storey: 5, grade: 2, name: market }),
    item(40, 25, { use: 'office', role: 'office', floors: 8, storey: 3.6, grade: 2, name: `${ctx.names.shop('大厦')}` }),
    item(30, 15, { use: 'commercial', role: 'shop_row', floors: 2, storey: 4.2, grade: 2 }),
    item(30, 15, { use: 'commercial', role: 'shop_row', floors: 2, storey: 4.2, grade: 2 }),
  ], `${market}消防车道`);
}

/** Mall with a battery container 8 m away, hotel, office tower, KTV, around a loop road. */
export function buildCommercial(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const mall = `${ctx.names.shop('广场')}`;
  const group = newGroup(ctx, b, boxOf(b), 'campus', mall);
  const box = shrink(boxOf(b), 6);
  loopRoad(ctx, b, box, 7, [busiestSide(b), quietestSide(b, busiestSide(b))], { kind: 'campus', name: `${mall}消防车道` });
  const inner = shrink(box, 10);
  const f = b.frame;
  // The mall first, then the battery container 8 m east of it (GB 50016 would want 9 m).
  addBuilding(ctx, { ring: rect(f, inner.s0, inner.t0, inner.s0 + 120, inner.t0 + 80), use: 'commercial', role: 'mall', block: b, floors: 6, storey: 5, grade: 1, name: mall, group });
  addBuilding(ctx, { ring: rect(f, inner.s0 + 128, inner.t0 + 4, inner.s0 + 140, inner.t0 + 10), use: 'other', role: 'storage_station', block: b, floors: 1, height: 3.5, grade: 2, name: `${mall}储能电站`, group });
  layoutRows(ctx, b, { ...inner, t0: inner.t0 + 80 + 30 }, [
    item(45, 20, { use: 'commercial', role: 'hotel', floors: 16, storey: 3.3, grade: 1, name: `${ctx.names.shop('大酒店')}` }),
    item(35, 35, { use: 'office', role: 'office', floors: 22, storey: 3.6, grade: 1, name: `${ctx.names.shop('中心')}` }),
    item(30, 25, { use: 'commercial', role: 'ktv', floors: 3, storey: 4, grade: 2, name: `${ctx.names.shop('KTV')}` }),
  ], { rowGap: () => rng.float(20, 30), margin: () => rng.float(3, 10), group });
}

/** A park with a pavilion, a toilet block and a management house. */
export function buildPark(ctx: TileCtx, b: BlockRec, rng: Rng): void {
  const name = `${ctx.names.place()}公园`;
  const group = newGroup(ctx, b, boxOf(b), 'campus', name);
  const x = shrink(boxOf(b), 60);
  layoutRows(ctx, b, x, [
    item(8, 8, { use: 'public', role: 'pavilion', floors: 1, height: 5, grade: 4, name: `${name}凉亭` }),
    item(12, 8, { use: 'public', role: 'pavilion', floors: 1, height: 4, grade: 2, name: `${name}公厕` }, rng.float(80, 120)),
    item(20, 12, { use: 'public', role: 'pavilion', floors: 2, height: 8, grade: 2, name: `${name}管理用房` }, rng.float(60, 100)),
  ], { rowGap: () => 100, margin: () => 10, group });
}
