import { describe, expect, it } from 'vitest';
import { beijingDate, instantOf, readDate, readDateTime } from './dates.ts';

describe('readDate', () => {
  it('keeps ISO dates as they are, without calling it a conversion', () => {
    expect(readDate('2024-03-05')).toEqual({ ok: true, value: '2024-03-05', coerced: false });
  });

  it.each([
    ['2024-3-5'], ['2024/03/05'], ['2024/3/5'], ['2024.03.05'], ['2024年3月5日'], ['2024年03月05日'], ['20240305'], [20240305],
    ['２０２４年３月５日'], ['2024-03-05 14:30'], ['2024/3/5 14:30:00'], ['2024年3月5日 14时30分'], ['2024-03-05T14:30:00+08:00'],
    ['2024-03-05T06:30:00Z'], [Date.parse('2024-03-05T14:30:00+08:00')], [String(Date.parse('2024-03-05T14:30:00+08:00'))],
    [Date.parse('2024-03-05T14:30:00+08:00') / 1000],
  ])('reads %j as 2024-03-05 (a warning only for digits without separators)', (raw) => {
    const writtenOut = typeof raw === 'string' && /^\D*\d{4}\D/.test(raw.replace(/[０-９]/g, '0'));
    expect(readDate(raw)).toEqual({ ok: true, value: '2024-03-05', coerced: !writtenOut });
  });

  it('gives the Beijing date of an instant in another zone', () => {
    expect(readDate('2024-03-05T20:00:00Z')).toMatchObject({ ok: true, value: '2024-03-06' });
    expect(readDate('2024-03-05T23:30:00-05:00')).toMatchObject({ ok: true, value: '2024-03-06' });
  });

  it.each([
    ['2024-02-30'], ['2023-02-29'], ['2024-13-01'], ['2024-00-10'], ['24-03-05'], ['0024-03-05'], ['3024-03-05'], ['2024-03-05 25:00'],
    ['2024-03-05 14:61'], ['next Monday'], ['2024'], [''], [true], [null], [{ y: 2024 }], [12345], [Number.NaN],
  ])('refuses %j', (raw) => {
    expect(readDate(raw).ok).toBe(false);
  });

  it('accepts 29 February in a leap year', () => {
    expect(readDate('2024-02-29')).toMatchObject({ ok: true, value: '2024-02-29' });
  });
});

describe('readDateTime', () => {
  it('keeps ISO with an offset silently, normalised to Beijing time', () => {
    expect(readDateTime('2024-03-05T14:30:00+08:00')).toEqual({ ok: true, value: '2024-03-05T14:30:00+08:00', coerced: false });
    expect(readDateTime('2024-03-05T06:30:00Z')).toEqual({ ok: true, value: '2024-03-05T14:30:00+08:00', coerced: false });
    expect(readDateTime('2024-03-05T06:30:00.250Z')).toEqual({ ok: true, value: '2024-03-05T14:30:00+08:00', coerced: false });
  });

  it.each([
    ['2024-03-05 14:30', '2024-03-05T14:30:00+08:00'],
    ['2024-3-5 14:30:15', '2024-03-05T14:30:15+08:00'],
    ['2024/03/05 14:30', '2024-03-05T14:30:00+08:00'],
    ['2024.03.05 9:05', '2024-03-05T09:05:00+08:00'],
    ['2024年3月5日 14时30分', '2024-03-05T14:30:00+08:00'],
    ['2024年3月5日14时30分15秒', '2024-03-05T14:30:15+08:00'],
    ['2024-03-05T14:30', '2024-03-05T14:30:00+08:00'],
    ['2024-03-05 14：30', '2024-03-05T14:30:00+08:00'],
    ['20240305 143000', '2024-03-05T14:30:00+08:00'],
    ['2024-03-05T14:30:00+0000', '2024-03-05T22:30:00+08:00'],
    ['2024-03-05', '2024-03-05T00:00:00+08:00'],
    [Date.parse('2024-03-05T14:30:00+08:00'), '2024-03-05T14:30:00+08:00'],
  ])('reads %j as %s (no zone = Beijing time)', (raw, value) => {
    const writtenOut = typeof raw === 'string' && /^\d{4}\D/.test(raw);
    expect(readDateTime(raw)).toEqual({ ok: true, value, coerced: !writtenOut });
  });

  it('refuses times that do not exist', () => {
    expect(readDateTime('2024-03-05 24:00').ok).toBe(false);
    expect(readDateTime('2024-03-05T14:30:00+15:00').ok).toBe(false);
  });
});

describe('beijingDate and instantOf', () => {
  it('gives the Beijing calendar day, which starts at 16:00 UTC', () => {
    expect(beijingDate(new Date('2024-03-05T15:59:59Z'))).toBe('2024-03-05');
    expect(beijingDate(new Date('2024-03-05T16:00:00Z'))).toBe('2024-03-06');
  });
  it('orders dates and date-times on one time line', () => {
    expect(instantOf('2024-03-05')).toBe(Date.parse('2024-03-04T16:00:00Z'));
    expect(instantOf('2024-03-05T14:30:00+08:00')).toBe(Date.parse('2024-03-05T06:30:00Z'));
  });
});
