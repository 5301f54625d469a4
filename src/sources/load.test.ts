import { describe, expect, it } from 'vitest';
import { parseExport } from './load.ts';
import { collection, point, spec } from './test-helpers.ts';

const premise = (extra: Record<string, unknown>) => point({ id: 'P-1', name: '青梅鞋厂', categories: ['factory'], ...extra });

describe('parseExport: whole file', () => {
  it.each([[''], ['   \n\t ']])('reports an empty file (%j) as file.empty', (text) => {
    const result = parseExport(text, spec('hydrants'));
    expect(result.report).toEqual([{ severity: 'error', file: 'hydrants.geojson', code: 'file.empty', message: 'hydrants.geojson: the file is empty' }]);
    expect(result.collection).toEqual({ type: 'FeatureCollection', features: [] });
    expect(result.stats).toEqual({ read: 0, kept: 0, dropped: 0, errors: 1, warnings: 0 });
  });

  it('reports JSON syntax errors with line and column when the runtime gives a position', () => {
    const result = parseExport('{"type":"FeatureCollection",\n "features": [,]}', spec('hydrants'), { file: 'x.geojson' });
    expect(result.report).toHaveLength(1);
    expect(result.report[0]).toMatchObject({ code: 'json.invalid', file: 'x.geojson', severity: 'error' });
    expect(result.report[0]?.message).toMatch(/^x\.geojson: not valid JSON/);
  });

  it.each([
    ['[]', 'array'], ['{"type":"Feature"}', 'Feature'], ['{"features":[]}', 'an object without "type"'], ['42', 'number'], ['null', 'null'],
  ])('refuses %s as not a FeatureCollection (found %s)', (text, found) => {
    const result = parseExport(text, spec('hydrants'));
    expect(result.report[0]).toMatchObject({ code: 'collection.not_feature_collection', params: { found } });
    expect(result.report[0]?.message).toBe(`hydrants.geojson: JSON but not a FeatureCollection (found type ${found})`);
  });

  it('refuses a FeatureCollection whose features is not an array', () => {
    const result = parseExport('{"type":"FeatureCollection","features":{}}', spec('hydrants'));
    expect(result.report[0]).toMatchObject({ code: 'collection.not_feature_collection', field: 'features' });
  });

  it('warns when the file declares a CRS the manifest contradicts', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } }, features: [] });
    expect(parseExport(text, spec('hydrants', { crs: 'GCJ02' })).report[0]).toMatchObject({ code: 'collection.crs_mismatch', params: { declared: 'WGS84', used: 'GCJ02' } });
    expect(parseExport(text, spec('hydrants')).report).toEqual([]);
  });

  it('drops entries that are not Features, and features whose properties are not an object', () => {
    const result = parseExport(collection({ type: 'Point', coordinates: [1, 2] }, 'x', { ...point({}), properties: [] }, point({ id: 'H', status: 'damaged' })), spec('hydrants'));
    expect(result.report.map((e) => [e.code, e.featureIndex])).toEqual([['feature.invalid', 0], ['feature.invalid', 1], ['feature.properties', 2]]);
    expect(result.stats).toMatchObject({ read: 4, kept: 1, dropped: 3 });
  });
});

