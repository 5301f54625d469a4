import { describe, expect, it } from 'vitest';
import { isBlank, labelKey, readBoolean, readList, readNumber, readString } from './coerce.ts';
import { matchEnum } from './enum-match.ts';

describe('readNumber', () => {
  it.each([
    [12.5, 12.5, false],
    ['12.5', 12.5, false],
    ['12.5米', 12.5, true],
    ['0.35MPa', 0.35, true],
    ['１２', 12, true],
    ['１２．５ｍ', 12.5, true],
    [' -3 ', -3, false],
    ['1,200', 1200, true],
    ['1,200.5 m²', 1200.5, true],
    ['35%', 35, true],
    ['1e3', 1000, false],
  ])('reads %j as %d', (raw, value, coerced) => {
    expect(readNumber(raw)).toEqual({ ok: true, value, coerced });
  });

  it.each([['abc'], ['约12米'], ['12-15'], ['12~15'], ['1.2.3'], [true], [null], [{}], [[1]], [Number.NaN], [Number.POSITIVE_INFINITY], ['']])(
    'refuses %j', (raw) => {
      expect(readNumber(raw).ok).toBe(false);
    });

  it('reads the aliases a field declares (一级 → 1) without calling it a conversion', () => {
    const aliases = { 一级: 1, 二级: 2 };
    expect(readNumber('二级', aliases)).toEqual({ ok: true, value: 2, coerced: false });
    expect(readNumber(' 一级 ', aliases)).toEqual({ ok: true, value: 1, coerced: false });
    expect(readNumber('五级', aliases).ok).toBe(false);
  });
});

describe('readBoolean', () => {
  it.each([
    [true, true, false], [false, false, false],
    ['true', true, true], ['FALSE', false, true], [1, true, true], [0, false, true], ['1', true, true], ['0', false, true],
    ['是', true, true], ['否', false, true], ['Y', true, true], ['n', false, true], ['yes', true, true], [' No ', false, true],
  ])('reads %j as %s', (raw, value, coerced) => {
    expect(readBoolean(raw)).toEqual({ ok: true, value, coerced });
  });

  it('reads the labels a field declares (在线/离线) as part of the contract', () => {
    expect(readBoolean('在线', ['在线'], ['离线'])).toEqual({ ok: true, value: true, coerced: false });
    expect(readBoolean('离线', ['在线'], ['离线'])).toEqual({ ok: true, value: false, coerced: false });
  });

  it.each([['maybe'], [2], [null], [['是']]])('refuses %j', (raw) => {
    expect(readBoolean(raw).ok).toBe(false);
  });
});

describe('readString', () => {
  it('trims text and turns numbers into text silently (ids often arrive as numbers)', () => {
    expect(readString('  青梅路 ')).toEqual({ ok: true, value: '青梅路', coerced: false });
    expect(readString(13800000000)).toEqual({ ok: true, value: '13800000000', coerced: false });
    expect(readString(true)).toEqual({ ok: true, value: 'true', coerced: true });
    expect(readString({ a: 1 }).ok).toBe(false);
  });
});

describe('readList', () => {
  it('splits a cell on 、 , ， ; ； and reads a JSON array string', () => {
    expect(readList('厂房、三合一,仓库，商店;学校；医院', true)).toEqual({ ok: true, value: ['厂房', '三合一', '仓库', '商店', '学校', '医院'], coerced: true });
    expect(readList('["factory","warehouse"]', true)).toEqual({ ok: true, value: ['factory', 'warehouse'], coerced: true });
    expect(readList(['a'], true)).toEqual({ ok: true, value: ['a'], coerced: false });
  });

  it('reads nested items from a JSON string or a single object, but never splits them', () => {
    expect(readList('[{"id":"HZ-1"}]', false)).toEqual({ ok: true, value: [{ id: 'HZ-1' }], coerced: true });
    expect(readList({ id: 'HZ-1' }, false)).toEqual({ ok: true, value: [{ id: 'HZ-1' }], coerced: true });
    expect(readList('HZ-1、HZ-2', false).ok).toBe(false);
  });
});

describe('isBlank', () => {
  it.each([[undefined], [null], [''], ['   '], ['-'], ['—'], ['/'], ['NULL']])('treats %j as missing', (raw) => {
    expect(isBlank(raw)).toBe(true);
  });
  it.each([[0], [false], ['0'], ['无'], [[]]])('keeps %j', (raw) => {
    expect(isBlank(raw)).toBe(false);
  });
});

describe('matchEnum', () => {
  it('matches identifiers, Chinese and English labels and aliases, ignoring case, width, quotes and spaces', () => {
    expect(matchEnum('hydrant_status', 'in_service')).toBe('in_service');
    expect(matchEnum('hydrant_status', 'IN_SERVICE')).toBe('in_service');
    expect(matchEnum('hydrant_status', ' 正常 ')).toBe('in_service');
    expect(matchEnum('hydrant_status', '完好')).toBe('in_service');
    expect(matchEnum('hydrant_status', 'In Service')).toBe('in_service');
    expect(matchEnum('hydrant_status', '损坏')).toBe('damaged');
    expect(matchEnum('hydrant_status', '无水')).toBe('no_water');
    expect(matchEnum('premise_category', '“三合一”场所')).toBe('three_in_one');
    expect(matchEnum('premise_category', 'ＫＴＶ')).toBe('entertainment');
    expect(matchEnum('crs', 'epsg:4490')).toBe('CGCS2000');
    expect(matchEnum('crs', 'GCJ-02（火星坐标）')).toBe('GCJ02');
  });

  it('returns undefined for unknown labels and non-text', () => {
    expect(matchEnum('hydrant_status', '坏了')).toBeUndefined();
    expect(matchEnum('hydrant_status', null)).toBeUndefined();
    expect(matchEnum('hydrant_status', { value: 'damaged' })).toBeUndefined();
  });

  it('tries the manifest relabels first', () => {
    const relabels = new Map([[labelKey('压力低'), 'low_pressure']]);
    expect(matchEnum('hydrant_status', '压力低', relabels)).toBe('low_pressure');
    expect(matchEnum('hydrant_status', '正常', relabels)).toBe('in_service');
  });
});
