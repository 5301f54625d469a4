import { describe, expect, it } from 'vitest';
import { KINDS } from './contract/kinds.ts';
import { parseExport } from './load.ts';
import { compileMapping, nestedPaths, renameKeys, splitPath } from './mapping.ts';
import { collection, point, spec } from './test-helpers.ts';

describe('field mapping through parseExport', () => {
  it('renames Chinese property names and reads Chinese status labels (正常/损坏/无水) without a values mapping', () => {
    const mapping = { fields: { 编号: 'id', 地址: 'road', 状态: 'status' } };
    const text = collection(
      point({ 编号: 'XHS-001', 名称: '1号栓', 地址: '青梅路', 状态: '正常' }),
      point({ 编号: 'XHS-002', 名称: '2号栓', 地址: '后街', 状态: '损坏' }),
      point({ 编号: 'XHS-003', 名称: '3号栓', 状态: '无水' }),
    );
    const result = parseExport(text, spec('hydrants', { mapping }));
    expect(result.report).toEqual([]);
    expect(result.collection.features.map((f) => f.properties)).toEqual([
      { id: 'XHS-001', road: '青梅路', status: 'in_service' },
      { id: 'XHS-002', road: '后街', status: 'damaged' },
      { id: 'XHS-003', status: 'no_water' },
    ]);
  });

  it('maps 名称/地址 to premises name/address', () => {
    const result = parseExport(collection(point({ 编号: 'P-1', 名称: '青梅鞋厂', 地址: '青梅路12号', 类别: '厂房' })),
      spec('premises', { mapping: { fields: { 编号: 'id', 名称: 'name', 地址: 'address', 类别: 'categories' } } }));
    expect(result.collection.features[0]?.properties).toEqual({ id: 'P-1', name: '青梅鞋厂', address: '青梅路12号', categories: ['factory'] });
  });

  it('relabels values the built-in aliases do not know, including booleans and nested fields', () => {
    const mapping = {
      fields: { 隐患列表: 'hazards', 'hazards.隐患等级': 'severity', 'hazards.状态': 'hazards.status', 'hazards.enforcement.措施': 'type', 接入: 'iot_connected' },
      values: { 'hazards.severity': { 红色: 'major' }, iot_connected: { 已接入: true }, 'hazards.enforcement.type': { 开罚单: 'fine' } },
    };
    const hazard = { id: 'HZ-1', type: '违规用电', 隐患等级: '红色', 状态: '待整改', found_at: '2024-03-01', enforcement: [{ 措施: '开罚单', date: '2024-03-02' }] };
    const result = parseExport(collection(point({ id: 'P-1', name: 'n', categories: 'factory', 接入: '已接入', 隐患列表: [hazard] })), spec('premises', { mapping }));
    expect(result.report).toEqual([]);
    expect(result.collection.features[0]?.properties).toMatchObject({
      iot_connected: true,
      hazards: [{ id: 'HZ-1', type: 'electrical', severity: 'major', status: 'open', found_at: '2024-03-01', enforcement: [{ type: 'fine', date: '2024-03-02' }] }],
    });
  });

  it('lets the mapped column win over one that already has the contract name', () => {
    const result = parseExport(collection(point({ id: 'row-1', 编号: 'XHS-001', status: 'damaged' })), spec('hydrants', { mapping: { fields: { 编号: 'id' } } }));
    expect(result.collection.features[0]?.properties.id).toBe('XHS-001');
  });
});

describe('mapping helpers', () => {
  it('lists nested paths and splits keys on the longest one (exporter names may contain dots)', () => {
    expect(nestedPaths(KINDS.premises.fields)).toEqual(['hazards', 'hazards.enforcement']);
    expect(splitPath('hazards.enforcement.措施', ['hazards', 'hazards.enforcement'])).toEqual({ path: 'hazards.enforcement', name: '措施' });
    expect(splitPath('No.编号', ['hazards'])).toEqual({ path: '', name: 'No.编号' });
  });

  it('compiles renames per path and leaves the input object alone', () => {
    const compiled = compileMapping(KINDS.premises, { fields: { 名称: 'name', 'hazards.等级': 'hazards.severity' } });
    expect([...(compiled.renames('') ?? [])]).toEqual([['名称', 'name']]);
    expect([...(compiled.renames('hazards') ?? [])]).toEqual([['等级', 'severity']]);
    const raw = { 名称: 'x', other: 1 };
    expect(renameKeys(raw, compiled.renames(''))).toEqual({ name: 'x', other: 1 });
    expect(raw).toEqual({ 名称: 'x', other: 1 });
  });
});