describe('parseExport: properties', () => {
  it('keeps only contract fields, coerces tolerantly and reads enum labels silently', () => {
    const result = parseExport(collection(premise({
      categories: '厂房、三合一场所，出租房屋', key_unit: '是', floors: '３', height_m: '12.5米', fire_resistance_grade: '二级', fire_hazard_class: '丙类',
      last_inspected: '2024年3月5日', supervision_level: '街道', exporter_row_number: 17, 备注: 'x',
    })), spec('premises'));
    expect(result.collection.features[0]?.properties).toEqual({
      id: 'P-1', name: '青梅鞋厂', categories: ['factory', 'three_in_one', 'rental_housing'], key_unit: true, floors: 3, height_m: 12.5,
      fire_resistance_grade: 2, fire_hazard_class: 'C', last_inspected: '2024-03-05', supervision_level: 'street',
    });
    expect(result.report.map((e) => `${e.code} ${e.field}`)).toEqual([
      'field.coerced key_unit', 'field.coerced floors', 'field.coerced height_m',
    ]);
    expect(result.report[2]?.message).toBe('premises.geojson: feature #0 (id P-1): field "height_m": "12.5米" read as 12.5');
  });

  it('errors on a missing required field and drops the feature, reporting every problem of it', () => {
    const result = parseExport(collection(point({ id: 'P-1', categories: ['factory'], floors: 'many' }, [1000, 1000])), spec('premises'));
    expect(result.report.map((e) => `${e.severity} ${e.code} ${e.field}`)).toEqual([
      'error geometry.coordinates geometry', 'error field.required name', 'warning field.type floors',
    ]);
    expect(result.report[1]?.message).toBe('premises.geojson: feature #0 (id P-1): field "name": missing; required, so the feature is dropped');
    expect(result.stats).toEqual({ read: 1, kept: 0, dropped: 1, errors: 2, warnings: 1 });
  });

  it('treats blank cells as missing', () => {
    const result = parseExport(collection(point({ id: 'H-1', status: 'damaged', road: '', pressure_mpa: '-', type: null })), spec('hydrants'));
    expect(result.collection.features[0]?.properties).toEqual({ id: 'H-1', status: 'damaged' });
    expect(result.report).toEqual([]);
  });

  it('takes the id from the GeoJSON member when the property is missing', () => {
    const feature = { ...point({ status: 'damaged' }), id: 12 };
    expect(parseExport(collection(feature), spec('hydrants')).collection.features[0]?.properties.id).toBe('12');
  });

  it('sets unknown enum values to the fallback, drops optional ones without fallback, refuses required ones', () => {
    const result = parseExport(collection(
      point({ id: 'H-0012', status: '坏了' }),
      premise({ supervision_level: '国家级' }),
    ), spec('hydrants'));
    expect(result.collection.features[0]?.properties.status).toBe('unknown');
    expect(result.report[0]).toMatchObject({
      severity: 'warning', code: 'enum.unknown', featureIndex: 0, featureId: 'H-0012', field: 'status',
      params: { value: '坏了', enum: 'hydrant_status', fallback: 'unknown' },
      message: 'hydrants.geojson: feature #0 (id H-0012): field "status": unknown value "坏了"; expected one of in_service, damaged, no_water, low_pressure, obstructed, unknown; set to "unknown"',
    });
    const premises = parseExport(collection(premise({ supervision_level: '国家级' })), spec('premises'));
    expect(premises.collection.features[0]?.properties.supervision_level).toBeUndefined();
    expect(premises.report[0]).toMatchObject({ severity: 'warning', code: 'enum.unknown', field: 'supervision_level' });
    const alarms = parseExport(collection(point({ id: 'A-1', level: '严重', time: '2024-03-05 14:30' })), spec('alarms'));
    expect(alarms.stats.kept).toBe(0);
    expect(alarms.report[0]).toMatchObject({ severity: 'error', code: 'enum.unknown', field: 'level' });
  });

  it('drops numbers out of range or fractional where whole numbers are expected, with a warning', () => {
    const result = parseExport(collection(premise({ floors: 3.5, height_m: 900, employees: -1 })), spec('premises'));
    expect(result.collection.features[0]?.properties).toEqual({ id: 'P-1', name: '青梅鞋厂', categories: ['factory'] });
    expect(result.report.map((e) => `${e.severity} ${e.code} ${e.field}`)).toEqual([
      'warning number.integer floors', 'warning number.range height_m', 'warning number.range employees',
    ]);
    expect(result.report[1]?.params).toEqual({ value: 900, min: 0, max: 700 });
    expect(result.report[1]?.message).toContain('900 is outside 0…700 m; field dropped');
  });

  it('writes date-times in Beijing time', () => {
    const result = parseExport(collection(point({ id: 'A-1', level: '火警', time: 1709620200000 })), spec('alarms'));
    expect(result.collection.features[0]?.properties.time).toBe('2024-03-05T14:30:00+08:00');
  });
});

