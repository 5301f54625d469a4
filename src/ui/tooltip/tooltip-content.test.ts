import { afterEach, describe, expect, it } from 'vitest';
import { lang } from '../../i18n/index.ts';
import { alarmColumns } from '../../layers/alarms/index.ts';
import type { FeatureOf } from '../../sources/contract/index.ts';
import type { Picked } from './pick.ts';
import { maskPersonalText, relativeTime, tooltipContent, tooltipPosition, type TooltipContent } from './tooltip-content.ts';

const NOW = new Date('2024-03-05T14:30:00+08:00');
const point = { type: 'Point' as const, coordinates: [0, 0] };
const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };

/** The lines as label → value, for comparing at a glance. */
const table = (c: TooltipContent) => Object.fromEntries(c.lines.map((l) => [l.label, l.value]));

afterEach(() => {
  lang.value = 'zh-CN';
});

const premise: FeatureOf<'premises'> = {
  type: 'Feature', geometry: point,
  properties: {
    id: 'P1', name: '锦和五金厂', categories: ['factory', 'three_in_one'], key_unit: true,
    hazards: [
      { id: 'h1', type: 'electrical', severity: 'major', status: 'open', found_at: '2024-02-01', deadline: '2024-03-01' }, // overdue
      { id: 'h2', type: 'evacuation', severity: 'general', status: 'rectifying', found_at: '2024-02-20', deadline: '2024-04-01' },
      { id: 'h3', type: 'gas', severity: 'larger', status: 'closed', found_at: '2024-01-01', closed_at: '2024-01-20' },
    ],
  },
};
const lane: FeatureOf<'fire_lanes'> = {
  type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 0]] },
  properties: {
    id: 'L1', name: '锦和路', status: 'partly_blocked', width_m: 3.5,
    obstacles: [
      { type: 'stall', reported_at: '2024-03-04', source: 'video' },
      { type: 'parked_vehicle' },
      { type: 'iron_post', removed_at: '2024-02-01' },
    ],
  },
};
const sensor: FeatureOf<'sensors'> = {
  type: 'Feature', geometry: point,
  properties: { id: 'S1', name: '一楼烟感', kind: 'smoke', premise_id: 'P1', online: false, last_seen: '2024-03-05T12:30:00+08:00' },
};
const alarm: FeatureOf<'alarms'> = {
  type: 'Feature', geometry: point,
  properties: { id: 'AL1', level: 'fire', time: '2024-03-05T14:18:00+08:00', acknowledged: false, kind: 'smoke', sensor_id: 'S1' },
};
const grid: FeatureOf<'grids'> = { type: 'Feature', geometry: square, properties: { grid_id: 'G01', name: '锦和一网格', community: '锦和村', worker: '张建国', worker_phone: '13812345678' } };

