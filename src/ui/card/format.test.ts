import { afterEach, describe, expect, it } from 'vitest';
import { lang } from '../../i18n/index.ts';
import { daysUntil, factText, formatDateTime, formatDistance } from './format.ts';

afterEach(() => {
  lang.value = 'zh-CN';
});

describe('factText', () => {
  it('writes enums, lists, booleans and numbers with units from the contract', () => {
    expect(factText({ field: 'categories', value: ['factory', 'three_in_one'], personal: false }, false)).toBe('厂房、三合一场所');
    expect(factText({ field: 'fire_hazard_class', value: 'C', personal: false }, false)).toBe('丙类');
    expect(factText({ field: 'key_unit', value: false, personal: false }, false)).toBe('否');
    expect(factText({ field: 'area_m2', value: 12345.67, personal: false }, false)).toBe('12,345.7 m²');
    expect(factText({ field: 'floors', value: 3, personal: false }, false)).toBe('3');
    expect(factText({ field: 'fire_resistance_grade', value: 2, personal: false }, false)).toBe('二级');
    expect(factText({ field: 'address', value: '锦和路 12 号', personal: false }, true)).toBe('锦和路 12 号');
  });

  it('shows the masked text of personal values only when masking', () => {
    const row = { field: 'principal', value: '张三', personal: true, masked: '张*' } as const;
    expect(factText(row, true)).toBe('张*');
    expect(factText(row, false)).toBe('张三');
    expect(factText({ field: 'phone', value: '13812345678', personal: true }, true)).toBe('***');
  });

  it('follows the language', () => {
    lang.value = 'en';
    expect(factText({ field: 'categories', value: ['factory', 'warehouse'], personal: false }, false)).toBe('factory, warehouse');
    expect(factText({ field: 'key_unit', value: true, personal: false }, false)).toBe('yes');
    expect(factText({ field: 'fire_resistance_grade', value: 2, personal: false }, false)).toBe('2');
  });
});

describe('dates and distances', () => {
  it('writes date-times in Beijing time whatever the offset', () => {
    expect(formatDateTime('2024-06-14T20:00:00+08:00')).toBe('2024-06-14 20:00');
    expect(formatDateTime('2024-06-14T12:00:00Z')).toBe('2024-06-14 20:00');
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('counts days to a deadline on Beijing dates', () => {
    const now = new Date('2024-06-15T01:00:00+08:00'); // still 14 June in UTC
    expect(daysUntil('2024-06-15', now)).toBe(0);
    expect(daysUntil('2024-06-20', now)).toBe(5);
    expect(daysUntil('2024-06-01', now)).toBe(-14);
  });

  it('rounds distances to whole metres', () => {
    expect(formatDistance(38.77)).toBe('39 米');
    lang.value = 'en';
    expect(formatDistance(1234.4)).toBe('1,234 m');
  });
});
