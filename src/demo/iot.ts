/**
 * IoT devices (消防物联网) and their alarms over the 30 days before the as-of moment (08:00 China
 * time on the as-of date). Devices sit inside the buildings of connected premises, water-pressure
 * sensors on connected hydrants. Alarm rates differ by device kind, a few devices are noisy; old
 * alarms are almost all acknowledged and resolved, the last hours' often not.
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import { cstMidnight, dayOf } from './dates.ts';
import type { HydrantRec } from './hydrants.ts';
import type { TileCtx } from './model.ts';
import type { PremiseRec } from './premises.ts';
import type { Rng } from './rng.ts';
import { add, lerp, type V } from './shapes.ts';

export type SensorKind = EnumOf<'sensor_kind'>;
export type AlarmLevel = EnumOf<'alarm_level'>;

/** An IoT device in local metres, before export. */
export interface SensorRec {
  id: string;
  kind: SensorKind;
  premise?: PremiseRec;
  hydrant?: HydrantRec;
  point: V;
  online: boolean;
  /** Epoch seconds. */
  lastSeen: number;
  name: string;
  location: string;
}

/** An alarm of a device, before export. */
export interface AlarmRec {
  id: string;
  sensor: SensorRec;
  level: AlarmLevel;
  time: number;
  acknowledged: boolean;
  resolved: boolean;
  message: string;
}

type Mix = readonly (readonly [SensorKind, number, number])[];
const MIX: readonly (readonly [(c: string) => boolean, Mix])[] = [
  [(c) => c === 'energy_storage', [['temperature', 2, 3], ['smoke', 2, 2], ['gas', 1, 1], ['video', 1, 1]]],
  [(c) => c === 'chemical_enterprise', [['smoke', 2, 4], ['gas', 2, 3], ['electrical_fire', 1, 2], ['video', 1, 1]]],
  [(c) => ['school', 'kindergarten', 'hospital', 'elderly_care', 'market', 'commercial_complex', 'hotel', 'office', 'entertainment'].includes(c),
    [['smoke', 4, 10], ['electrical_fire', 1, 3], ['gas', 0, 1], ['video', 1, 3]]],
  [(c) => c === 'high_rise', [['smoke', 1, 4], ['electrical_fire', 0, 1], ['ebike_charging', 0, 1], ['video', 0, 1]]],
  [(c) => c === 'underground_space', [['smoke', 3, 6], ['video', 1, 2]]],
  [(c) => c === 'factory' || c === 'warehouse', [['smoke', 2, 5], ['electrical_fire', 1, 2], ['temperature', 0, 1], ['video', 0, 1]]],
  [(c) => c === 'residential', [['smoke', 1, 3], ['ebike_charging', 1, 2], ['video', 1, 1]]],
  [(c) => c === 'ebike_charging', [['ebike_charging', 1, 3], ['smoke', 1, 1]]],
  [(c) => c === 'restaurant', [['smoke', 1, 1], ['gas', 1, 1], ['smart_electricity', 0, 1]]],
  [(c) => c === 'construction_site', [['video', 1, 2]]],
  [() => true, [['smoke', 1, 2], ['smart_electricity', 1, 1]]],
];
/** Alarms per device per day. */
const RATE: Record<string, number> = { smoke: 0.14, temperature: 0.08, electrical_fire: 0.4, smart_electricity: 0.47, water_pressure: 0.6, gas: 0.13, video: 0.27, ebike_charging: 0.4 };
const LEVELS: Record<string, readonly (readonly [AlarmLevel, number])[]> = {
  smoke: [['warning', 30], ['alarm', 62], ['fire', 8]], temperature: [['warning', 40], ['alarm', 50], ['fire', 10]],
  gas: [['warning', 40], ['alarm', 55], ['fire', 5]], ebike_charging: [['warning', 60], ['alarm', 35], ['fire', 5]],
};
const MESSAGES: Record<string, readonly string[]> = {
  smoke: ['烟雾浓度超限', '探测器故障', '探测器电量低'], temperature: ['温度超过预警阈值', '温升速率异常'],
  electrical_fire: ['剩余电流超限', '线缆温度过高', '电弧故障'], smart_electricity: ['用电负荷超限', '剩余电流超限', '夜间用电异常'],
  water_pressure: ['水压低于0.10MPa', '水压波动异常', '管网压力过高'], gas: ['可燃气体浓度超限', '燃气泄漏报警'],
  video: ['消防车通道占用', '人员聚集', '视频信号丢失'], ebike_charging: ['电动自行车违规入户', '充电过载', '充电时间过长'],
};
const PLACES: Record<string, readonly string[]> = {
  smoke: ['一层大厅', '二层走道', '楼梯间', '仓储区', '宿舍', '三层车间'], temperature: ['仓库', '电池舱', '配电房'],
  electrical_fire: ['配电房', '总配电箱', '二层配电箱'], smart_electricity: ['入户配电箱'], gas: ['厨房', '燃气表间'],
  video: ['出入口', '消防车通道', '楼梯口'], ebike_charging: ['电动车棚', '集中充电点'],
};

