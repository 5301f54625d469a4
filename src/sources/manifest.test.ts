import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest.ts';

const source = (extra: Record<string, unknown> = {}) => ({ id: 'hydrants', kind: 'hydrants', path: 'hydrants.geojson', crs: 'GCJ02', ...extra });
const manifest = (sources: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 1, sources, ...extra });
const codes = (text: string) => parseManifest(text, 'manifest.json').report.map((e) => `${e.severity} ${e.code} ${e.field ?? ''}`.trim());

describe('parseManifest', () => {
  it('reads a valid manifest, CRS by alias', () => {
    const text = manifest([source({ crs: '火星坐标', refresh_s: 60, max_mb: 8, title: '消火栓', mapping: { fields: { 编号: 'id' }, values: { status: { 坏: 'damaged' } } } })],
      { name: '青梅街道', bbox: [118.56, 24.78, 118.6, 24.82] });
    expect(parseManifest(text, 'manifest.json')).toEqual({
      manifest: {
        version: 1, name: '青梅街道', bbox: [118.56, 24.78, 118.6, 24.82],
        sources: [{ id: 'hydrants', kind: 'hydrants', path: 'hydrants.geojson', crs: 'GCJ02', refresh_s: 60, max_mb: 8, title: '消火栓', mapping: { fields: { 编号: 'id' }, values: { status: { 坏: 'damaged' } } } }],
      },
      report: [],
    });
  });

  it('refuses what cannot be a manifest', () => {
    expect(parseManifest('', 'm.json')).toMatchObject({ manifest: null, report: [{ code: 'file.empty' }] });
    expect(parseManifest('{', 'm.json')).toMatchObject({ manifest: null, report: [{ code: 'json.invalid' }] });
    expect(parseManifest('[]', 'm.json')).toMatchObject({ manifest: null, report: [{ code: 'manifest.invalid' }] });
    expect(parseManifest('{"version":2,"sources":[]}', 'm.json')).toMatchObject({ manifest: null, report: [{ code: 'manifest.version', severity: 'error' }] });
    expect(parseManifest('{"version":1}', 'm.json')).toMatchObject({ manifest: null, report: [{ code: 'manifest.sources' }] });
  });

  it('assumes version 1 and WGS84 with warnings', () => {
    const result = parseManifest(JSON.stringify({ sources: [source({ crs: undefined })] }), 'manifest.json');
    expect(result.manifest?.sources[0]?.crs).toBe('WGS84');
    expect(result.report.map((e) => e.code)).toEqual(['manifest.version', 'manifest.crs_default']);
    expect(result.report[1]?.message).toBe('manifest.json: field "sources[0].crs": source "hydrants": no coordinate system given; WGS84 assumed (GCJ-02 or BD-09 data would land 300–700 m off)');
  });

  it('leaves out bad sources and keeps the others', () => {
    const text = manifest([
      source(), 'x', source({ id: '' }), source({ id: 'a', kind: 'hydrant' }), source({ id: 'b', path: 3 }), source({ id: 'c', crs: 'UTM 50N' }), source(),
    ]);
    const result = parseManifest(text, 'manifest.json');
    expect(result.manifest?.sources.map((s) => s.id)).toEqual(['hydrants']);
    expect(codes(text)).toEqual([
      'error manifest.source sources[1]', 'error manifest.id sources[2].id', 'error manifest.kind sources[3].kind', 'error manifest.path sources[4].path',
      'error manifest.crs sources[5].crs', 'error manifest.id_duplicate sources[6].id',
    ]);
  });

  it('ignores bad optional settings with warnings', () => {
    const text = manifest([source({ refresh_s: -1, max_mb: 0, title: 5 })], { bbox: [118.6, 24.78, 118.56, 24.82], name: 3 });
    const result = parseManifest(text, 'manifest.json');
    expect(result.manifest?.sources[0]).toEqual(source());
    expect(result.manifest).not.toHaveProperty('bbox');
    expect(codes(text)).toEqual(['warning manifest.field name', 'warning manifest.bbox bbox', 'warning manifest.refresh_s sources[0].refresh_s',
      'warning manifest.max_mb sources[0].max_mb', 'warning manifest.field sources[0].title']);
  });

  it('keeps a snapshot time and ignores one that is not a date-time', () => {
    const good = parseManifest(manifest([source()], { as_of: '2026-11-27T18:00:00+08:00' }), 'manifest.json');
    expect(good.manifest?.as_of).toBe('2026-11-27T18:00:00+08:00');
    const text = manifest([source()], { as_of: 'yesterday' });
    expect(parseManifest(text, 'manifest.json').manifest).not.toHaveProperty('as_of');
    expect(codes(text)).toEqual(['warning manifest.as_of as_of']);
  });

  it('keeps the path of a rules file and ignores one that is not text', () => {
    expect(parseManifest(manifest([source()], { rules: 'rules.json' }), 'manifest.json').manifest?.rules).toBe('rules.json');
    const text = manifest([source()], { rules: 7 });
    expect(parseManifest(text, 'manifest.json').manifest).not.toHaveProperty('rules');
    expect(codes(text)).toEqual(['warning manifest.field rules']);
  });

  it('checks the shape and targets of mappings', () => {
    const text = manifest([source({ mapping: { fields: { 编号: 'id', 名称: 'name', 'x.y': 'status', 等级: 7 }, values: { status: { 坏: 'damaged' }, colour: { 红: 'red' }, type: 'x' } } }),
      source({ id: 'p', kind: 'premises', mapping: { fields: { 'hazards.等级': 'severity', 'hazards.状态': 'hazards.status', 'hazards.颜色': 'colour' } } }),
      source({ id: 'q', mapping: [] })]);
    const result = parseManifest(text, 'manifest.json');
    expect(result.manifest?.sources[0]?.mapping).toEqual({ fields: { 编号: 'id', 'x.y': 'status' }, values: { status: { 坏: 'damaged' } } });
    expect(result.manifest?.sources[1]?.mapping).toEqual({ fields: { 'hazards.等级': 'severity', 'hazards.状态': 'hazards.status' } });
    expect(result.manifest?.sources[2]).not.toHaveProperty('mapping');
    expect(codes(text)).toEqual([
      'warning manifest.mapping_target sources[0].mapping.fields.名称', 'warning manifest.mapping_target sources[0].mapping.fields.等级',
      'warning manifest.mapping sources[0].mapping.values.colour', 'warning manifest.mapping sources[0].mapping.values.type',
      'warning manifest.mapping_target sources[1].mapping.fields.hazards.颜色', 'warning manifest.mapping sources[2].mapping',
    ]);
  });
});
