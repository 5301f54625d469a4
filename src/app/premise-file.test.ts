import type { Feature, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localProjection } from '../analysis/geo.ts';
import type { AlarmProps, FeatureOf, FireLaneProps, HydrantProps, PremiseProps, SensorProps } from '../sources/contract/index.ts';
import { isOverdue } from '../sources/hazards.ts';
import { loadDemoCollections, type DemoCollections } from '../../test/demo-collections.ts';
import type { Collections } from './filters.ts';
import { createPremiseFileIndex, premiseAnchor, premiseFile } from './premise-file.ts';

// The premise stands at (LON, LAT). Hydrants are placed due north or south with the sphere's metres
// per degree (what geokdbush measures with), lanes with the local projection (what lanes are measured in).
const LON = 118.58, LAT = 24.8;
const M_PER_DEG_SPHERE = (6371 * 1000 * Math.PI) / 180;
const north = (m: number): [number, number] => [LON, LAT + m / M_PER_DEG_SPHERE];
const proj = localProjection(LON, LAT);
const at = (x: number, y: number): [number, number] => proj.toLonLat([x, y]);
const NOW = new Date('2024-06-15T10:00:00+08:00');

const point = <P>(coordinates: [number, number], properties: P): Feature<Point, P> => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties });
const fc = <F>(features: F[]) => ({ type: 'FeatureCollection' as const, features });

const premiseProps: PremiseProps = {
  id: 'P1', name: '锦和鞋材厂', address: '锦和路 12 号', categories: ['factory', 'three_in_one'], community: '锦和村', grid_id: 'G-01',
  key_unit: true, fire_resistance_grade: 3, floors: 2, area_m2: 800, employees: 12, principal: '张三', phone: '13812345678',
  hazards: [
    {
      id: 'HZ-A', type: 'electrical', severity: 'major', status: 'rectifying', found_at: '2024-05-01', deadline: '2024-06-01',
      description: '私拉乱接电线',
      enforcement: [{ type: 'rectify_order', date: '2024-05-02' }, { type: 'fine', date: '2024-06-05', amount_cny: 5000 }],
    },
    {
      id: 'HZ-B', type: 'evacuation', severity: 'general', status: 'closed', found_at: '2024-03-10', deadline: '2024-04-15', closed_at: '2024-04-01',
      enforcement: [{ type: 'rectify_order', date: '2024-03-11' }],
    },
  ],
};
const premise: FeatureOf<'premises'> = point([LON, LAT], premiseProps);

const hydrants = fc<FeatureOf<'hydrants'>>([
  point<HydrantProps>(north(80), { id: 'H-80', status: 'in_service', road: '锦和路' }),
  point<HydrantProps>(north(-160), { id: 'H-160', status: 'in_service' }),
  point<HydrantProps>(north(30), { id: 'H-30-damaged', status: 'damaged' }),
  point<HydrantProps>(north(400), { id: 'H-400', status: 'in_service' }),
]);

const lane = (id: string, y: number, status: FireLaneProps['status'], obstacles: FireLaneProps['obstacles'] = []): FeatureOf<'fire_lanes'> => ({
  type: 'Feature', geometry: { type: 'LineString', coordinates: [at(-100, y), at(100, y)] }, properties: { id, status, obstacles },
});
const lanes = fc([
  lane('L-clear-500', -500, 'clear'),
  lane('L-blocked-50', 50, 'blocked', [
    { type: 'iron_post', reported_at: '2024-03-01' },
    { type: 'stall', reported_at: '2024-04-01', removed_at: '2024-04-10' },
    { type: 'parked_vehicle', reported_at: '2024-05-01' },
  ]),
]);

const sensors = fc<FeatureOf<'sensors'>>([
  point<SensorProps>([LON, LAT], { id: 'S1', kind: 'smoke', premise_id: 'P1', online: true }),
  point<SensorProps>([LON, LAT], { id: 'S-elsewhere', kind: 'smoke', premise_id: 'P2' }),
]);
const alarm = (id: string, time: string, extra: Partial<AlarmProps>) => point<AlarmProps>([LON, LAT], { id, level: 'alarm', time, ...extra });
const alarms = fc<FeatureOf<'alarms'>>([
  alarm('A-inside', '2024-06-10T08:00:00+08:00', { sensor_id: 'S1', premise_id: 'P1' }),
  alarm('A-outside', '2024-04-01T08:00:00+08:00', { sensor_id: 'S1', premise_id: 'P1' }),
  alarm('A-newest', '2024-06-14T20:00:00+08:00', { sensor_id: 'S1', acknowledged: true }),
  alarm('A-no-sensor', '2024-06-12T09:00:00+08:00', { premise_id: 'P1', level: 'fire' }),
  alarm('A-other-premise', '2024-06-12T09:00:00+08:00', { sensor_id: 'S-elsewhere', premise_id: 'P2' }),
]);