/** 08:00 China time on the as-of date: "now" for the real-time sources. */
export function asOfMoment(asOf: string): number {
  return cstMidnight(dayOf(asOf)) + 8 * 3600;
}

/** Devices in the buildings of connected premises, by category, plus pressure sensors on connected hydrants. */
export function buildSensors(ctx: TileCtx, premises: readonly PremiseRec[], hydrants: readonly HydrantRec[], asOf: string): SensorRec[] {
  const rng = ctx.rng.fork('sensors');
  const now = asOfMoment(asOf);
  const out: SensorRec[] = [];
  const zh: Record<string, string> = { smoke: '烟感', temperature: '温感', electrical_fire: '电气火灾监控', smart_electricity: '智慧用电', water_pressure: '水压监测', gas: '可燃气体探测', video: '视频监控', ebike_charging: '充电监测' };
  const add1 = (kind: SensorKind, point: V, name: string, location: string, owner: { premise?: PremiseRec; hydrant?: HydrantRec }): void => {
    const online = rng.chance(0.93);
    out.push({
      id: `${ctx.prefix}DEV${String(out.length + 1).padStart(6, '0')}`, kind, point, online, name, location, ...owner,
      lastSeen: online ? now - rng.int(0, 600) : now - rng.int(86_400, 20 * 86_400),
    });
  };
  for (const p of premises) {
    if (!p.iot) continue;
    const mix = MIX.find(([match]) => p.categories.some(match))?.[1] ?? [];
    const buildings = p.building ? [p.building] : p.group?.buildings.length ? p.group.buildings : [];
    for (const [kind, lo, hi] of mix) {
      for (let k = rng.int(lo, hi); k > 0; k--) {
        const b = buildings.length ? rng.pick(buildings) : null;
        add1(kind, b ? insideRing(rng, b.ring) : add(p.point, [rng.float(-3, 3), rng.float(-3, 3)]), `${p.name}${zh[kind] ?? kind}`, rng.pick(PLACES[kind] ?? ['现场']), { premise: p });
      }
    }
  }
  for (const h of hydrants) if (h.iot) add1('water_pressure', h.point, `${h.road.name ?? ''}消火栓${h.id}水压`, `${h.road.name ?? ''}消火栓`, { hydrant: h });
  return out;
}

/** A random point well inside a rectangle-like ring (the first four vertices). */
function insideRing(rng: Rng, ring: readonly V[]): V {
  const [a, b, , d] = ring as [V, V, V, V];
  const u = rng.float(0.15, 0.85), v = rng.float(0.15, 0.85);
  const ab = lerp(a, b, u);
  return [ab[0] + (d[0] - a[0]) * v, ab[1] + (d[1] - a[1]) * v];
}

/** Alarms of every device over the 30 days before the as-of moment, with chronological ids. */
export function buildAlarms(ctx: TileCtx, sensors: readonly SensorRec[], asOf: string): AlarmRec[] {
  const rng = ctx.rng.fork('alarms');
  const now = asOfMoment(asOf);
  const start = now - 30 * 86_400;
  const out: Omit<AlarmRec, 'id'>[] = [];
  for (const s of sensors) {
    const noisy = rng.chance(0.06) ? 5 : 1;
    const end = Math.min(now, s.lastSeen);
    const n = rng.poisson((RATE[s.kind] ?? 0.2) * noisy * 30 * ((end - start) / (now - start)));
    for (let k = 0; k < n; k++) {
      const time = rng.int(start, end - 1);
      const age = now - time;
      const level = rng.weighted<AlarmLevel>(LEVELS[s.kind] ?? [['warning', 65], ['alarm', 35]]);
      const acknowledged = rng.chance(age > 86_400 ? 0.97 : age > 7200 ? 0.8 : 0.35);
      out.push({ sensor: s, level, time, acknowledged, resolved: rng.chance(acknowledged ? 0.93 : 0.05), message: rng.pick(MESSAGES[s.kind] ?? ['设备报警']) });
    }
  }
  // Chronological ids; ties broken by sensor id so the order never depends on the sort's whims.
  out.sort((a, b) => a.time - b.time || (a.sensor.id < b.sensor.id ? -1 : a.sensor.id > b.sensor.id ? 1 : 0));
  return out.map((a, k) => ({ ...a, id: `${ctx.prefix}ALM${String(k + 1).padStart(7, '0')}` }));
}
