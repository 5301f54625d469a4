import { describe, expect, it } from 'vitest';
import { guessKind, labelMapping } from './guess-kind.ts';

const point = { type: 'Point', coordinates: [120.1, 30.2] };
const square = { type: 'Polygon', coordinates: [[[120, 30], [120.01, 30], [120.01, 30.01], [120, 30]]] };

function collection(...features: { properties: Record<string, unknown>; geometry?: unknown; id?: string }[]) {
  return { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', geometry: point, ...f })) };
}

describe('guessKind by file name', () => {
  it.each([
    ['premises.geojson', 'premises'],
    ['hydrants-2026.geojson', 'hydrants'],
    ['Hydrant_export.json', 'hydrants'],
    ['fire_lanes.geojson', 'fire_lanes'],
    ['Fire Lanes (north).geojson', 'fire_lanes'],
    ['消火栓.geojson', 'hydrants'],
    ['市政消火栓2026.geojson', 'hydrants'],
    ['区域性火灾隐患.json', 'hazard_areas'],
    ['消防站点.geojson', 'stations'],
    ['告警-0301.geojson', 'alarms'],
    ['iot-sensors.geojson', 'sensors'],
  ])('%s → %s', (name, kind) => {
    expect(guessKind(name, undefined)).toEqual({ kind, reason: 'name' });
  });

  it('does not find a Latin word inside another one', () => {
    // "road" is inside "railroads"; "grid" inside "gridiron". Neither names a kind.
    expect(guessKind('railroads.geojson', collection()).kind).toBeNull();
    expect(guessKind('gridiron.geojson', collection()).kind).toBeNull();
  });

  it('lets the contents decide when the name names two kinds, else the longer word', () => {
    const alarm = { properties: { id: 'A1', level: 'fire', time: '2026-03-01T08:00:00+08:00' } };
    expect(guessKind('iot_alarms.geojson', collection(alarm))).toEqual({ kind: 'alarms', reason: 'fields' });
    expect(guessKind('iot_alarms.geojson', undefined)).toEqual({ kind: 'alarms', reason: 'name' });
    // 设备 (sensors) and 告警 (alarms) are as long as each other: no winner by name.
    expect(guessKind('设备告警.geojson', undefined)).toEqual({ kind: null, reason: 'ambiguous' });
  });
});

describe('guessKind by fields', () => {
  it('picks the kind whose required fields the features carry', () => {
    const hydrant = { properties: { id: 'H1', status: 'in_service', road: '中山路' } };
    expect(guessKind('export.geojson', collection(hydrant, hydrant))).toEqual({ kind: 'hydrants', reason: 'fields' });
  });

  it('uses geometry to tell kinds with the same required fields apart', () => {
    // id + status: hydrants (Point) or fire lanes (LineString).
    const lane = { properties: { id: 'L1', status: 'clear' }, geometry: { type: 'LineString', coordinates: [[120, 30], [120.1, 30]] } };
    expect(guessKind('export.geojson', collection(lane)).kind).toBe('fire_lanes');
  });

  it('prefers the kind that knows more of the properties', () => {
    // A station has id, kind and name; so may a sensor, but staff and vehicles are station fields.
    const station = { properties: { id: 'S1', kind: 'fire_station', name: '一中队', staff: 30, vehicles: 6 } };
    expect(guessKind('export.geojson', collection(station)).kind).toBe('stations');
  });

  it('answers null on a tie', () => {
    // id, kind and name only: a station and a sensor fit equally well.
    const either = { properties: { id: 'X1', kind: 'smoke', name: '某某' } };
    expect(guessKind('export.geojson', collection(either))).toEqual({ kind: null, reason: 'ambiguous' });
  });

  it('reads Chinese field labels and the GeoJSON id member', () => {
    const alarm = { properties: { 告警编号: 'A1', 设备编号: 'D1', 告警级别: '火警', 告警时间: '2026-03-01 08:00', 确认状态: '未确认' } };
    expect(guessKind('0301.geojson', collection(alarm)).kind).toBe('alarms');
    const grid = { id: 'G1', properties: { community: '林柳社区' }, geometry: square };
    expect(guessKind('export.geojson', collection(grid)).kind).toBe('grids');
  });

  it('looks at no more than the first features asked for', () => {
    const hydrant = { properties: { id: 'H1', status: 'in_service' } };
    const station = { properties: { id: 'S1', kind: 'fire_station', name: '站', staff: 12 } };
    const features = collection(hydrant, station, station, station);
    expect(guessKind('export.geojson', features, 1).kind).toBe('hydrants');
    expect(guessKind('export.geojson', features).kind).toBe('stations');
  });

  it('says when nothing fits or the file is not GeoJSON', () => {
    expect(guessKind('export.geojson', collection({ properties: { foo: 1 } }))).toEqual({ kind: null, reason: 'no_match' });
    expect(guessKind('export.geojson', { type: 'Feature' })).toEqual({ kind: null, reason: 'not_geojson' });
    expect(guessKind('export.geojson', undefined)).toEqual({ kind: null, reason: 'not_geojson' });
  });
});

describe('labelMapping', () => {
  it('renames Chinese labels of the kind to contract names', () => {
    const alarm = { properties: { 告警编号: 'A1', 设备编号: 'D1', 告警级别: '火警', 告警时间: '2026-03-01 08:00' } };
    expect(labelMapping('alarms', collection(alarm))).toEqual({
      fields: { 告警编号: 'id', 设备编号: 'sensor_id', 告警级别: 'level', 告警时间: 'time' },
    });
  });

  it('leaves a label alone when the contract name is used too, and answers nothing when there is nothing to map', () => {
    const hydrant = { properties: { id: 'H1', 编号: 'old-1', 状态: '正常' } };
    expect(labelMapping('hydrants', collection(hydrant))).toEqual({ fields: { 状态: 'status' } });
    expect(labelMapping('hydrants', collection({ properties: { id: 'H1', status: 'in_service' } }))).toBeUndefined();
  });
});