describe('parseExport: nested items', () => {
  const hazard = (extra: Record<string, unknown>) => ({ id: 'HZ-1', type: '疏散通道', severity: '较大', status: '待整改', found_at: '2024-03-10', ...extra });

  it('reads hazards from an array or a JSON string', () => {
    const asString = parseExport(collection(premise({ hazards: JSON.stringify([hazard({})]) })), spec('premises'));
    expect(asString.collection.features[0]?.properties.hazards).toEqual([{ id: 'HZ-1', type: 'evacuation', severity: 'larger', status: 'open', found_at: '2024-03-10' }]);
  });

  it('drops a deadline or closing date that precedes the found date, with a warning', () => {
    const result = parseExport(collection(premise({ hazards: [hazard({ deadline: '2024-03-05', closed_at: '2024-03-01' })] })), spec('premises'));
    expect(result.collection.features[0]?.properties.hazards?.[0]).not.toHaveProperty('deadline');
    expect(result.collection.features[0]?.properties.hazards?.[0]).not.toHaveProperty('closed_at');
    expect(result.report.map((e) => `${e.severity} ${e.code} ${e.field}`)).toEqual(['warning date.order hazards[0].deadline', 'warning date.order hazards[0].closed_at']);
    expect(result.report[0]?.message).toBe('premises.geojson: feature #0 (id P-1): field "hazards[0].deadline": deadline 2024-03-05 precedes found_at 2024-03-10; deadline dropped');
  });

  it('drops a nested item with an error and keeps the feature', () => {
    const result = parseExport(collection(premise({ hazards: [hazard({}), hazard({ id: 'HZ-2', severity: '很严重' }), 'HZ-3', hazard({ id: 'HZ-4', found_at: undefined })] })), spec('premises'));
    expect(result.stats).toMatchObject({ kept: 1, dropped: 0, errors: 3 });
    expect(result.collection.features[0]?.properties.hazards?.map((h) => h.id)).toEqual(['HZ-1']);
    expect(result.report.map((e) => `${e.severity} ${e.code} ${e.field}`)).toEqual([
      'error enum.unknown hazards[1].severity', 'error item.invalid hazards[2]', 'error field.required hazards[3].found_at',
    ]);
    expect(result.report[0]?.message).toContain('required, so the hazard is dropped');
  });

  it('validates enforcement actions inside hazards', () => {
    const result = parseExport(collection(premise({ hazards: [hazard({ enforcement: [{ type: '罚款', date: '2024/3/12', amount_cny: '5000元' }, { type: '罚款' }] })] })), spec('premises'));
    expect(result.collection.features[0]?.properties.hazards?.[0]?.enforcement).toEqual([{ type: 'fine', date: '2024-03-12', amount_cny: 5000 }]);
    expect(result.report.find((e) => e.severity === 'error')).toMatchObject({ code: 'field.required', field: 'hazards[0].enforcement[1].date' });
  });
});

describe('parseExport: ids', () => {
  it('keeps the first of duplicate ids and names both indexes', () => {
    const result = parseExport(collection(point({ id: 'H-1', status: 'damaged' }), point({ id: 'H-2', status: 'damaged' }), point({ id: 'H-1', status: 'no_water' })), spec('hydrants'));
    expect(result.collection.features.map((f) => f.properties.status)).toEqual(['damaged', 'damaged']);
    expect(result.report).toEqual([expect.objectContaining({
      code: 'id.duplicate', featureIndex: 2, featureId: 'H-1', field: 'id', params: { id: 'H-1', firstIndex: 0 },
      message: 'hydrants.geojson: feature #2 (id H-1): field "id": id "H-1" is already used by feature #0; this one is dropped (the first is kept)',
    })]);
  });

  it('lets a later feature keep an id whose first holder was dropped', () => {
    const result = parseExport(collection({ ...point({ id: 'H-1', status: 'damaged' }), geometry: null }, point({ id: 'H-1', status: 'damaged' })), spec('hydrants'));
    expect(result.stats).toMatchObject({ kept: 1, errors: 1 });
    expect(result.report[0]?.code).toBe('geometry.missing');
  });
});

describe('parseExport: report size', () => {
  it('lists a warning of one code and field 50 times, then counts the rest in one entry', () => {
    const features = Array.from({ length: 120 }, (_, i) => point({ id: `H-${i}`, status: 'damaged', pressure_mpa: '0.3MPa' }));
    const result = parseExport(collection(...features), spec('hydrants'));
    expect(result.stats.warnings).toBe(120);
    expect(result.report).toHaveLength(51);
    expect(result.report[50]).toMatchObject({ code: 'report.more', field: 'pressure_mpa', params: { code: 'field.coerced', count: 70 } });
    expect(parseExport(collection(...features), spec('hydrants'), { warningsPerField: Infinity }).report).toHaveLength(120);
  });
});

describe('parseExport: hostile or odd input', () => {
  it('ignores a byte order mark', () => {
    expect(parseExport(`\uFEFF${collection(point({ id: 'H-1', status: 'damaged' }))}`, spec('hydrants')).stats.kept).toBe(1);
  });

  it('keeps "__proto__" and "constructor" keys inert', () => {
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[118.58,24.8]},'
      + '"properties":{"id":"H-1","__proto__":{"status":"damaged"},"constructor":"x"}}]}';
    const result = parseExport(text, spec('hydrants', { mapping: { fields: { constructor: 'road' } } }));
    expect(result.report.map((e) => `${e.code} ${e.field}`)).toEqual(['field.required status']);
    const aliases = parseExport(collection(point({ id: 'B-1', use: 'factory', fire_resistance_grade: 'constructor' }, undefined)), spec('buildings'));
    expect(aliases.report.map((e) => `${e.code} ${e.field}`)).toEqual(['geometry.type geometry', 'field.type fire_resistance_grade']);
  });
});