describe('tooltipContent', () => {
  it('premise: name, categories, open hazards with major and overdue, key unit', () => {
    const picked: Picked = { layerId: 'premises', kind: 'premises', feature: premise };
    expect(tooltipContent(picked, NOW)).toEqual({
      title: '锦和五金厂',
      lines: [
        { label: '场所类别', value: '厂房、三合一场所' },
        { label: '未销号隐患', value: '2 项（重大 1，逾期 1）' },
        { label: '消防安全重点单位', value: '是' },
      ],
    });
    lang.value = 'en';
    expect(table(tooltipContent(picked, NOW))).toEqual({ Categories: 'factory, three-in-one premises', 'Open hazards': '2 (1 major, 1 overdue)', 'Key fire-safety unit': 'yes' });
  });

  it('premise without hazards or key-unit flag', () => {
    const plain: FeatureOf<'premises'> = { type: 'Feature', geometry: point, properties: { id: 'P2', name: '小卖部', categories: ['shop'] } };
    expect(table(tooltipContent({ layerId: 'premises', kind: 'premises', feature: plain }, NOW))).toEqual({ 场所类别: '商店', 未销号隐患: '无' });
  });

  it('hydrant: id, type, status, pressure with its unit, last inspected with its age', () => {
    const feature: FeatureOf<'hydrants'> = { type: 'Feature', geometry: point, properties: { id: 'H-001', type: 'above_ground', status: 'low_pressure', pressure_mpa: 0.12, last_inspected: '2024-02-24' } };
    const c = tooltipContent({ layerId: 'hydrants', kind: 'hydrants', feature }, NOW);
    expect(c.title).toBe('消火栓 H-001');
    expect(table(c)).toEqual({ 类型: '地上式', 状态: '水压不足', 水压: '0.12 MPa', 最近巡检日期: '2024-02-24（10 天前）' });
    const bare: FeatureOf<'hydrants'> = { type: 'Feature', geometry: point, properties: { id: 'H-002', status: 'in_service' } };
    expect(table(tooltipContent({ layerId: 'hydrant-rings', kind: 'hydrants', feature: bare }, NOW))).toEqual({ 状态: '正常' });
  });

  it('hazard area: kind, supervision level, status (overdue marked), deadline', () => {
    const feature: FeatureOf<'hazard_areas'> = {
      type: 'Feature', geometry: square,
      properties: { id: 'A1', name: '锦和城中村', kind: 'urban_village', supervision_level: 'city', status: 'rectifying', deadline: '2024-03-01' },
    };
    const picked: Picked = { layerId: 'hazard-areas', kind: 'hazard_areas', feature };
    expect(tooltipContent(picked, NOW)).toEqual({
      title: '锦和城中村',
      lines: [
        { label: '区域类型', value: '城中村' },
        { label: '挂牌督办级别', value: '市级' },
        { label: '整治状态', value: '整改中（逾期）' },
        { label: '整治期限', value: '2024-03-01（逾期 4 天）' },
      ],
    });
    lang.value = 'en';
    expect(table(tooltipContent(picked, NOW))).toMatchObject({ Status: 'rectifying (overdue)', Deadline: '2024-03-01 (4 days overdue)' });
    const inTime = { ...feature, properties: { ...feature.properties, deadline: '2024-03-05' } };
    expect(table(tooltipContent({ ...picked, feature: inTime }, NOW))).toMatchObject({ Status: 'rectifying', Deadline: '2024-03-05' });
  });

  it('fire lane: name, id, status, width, obstacles still present', () => {
    expect(tooltipContent({ layerId: 'fire-lanes', kind: 'fire_lanes', feature: lane }, NOW)).toEqual({
      title: '锦和路',
      lines: [
        { label: '通道编号', value: 'L1' },
        { label: '通道状态', value: '部分占用' },
        { label: '净宽', value: '3.5 m' },
        { label: '现存障碍物', value: '2 处' },
      ],
    });
    const unnamed: FeatureOf<'fire_lanes'> = { type: 'Feature', geometry: lane.geometry, properties: { id: 'L2', status: 'clear' } };
    const c = tooltipContent({ layerId: 'fire-lanes', kind: 'fire_lanes', feature: unnamed }, NOW);
    expect(c.title).toBe('消防车通道 L2');
    expect(table(c)).toEqual({ 通道状态: '畅通', 现存障碍物: '无' });
  });

  it('obstacle: type, since (with its age), how it was found, its lane', () => {
    const obstacle = lane.properties.obstacles?.[0];
    const picked: Picked = { layerId: 'fire-lanes', kind: 'fire_lanes', feature: lane, ...(obstacle ? { extra: { obstacle, obstacleIndex: 0 } } : {}) };
    expect(tooltipContent(picked, NOW)).toEqual({
      title: '通道障碍物',
      lines: [
        { label: '障碍物类型', value: '摊位' },
        { label: '发现于', value: '2024-03-04（1 天前）' },
        { label: '发现途径', value: '视频监控' },
        { label: '所在通道', value: '锦和路（L1）' },
      ],
    });
    lang.value = 'en';
    expect(table(tooltipContent(picked, NOW))).toEqual({ Type: 'stall', Since: '2024-03-04 (1 day ago)', 'Reported by': 'video monitoring', 'Fire lane': '锦和路 (L1)' });
  });

  it('sensor: kind, online, last seen when offline, premise by name', () => {
    const c = tooltipContent({ layerId: 'sensors', kind: 'sensors', feature: sensor, extra: { premise } }, NOW);
    expect(c.title).toBe('一楼烟感');
    expect(table(c)).toEqual({ 设备类型: '烟感', 在线状态: '离线', 最后在线: '2 小时前', 所属场所: '锦和五金厂（P1）' });
    const online = { ...sensor, properties: { id: 'S2', kind: 'gas' as const, online: true, premise_id: 'P9' } };
    const d = tooltipContent({ layerId: 'sensors', kind: 'sensors', feature: online }, NOW);
    expect(d.title).toBe('物联网设备 S2');
    expect(table(d)).toEqual({ 设备类型: '可燃气体探测', 在线状态: '在线', 所属场所: 'P9' });
  });

  it('alarm: level, time as minutes ago, acknowledged or not, sensor and premise', () => {
    const picked: Picked = { layerId: 'alarms', kind: 'alarms', feature: alarm, extra: { sensor, premise } };
    expect(tooltipContent(picked, NOW)).toEqual({
      title: '火警',
      lines: [
        { label: '告警时间', value: '12 分钟前' },
        { label: '处理状态', value: '未确认' },
        { label: '设备类型', value: '烟感' },
        { label: '告警设备', value: '一楼烟感（S1）' },
        { label: '所属场所', value: '锦和五金厂（P1）' },
      ],
    });
    lang.value = 'en';
    const en = tooltipContent(picked, NOW);
    expect(en.title).toBe('Fire');
    expect(table(en)).toMatchObject({ Time: '12 minutes ago', State: 'not acknowledged' });
    const handled = { ...alarm, properties: { ...alarm.properties, acknowledged: true, resolved: true } };
    expect(table(tooltipContent({ layerId: 'alarms', kind: 'alarms', feature: handled }, NOW))).toMatchObject({ State: 'resolved', Sensor: 'S1' });
  });

  it('alarm standing for several at its location: how many, and that the most urgent is shown', () => {
    const picked: Picked = { layerId: 'alarms', kind: 'alarms', feature: alarm, extra: { sensor, premise, alarmsHere: 7 } };
    expect(tooltipContent(picked, NOW).lines.at(-1)).toEqual({ label: '此处告警', value: '共 7 条，显示最紧急的一条' });
    lang.value = 'en';
    expect(table(tooltipContent(picked, NOW))).toMatchObject({ 'Alarms here': '7, the most urgent shown' });
  });

  it('grid: id, name, community, worker masked only when asked', () => {
    const picked: Picked = { layerId: 'grids', kind: 'grids', feature: grid };
    const open = tooltipContent(picked, NOW);
    expect(open.title).toBe('网格 G01');
    expect(table(open)).toEqual({ 网格名称: '锦和一网格', '社区/村': '锦和村', 网格员: '张建国' });
    expect(table(tooltipContent(picked, NOW, { maskPersonal: true }))['网格员']).toBe('张**');
    // The phone number (also personal) is not in a hover tooltip at all.
    expect(JSON.stringify(open)).not.toContain('13812345678');
  });

  it('station: name, kind, vehicles and staff when known', () => {
    const feature: FeatureOf<'stations'> = { type: 'Feature', geometry: point, properties: { id: 'F1', kind: 'micro_station', name: '锦和微站', vehicles: 1, staff: 6 } };
    const picked: Picked = { layerId: 'stations', kind: 'stations', feature };
    expect(tooltipContent(picked, NOW)).toEqual({ title: '锦和微站', lines: [{ label: '类型', value: '微型消防站' }, { label: '车辆', value: '1 辆' }, { label: '人员', value: '6 人' }] });
    lang.value = 'en';
    expect(table(tooltipContent(picked, NOW))).toEqual({ Kind: 'micro fire station', Vehicles: '1 vehicle', Staff: '6 people' });
    const bare = { ...feature, properties: { id: 'F2', kind: 'fire_station' as const, name: '城东站' } };
    expect(tooltipContent({ layerId: 'stations', kind: 'stations', feature: bare }, NOW).lines).toEqual([{ label: 'Kind', value: 'fire station' }]);
  });

  it('keeps text from data as plain text (markup is not interpreted, only carried)', () => {
    const sly = { ...premise, properties: { ...premise.properties, name: '<img src=x onerror=alert(1)>' } };
    expect(tooltipContent({ layerId: 'premises', kind: 'premises', feature: sly }, NOW).title).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('relativeTime', () => {
  it('says how long ago, in minutes, hours or days', () => {
    expect(relativeTime('2024-03-05T14:29:40+08:00', NOW)).toBe('刚刚');
    expect(relativeTime('2024-03-05T14:18:00+08:00', NOW)).toBe('12 分钟前');
    expect(relativeTime('2024-03-05T11:00:00+08:00', NOW)).toBe('3 小时前');
    expect(relativeTime('2024-03-02T14:30:00+08:00', NOW)).toBe('3 天前');
    expect(relativeTime('2024-03-05T14:29:00+08:00', NOW)).toBe('1 分钟前');
    lang.value = 'en';
    expect(relativeTime('2024-03-05T14:29:00+08:00', NOW)).toBe('1 minute ago');
    expect(relativeTime('2024-03-05T13:30:00+08:00', NOW)).toBe('1 hour ago');
  });

  it('shows future instants and unreadable text as written', () => {
    expect(relativeTime('2024-03-05T18:00:00+08:00', NOW)).toBe('2024-03-05 18:00');
    expect(relativeTime('2024-03-05T14:30:30+08:00', NOW)).toBe('刚刚'); // a clock a little ahead
    expect(relativeTime('garbage', NOW)).toBe('garbage');
  });
});

describe('maskPersonalText', () => {
  it('keeps a surname, or the ends of a phone number', () => {
    expect(maskPersonalText('张建国')).toBe('张**');
    expect(maskPersonalText('李')).toBe('*');
    expect(maskPersonalText('13812345678')).toBe('138****5678');
    expect(maskPersonalText('0595-2233 4455')).toBe('059****4455');
  });
});

describe('tooltipPosition', () => {
  const container = { width: 800, height: 600 };
  const box = { width: 200, height: 80 };
  it('goes below right of the pointer when there is room', () => {
    expect(tooltipPosition(100, 100, container, box)).toEqual({ left: 112, top: 112 });
  });
  it('flips left near the right edge and up near the bottom', () => {
    expect(tooltipPosition(790, 10, container, box)).toEqual({ left: 578, top: 22 });
    expect(tooltipPosition(100, 590, container, box)).toEqual({ left: 112, top: 498 });
  });
  it('stays inside when neither side has room', () => {
    expect(tooltipPosition(100, 50, { width: 250, height: 100 }, box)).toEqual({ left: 0, top: 0 });
    expect(tooltipPosition(10, 10, { width: 100, height: 50 }, box)).toEqual({ left: 0, top: 0 });
  });
});

describe('on the demo district', () => {
  it('every feature of every thematic layer gets a tooltip with every placeholder filled, in both languages', async () => {
    const { loadDemoCollections } = await import('../../../test/demo-collections.ts');
    const { pickedFeature, PICK_RULES } = await import('./pick.ts');
    const { lanePaths, laneObstacles } = await import('../../layers/fire-lanes/index.ts');
    const demo = loadDemoCollections();
    try {
      const c = demo.collections;
      const picks: { id: string; object?: unknown; index: number }[] = [];
      const add = (id: string, objects: readonly unknown[]) => objects.forEach((object, index) => picks.push({ id, object, index }));
      add('premises', c.premises?.features ?? []);
      add('hazard-areas', c.hazard_areas?.features ?? []);
      add('fire-lanes-paths', lanePaths(c.fire_lanes?.features ?? []));
      add('fire-lanes-obstacles', laneObstacles(c.fire_lanes?.features ?? []));
      add('hydrants', c.hydrants?.features ?? []);
      add('sensors', c.sensors?.features ?? []);
      add('grids-outlines', c.grids?.features ?? []);
      add('stations', c.stations?.features ?? []);
      for (let i = 0; i < alarmColumns(c.alarms?.features ?? []).length; i++) picks.push({ id: 'alarms-points', index: i });
      const seen = new Set<string>();
      for (const language of ['zh-CN', 'en'] as const) {
        lang.value = language;
        for (const p of picks) {
          const picked = pickedFeature({ layer: { id: p.id }, index: p.index, object: p.object }, c);
          expect(picked, `${p.id} #${p.index}`).not.toBeNull();
          if (!picked) continue;
          seen.add(picked.layerId);
          const text = tooltipContent(picked, demo.now, { maskPersonal: true });
          expect(text.title, `${p.id} #${p.index}`).not.toBe('');
          expect(JSON.stringify(text), `${p.id} #${p.index}`).not.toMatch(/\{\w+\}/);
        }
      }
      const expected = new Set(Object.values(PICK_RULES).map((r) => r.layerId));
      expected.delete('hydrant-rings'); // the same hydrants as the hydrants layer
      expect([...expected].filter((id) => !seen.has(id))).toEqual([]);
    } finally {
      demo.cleanup();
    }
  });
});
