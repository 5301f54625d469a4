import { describe, expect, it } from 'vitest';
import { createRng, hash32 } from './rng.ts';

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const seq = (r: ReturnType<typeof createRng>): number[] => Array.from({ length: 5 }, () => r.next());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
  });
  it('forks streams that do not depend on how much the parent has drawn', () => {
    const a = createRng('x');
    const b = createRng('x');
    b.next();
    b.next();
    expect(a.fork('roads').next()).toBe(b.fork('roads').next());
    expect(a.fork('roads').next()).not.toBe(a.fork('lanes').next());
  });
  it('keeps int, pick and weighted within bounds and roughly fair', () => {
    const r = createRng(1);
    const counts = [0, 0, 0];
    for (let k = 0; k < 30000; k++) {
      const n = r.int(0, 2);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(9000);
    let heavy = 0;
    for (let k = 0; k < 10000; k++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy).toBeGreaterThan(8700);
    expect(heavy).toBeLessThan(9300);
    expect(r.shuffled([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => r.pick([])).toThrow(/empty/);
  });
  it('gives Poisson counts with the right mean', () => {
    const r = createRng(2);
    let sum = 0;
    for (let k = 0; k < 20000; k++) sum += r.poisson(3);
    expect(sum / 20000).toBeCloseTo(3, 1);
  });
  it('hashes strings to stable 32-bit numbers', () => {
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
    expect(hash32('abc')).toBeLessThan(2 ** 32);
  });
});
