/**
 * Comparing the analysis's answers with PostGIS's: the same set of pairs (or targets), and the same
 * distances within a tolerance.
 *
 * A pair whose PostGIS gap lies within `edge` (1 µm) of its threshold (the requirement less the
 * shortfall tolerance) may fall on either side: the two computations round differently in the last
 * bits (ST_Transform against (lon − lon0)·kx). Such pairs are counted as `borderline` and not held
 * against either side.
 */
import { pairKey, type PairResult } from './load.ts';

export interface PairComparison {
  ours: number;
  postgis: number;
  common: number;
  /** Pairs only one side reports (borderline ones excluded), as "a|b gap/required". */
  onlyOurs: string[];
  onlyPostgis: string[];
  borderline: number;
  /** Largest |gap ours − gap PostGIS| over the common pairs, metres. */
  maxGapDiff: number;
  /** Pairs whose gaps differ by more than the tolerance. */
  gapMismatches: string[];
}

/**
 * `candidateGaps` holds PostGIS's gap of every pair within the prefilter distance (by pairKey), so a
 * pair only we report can be told borderline (PostGIS's gap at its requirement) or wrong.
 */
export function comparePairs(
  ours: readonly PairResult[], postgis: readonly PairResult[], candidateGaps: ReadonlyMap<string, number>,
  opts: { tolerance?: number; shortfallTolerance?: number; edge?: number } = {},
): PairComparison {
  const tolerance = opts.tolerance ?? 0.1, shortfall = opts.shortfallTolerance ?? 0, edge = opts.edge ?? 1e-6;
  const mine = new Map(ours.map((p) => [pairKey(p.a, p.b), p]));
  const theirs = new Map(postgis.map((p) => [pairKey(p.a, p.b), p]));
  const onlyOurs: string[] = [], onlyPostgis: string[] = [], gapMismatches: string[] = [];
  let common = 0, borderline = 0, maxGapDiff = 0;
  const fmt = (k: string, p: PairResult) => `${k} ${p.gap_m.toFixed(3)}/${p.required_m}`;
  for (const [k, p] of mine) {
    const q = theirs.get(k);
    if (!q) {
      const pgGap = candidateGaps.get(k);
      if (pgGap !== undefined && Math.abs(pgGap - (p.required_m - shortfall)) <= edge) borderline++;
      else onlyOurs.push(fmt(k, p));
      continue;
    }
    common++;
    const d = Math.abs(p.gap_m - q.gap_m);
    if (d > maxGapDiff) maxGapDiff = d;
    if (d > tolerance) gapMismatches.push(`${k} ours ${p.gap_m} PostGIS ${q.gap_m.toFixed(4)}`);
  }
  for (const [k, q] of theirs) {
    if (mine.has(k)) continue;
    if (Math.abs(q.gap_m - (q.required_m - shortfall)) <= edge) borderline++;
    else onlyPostgis.push(fmt(k, q));
  }
  return { ours: mine.size, postgis: theirs.size, common, onlyOurs, onlyPostgis, borderline, maxGapDiff, gapMismatches };
}

/** One line for logs and the report. */
export function describeComparison(label: string, c: PairComparison): string {
  return `${label}: ours ${c.ours}, PostGIS ${c.postgis}, common ${c.common}, only ours ${c.onlyOurs.length}, only PostGIS ${c.onlyPostgis.length}, `
    + `borderline ${c.borderline}, max |Δgap| ${c.maxGapDiff.toExponential(2)} m`;
}
