/**
 * Regional hazard areas (区域性火灾隐患), listed for supervision early in the campaign: the urban
 * village (city level), the industrial cluster (district level), the self-built-house cluster
 * (street level) and the old compound (street level, already rectified).
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import type { HazardStatus, SupervisionLevel } from '../sources/contract/types.ts';
import { dayOf, isoDay } from './dates.ts';
import { blockRangeOutline, realRange, type Geography } from './geography.ts';
import type { TileCtx } from './model.ts';
import type { V } from './shapes.ts';

/** A regional hazard area in local metres, before export. */
export interface AreaRec {
  id: string;
  name: string;
  kind: EnumOf<'hazard_area_kind'>;
  ring: V[];
  supervision: SupervisionLevel;
  status: HazardStatus;
  listedAt: string;
  deadline: string;
  measures: string;
  unit: string;
  community: string;
}

interface AreaSpec {
  range: [number, number, number, number];
  kind: AreaRec['kind'];
  suffix: string;
  supervision: SupervisionLevel;
  status: HazardStatus;
  deadlineYears: number;
  measures: string;
}

const SPECS: AreaSpec[] = [
  { range: [1, 1, 1, 2], kind: 'urban_village', suffix: '城中村区域性火灾隐患', supervision: 'city', status: 'rectifying', deadlineYears: 2,
    measures: '落实网格员每日巡查；村道每日清障；每幢自建房配置独立式感烟火灾探测报警器和灭火器；设立志愿消防队夜间巡逻' },
  { range: [3, 5, 0, 1], kind: 'industrial_cluster', suffix: '工业聚集区区域性火灾隐患', supervision: 'district', status: 'rectifying', deadlineYears: 2,
    measures: '企业专职消防队24小时驻勤；厂区道路禁止停放货车；严禁员工宿舍设置在厂房内' },
  { range: [0, 2, 0, 0], kind: 'selfbuilt_cluster', suffix: '经营性自建房集中连片区', supervision: 'street', status: 'open', deadlineYears: 2,
    measures: '开展经营性自建房“回头看”排查；出租分租场所逐户申报核验备案' },
  { range: [0, 0, 3, 3], kind: 'old_compound', suffix: '老旧小区消防车通道治理', supervision: 'street', status: 'closed', deadlineYears: 1,
    measures: '施划消防车通道标线标识；增设停车泊位；清理占道停放车辆' },
];

/** The four listed areas of a tile, outlined along road centre lines (template ranges follow the tile's flips). */
export function buildAreas(ctx: TileCtx, geo: Geography, asOf: string): AreaRec[] {
  const rng = ctx.rng.fork('areas');
  const asOfDay = dayOf(asOf);
  return SPECS.map((spec, k) => {
    const [i0, i1, j0, j1] = realRange(geo, ...spec.range);
    const block = ctx.blocks.find((b) => b.i === i0 && b.j === j0);
    const community = block?.community.name ?? '';
    const listed = Math.min(asOfDay - 30, dayOf('2024-03-20') - rng.int(0, 40));
    return {
      id: `${ctx.prefix}QY${String(k + 1).padStart(2, '0')}`,
      name: `${community.replace(/(社区|村)$/, '')}${spec.suffix}`,
      kind: spec.kind, ring: blockRangeOutline(geo, i0, i1, j0, j1), supervision: spec.supervision, status: spec.status,
      listedAt: isoDay(listed), deadline: isoDay(listed + 365 * spec.deadlineYears - rng.int(0, 60)), measures: spec.measures,
      unit: spec.kind === 'urban_village' ? `${community}村民委员会` : `${ctx.streetOffice}办事处`, community,
    };
  });
}
