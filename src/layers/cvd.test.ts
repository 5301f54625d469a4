import { describe, expect, it } from 'vitest';
import { luminance } from './palette-extra.ts';
import { colourDistance, deltaE2000, rgbToLab, simulateCvd, type Dichromacy } from './cvd.ts';
import { RISK_COLORS, RISK_LEVELS } from './premises/risk.ts';

describe('deltaE2000', () => {
  it('matches the published test pairs of Sharma, Wu & Dalal (2005)', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('is zero for equal colours and symmetric', () => {
    expect(deltaE2000([40, 10, -20], [40, 10, -20])).toBe(0);
    expect(deltaE2000([40, 10, -20], [70, -5, 3])).toBeCloseTo(deltaE2000([70, -5, 3], [40, 10, -20]), 10);
  });
});

describe('rgbToLab and simulateCvd', () => {
  it('put white at L 100 and black at 0', () => {
    const white = rgbToLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(0.05);
    expect(rgbToLab([0, 0, 0])).toEqual([0, 0, 0]);
  });

  it('leave greys grey and make red and green alike for red-green dichromats', () => {
    for (const kind of ['protanopia', 'deuteranopia'] as const) {
      const grey = simulateCvd([128, 128, 128], kind);
      expect(Math.max(...grey) - Math.min(...grey)).toBeLessThanOrEqual(2);
      expect(colourDistance([200, 60, 60], [90, 140, 60], kind)).toBeLessThan(colourDistance([200, 60, 60], [90, 140, 60]) / 2);
    }
  });
});

describe('risk colours under colour-vision deficiency', () => {
  const pairs = RISK_LEVELS.flatMap((a, i) => RISK_LEVELS.slice(i + 1).map((b) => [a, b] as const));
  const visions: readonly (Dichromacy | 'normal')[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

  // 10 ΔE00 is a clear difference between small symbols seen apart; deuteranopia's low vs medium is
  // the closest pair (about 14).
  it.each(visions)('stay at least 10 ΔE00 apart for every pair of levels (%s)', (vision) => {
    for (const [a, b] of pairs) expect(colourDistance(RISK_COLORS[a], RISK_COLORS[b], vision), `${a}/${b}`).toBeGreaterThanOrEqual(10);
  });

  it.each(['protanopia', 'deuteranopia'] as const)('keep low → medium → high darkening step by step (%s)', (vision) => {
    const ramp = (['low', 'medium', 'high'] as const).map((l) => luminance(simulateCvd(RISK_COLORS[l], vision)));
    for (let i = 1; i < ramp.length; i++) expect(ramp[i]).toBeLessThan((ramp[i - 1] as number) * 0.75);
  });
});

describe('every legend under colour-vision deficiency', () => {
  // Items of one legend block are told apart by colour unless their shapes differ; a pair with the
  // same shape must stay apart under the common dichromacies (ΔE2000 ≥ 8, "clearly different").
  it('keeps same-shape items of each layer apart for protanopia and deuteranopia', async () => {
    const { defaultLegends } = await import('./catalog/index.ts');
    const { ANALYSIS_NAMES, analysisLegend } = await import('./analysis/index.ts');
    const legends = [...defaultLegends(), ...ANALYSIS_NAMES.map((n) => analysisLegend(n))];
    const close: string[] = [];
    for (const legend of legends) {
      const items = legend.items;
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i];
          const b = items[j];
          if (!a || !b || a.shape !== b.shape) continue;
          for (const vision of ['protanopia', 'deuteranopia'] as const) {
            const d = colourDistance(a.fill, b.fill, vision);
            if (d < 8) close.push(`${legend.layerId}: ${a.id} ~ ${b.id} (${vision}, ΔE ${d.toFixed(1)})`);
          }
        }
      }
    }
    expect(close).toEqual([]);
  });
});
