import { describe, expect, it } from 'vitest';
import { cnDateTime, cstMidnight, dayOf, isoDateTime, isoDay } from './dates.ts';
import { cnNumber, NameBook } from './names.ts';
import { createRng } from './rng.ts';

describe('NameBook', () => {
  const book = new NameBook(createRng(5));
  it('makes fake mobile numbers shaped 1xx-xxxx-xxxx', () => {
    for (let k = 0; k < 50; k++) expect(book.phone()).toMatch(/^1\d{2}-\d{4}-\d{4}$/);
  });
  it('never issues the same road or community name twice', () => {
    const roads = Array.from({ length: 300 }, () => book.road('local'));
    expect(new Set(roads).size).toBe(300);
    expect(book.community(true)).toMatch(/村$/);
    expect(book.community(false)).toMatch(/社区$/);
    expect(book.streetOffice()).toMatch(/街道$/);
    expect(book.lane('后林村', 3)).toBe('后林三巷');
  });
  it('writes Chinese numerals', () => {
    expect([1, 10, 12, 20, 35, 99].map(cnNumber)).toEqual(['一', '十', '十二', '二十', '三十五', '九十九']);
  });
});

describe('dates in China time', () => {
  it('round-trips days and prints platform and ISO times', () => {
    const d = dayOf('2026-11-27');
    expect(isoDay(d - 30)).toBe('2026-10-28');
    expect(cnDateTime(cstMidnight(d) + 14 * 3600 + 30 * 60)).toBe('2026-11-27 14:30:00');
    expect(isoDateTime(cstMidnight(d))).toBe('2026-11-27T00:00:00+08:00');
  });
  it('refuses malformed and impossible dates', () => {
    expect(() => dayOf('2026-13-01')).toThrow(/calendar date/);
    expect(() => dayOf('27/11/2026')).toThrow(/YYYY-MM-DD/);
  });
});
