import { describe, expect, it } from 'vitest';
import { DEFAULT_DETAIL_RULES, FULL_DETAIL, detailAt, sameDetail } from './index.ts';

describe('detailAt', () => {
  it('draws everything while the zoom is not known', () => {
    expect(detailAt(null)).toEqual(FULL_DETAIL);
    expect(detailAt(Number.NaN)).toEqual(FULL_DETAIL);
  });

  it('drops footprints, grid labels and symbol outlines over a whole 100× district (zoom 11.1)', () => {
    expect(detailAt(11.1)).toEqual({ footprints: false, gridLabels: false, symbolOutlines: false });
  });

  it('adds symbol outlines from zoom 12, grid labels from 13, footprints from 14', () => {
    expect(detailAt(12)).toEqual({ footprints: false, gridLabels: false, symbolOutlines: true });
    expect(detailAt(12.62)).toEqual({ footprints: false, gridLabels: false, symbolOutlines: true }); // 10× district
    expect(detailAt(13)).toEqual({ footprints: false, gridLabels: true, symbolOutlines: true });
    expect(detailAt(13.99)).toEqual({ footprints: false, gridLabels: true, symbolOutlines: true });
    expect(detailAt(14)).toEqual(FULL_DETAIL);
    expect(detailAt(14.49)).toEqual(FULL_DETAIL); // 1× district: nothing dropped
  });

  it('takes other thresholds', () => {
    expect(detailAt(11, { footprintsFromZoom: 10, gridLabelsFromZoom: 10 })).toEqual({ footprints: true, gridLabels: true, symbolOutlines: false });
    expect(DEFAULT_DETAIL_RULES).toEqual({ footprintsFromZoom: 14, gridLabelsFromZoom: 13, symbolOutlinesFromZoom: 12 });
  });
});

describe('sameDetail', () => {
  it('compares by value', () => {
    expect(sameDetail(detailAt(11), detailAt(11.9))).toBe(true);
    expect(sameDetail(detailAt(11), detailAt(12))).toBe(false);
  });
});