const collections: Collections = { premises: fc([premise]), hydrants, fire_lanes: lanes, sensors, alarms };
const index = createPremiseFileIndex(collections);
const file = premiseFile(index, premise, NOW);

describe('premiseFile: facts', () => {
  it('lists set fields in contract order, with the personal flag and masked text', () => {
    expect(file.facts.map((f) => f.field)).toEqual([
      'address', 'categories', 'community', 'grid_id', 'key_unit', 'fire_resistance_grade', 'floors', 'area_m2', 'employees', 'principal', 'phone',
    ]);
    expect(file.facts.find((f) => f.field === 'principal')).toEqual({ field: 'principal', value: '张三', personal: true, masked: '张*' });
    expect(file.facts.find((f) => f.field === 'phone')).toMatchObject({ personal: true, masked: '138****5678' });
    expect(file.facts.find((f) => f.field === 'address')).toEqual({ field: 'address', value: '锦和路 12 号', personal: false });
  });

  it('heads the file with the premise itself', () => {
    expect(file.premise).toMatchObject({ id: 'P1', name: '锦和鞋材厂', categories: ['factory', 'three_in_one'], keyUnit: true, highRiskUnit: false });
    expect(file.premise.lonLat).toEqual([LON, LAT]);
  });
});

describe('premiseFile: hazard timeline and enforcement', () => {
  it('orders hazards by found_at and marks the overdue one with its days', () => {
    expect(file.timeline.map((h) => h.id)).toEqual(['HZ-B', 'HZ-A']);
    const [closed, late] = file.timeline;
    expect(late).toMatchObject({ overdue: true, daysOverdue: 14, severity: 'major', deadline: '2024-06-01', description: '私拉乱接电线' });
    expect(closed).toMatchObject({ overdue: false, daysOverdue: 0, closedAt: '2024-04-01' });
  });

  it('gives three steps with the dates the data knows', () => {
    const [closed, late] = file.timeline;
    expect(late?.steps).toEqual([
      { stage: 'found', reached: true, current: false, date: '2024-05-01' },
      { stage: 'rectifying', reached: true, current: true, date: '2024-05-02' },
      { stage: 'closed', reached: false, current: false },
    ]);
    expect(closed?.steps.map((s) => [s.stage, s.reached, s.current, s.date])).toEqual([
      ['found', true, false, '2024-03-10'], ['rectifying', true, false, '2024-03-11'], ['closed', true, true, '2024-04-01'],
    ]);
  });

  it('does not count the deadline day itself as overdue', () => {
    const due = { ...premise, properties: { ...premiseProps, hazards: [{ id: 'T', type: 'other', severity: 'general', status: 'open', found_at: '2024-06-01', deadline: '2024-06-15' }] } } as FeatureOf<'premises'>;
    expect(premiseFile(index, due, NOW).timeline[0]).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it('flattens enforcement newest first, naming the hazard', () => {
    expect(file.enforcement.map((e) => [e.date, e.type, e.hazardId])).toEqual([
      ['2024-06-05', 'fine', 'HZ-A'], ['2024-05-02', 'rectify_order', 'HZ-A'], ['2024-03-11', 'rectify_order', 'HZ-B'],
    ]);
    expect(file.enforcement[0]?.amount_cny).toBe(5000);
  });
});

describe('premiseFile: sensors and alarms', () => {
  it('lists the premise sensors with alarms inside the window, newest first', () => {
    expect(file.sensors.list.map((s) => s.id)).toEqual(['S1']);
    expect(file.sensors.list[0]?.online).toBe(true);
    expect(file.sensors.list[0]?.alarms.map((a) => [a.id, a.acknowledged])).toEqual([['A-newest', true], ['A-inside', false]]);
    expect(file.sensors.alarmDays).toBe(30);
  });

  it('keeps alarms filed against the premise without one of its sensors apart', () => {
    expect(file.sensors.otherAlarms.map((a) => a.id)).toEqual(['A-no-sensor']);
  });

  it('widens the window on request', () => {
    const wide = premiseFile(index, premise, NOW, { alarmDays: 90 });
    expect(wide.sensors.list[0]?.alarms.map((a) => a.id)).toEqual(['A-newest', 'A-inside', 'A-outside']);
  });
});

describe('premiseFile: hydrants', () => {
  it('lists the three nearest in service, with distances and the protection radius', () => {
    expect(file.hydrants.nearest.map((h) => h.id)).toEqual(['H-80', 'H-160', 'H-400']);
    expect(file.hydrants.nearest.map((h) => Math.round(h.distanceM))).toEqual([80, 160, 400]);
    expect(file.hydrants.nearest.map((h) => h.withinRadius)).toEqual([true, false, false]);
    expect(file.hydrants.radiusM).toBe(150);
    expect(file.hydrants.inServiceWithinRadius).toBe(1);
    expect(file.hydrants.nearest[0]?.lonLat).toEqual(north(80));
  });

  it('includes other statuses when asked, and says when none in service is within the radius', () => {
    const all = premiseFile(index, premise, NOW, { hydrants: 2, hydrantStatuses: ['in_service', 'damaged'] });
    expect(all.hydrants.nearest.map((h) => [h.id, h.status])).toEqual([['H-30-damaged', 'damaged'], ['H-80', 'in_service']]);
    expect(premiseFile(index, premise, NOW, { protectionRadiusM: 50 }).hydrants.inServiceWithinRadius).toBe(0);
  });
});

describe('premiseFile: fire lanes', () => {
  it('lists lanes within 200 m: the blocked one at 50 m, not the clear one at 500 m', () => {
    expect(file.lanes.list.map((l) => [l.id, l.status, Math.round(l.distanceM)])).toEqual([['L-blocked-50', 'blocked', 50]]);
    const [lonAt, latAt] = file.lanes.list[0]?.lonLat ?? [0, 0];
    expect(lonAt).toBeCloseTo(LON, 7);
    expect(latAt).toBeCloseTo(at(0, 50)[1], 7);
  });

  it('lists current obstacles first, newest first, then removed ones', () => {
    expect(file.lanes.list[0]?.obstacles.map((o) => [o.type, o.removed])).toEqual([['parked_vehicle', false], ['iron_post', false], ['stall', true]]);
  });

  it('puts blocked lanes before clear ones even when farther', () => {
    const mixed = createPremiseFileIndex({ fire_lanes: fc([lane('near-clear', 20, 'clear'), lane('far-partly', -150, 'partly_blocked'), lane('far-blocked', 180, 'blocked')]) });
    expect(premiseFile(mixed, premise, NOW).lanes.list.map((l) => l.id)).toEqual(['far-blocked', 'far-partly', 'near-clear']);
    expect(premiseFile(index, premise, NOW, { laneRadiusM: 600 }).lanes.list.map((l) => l.id)).toEqual(['L-blocked-50', 'L-clear-500']);
  });
});

describe('premiseFile: edge cases', () => {
  it('measures a polygon premise from its centroid', () => {
    const square: FeatureOf<'premises'> = {
      type: 'Feature', properties: { id: 'P-poly', name: '方形厂房', categories: ['factory'] },
      geometry: { type: 'Polygon', coordinates: [[at(-40, -40), at(60, -40), at(60, 60), at(-40, 60), at(-40, -40)]] },
    };
    const [lon, lat] = premiseAnchor(square);
    expect(proj.toXY([lon, lat]).map((v) => Math.round(v * 100) / 100)).toEqual([10, 10]);
  });

  it('works with no hydrants, lanes, sensors or alarms at all', () => {
    const bare = premiseFile(createPremiseFileIndex({}), premise, NOW);
    expect(bare.hydrants).toEqual({ nearest: [], radiusM: 150, inServiceWithinRadius: 0 });
    expect(bare.lanes.list).toEqual([]);
    expect(bare.sensors).toEqual({ list: [], otherAlarms: [], alarmDays: 30 });
  });
});

describe('premiseFile on the demo district', () => {
  let demo: DemoCollections;
  beforeAll(() => {
    demo = loadDemoCollections();
  });
  afterAll(() => demo.cleanup());

  it('gives a premise with an overdue major hazard its in-service hydrants nearest first', () => {
    const premises = demo.collections.premises?.features ?? [];
    const target = premises.find((p) => (p.properties.hazards ?? []).some((h) => h.severity === 'major' && isOverdue(h, demo.now)));
    expect(target).toBeDefined();
    if (!target) return;
    const demoFile = premiseFile(createPremiseFileIndex(demo.collections), target, demo.now);
    const distances = demoFile.hydrants.nearest.map((h) => h.distanceM);
    expect(distances).toHaveLength(3);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(demoFile.hydrants.nearest.every((h) => h.status === 'in_service')).toBe(true);
    expect(demoFile.timeline.some((h) => h.overdue && h.severity === 'major' && h.daysOverdue > 0)).toBe(true);
    const ranks = demoFile.lanes.list.map((l) => ['blocked', 'partly_blocked', 'clear'].indexOf(l.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
