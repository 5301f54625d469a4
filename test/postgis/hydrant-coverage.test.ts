/**
 * Cross-check of hydrantCoverage (straight-line, GB 50974 §7.2.5) against PostGIS on the demo
 * district: the targets beyond the radius of every in-service hydrant (ST_DWithin) must be exactly
 * hydrantCoverage's uncovered ones, and per target the nearest in-service hydrant (KNN), its distance
 * to the footprint (within 0.1 m) and the counts of counted / other hydrants within the radius must
 * agree. Buildings (footprints) and premises (points and footprints) both serve as targets.
 *
 * Without PostgreSQL 15 + PostGIS the file skips with a notice (CI=true: fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { DEFAULT_RULES, hydrantCoverage, projectionFor, type Targets } from '../../src/analysis/index.ts';
import type { HydrantProps } from '../../src/sources/contract/types.ts';
import { generateTmp, type Generated } from '../demo-helpers.ts';
import { postgisGate, startCluster, type PgCluster } from './cluster.ts';
import { readDistrict, type District } from './data.ts';
import { hydrantFigures, loadFeatures, registerLocalProjection, uncoveredTargets } from './load.ts';

const gate = postgisGate('hydrant coverage');
const TOLERANCE_M = 0.1;
/** A distance this close to the radius may be judged either way (rounding of the two projections). */
const EDGE_M = 1e-6;
const COUNTED = ['in_service'];

async function crossCheck(pgc: PgCluster, label: string, targets: Targets, hydrants: FeatureCollection<Point, HydrantProps>, radius: number) {
  const proj = projectionFor(targets.features, hydrants.features);
  const { srid } = await registerLocalProjection(pgc.client, proj.lon0, proj.lat0);
  const tt = `t_${label.replace(/[^a-z0-9]+/g, '_')}`, ht = `h_${label.replace(/[^a-z0-9]+/g, '_')}`;
  const loadT = await loadFeatures(pgc.client, targets.features, { table: tt, srid });
  const loadH = await loadFeatures(pgc.client, hydrants.features, { table: ht, srid, props: ['status'] });
  const figures = await hydrantFigures(pgc.client, tt, ht, COUNTED, radius);
  const uncovered = await uncoveredTargets(pgc.client, tt, ht, COUNTED, radius);
  const t0 = performance.now();
  const ours = hydrantCoverage(targets, hydrants, { radius_m: radius, countStatuses: ['in_service'] });
  const oursMs = performance.now() - t0;

  const problems: string[] = [];
  let maxDiff = 0, borderline = 0;
  const pgUncovered = new Set(uncovered.idx);
  ours.features.forEach((f, i) => {
    const p = f.properties, q = figures.rows[i];
    if (!q) { problems.push(`${p.id}: not in PostGIS`); return; }
    const atEdge = q.distance !== null && Math.abs(q.distance - radius) <= EDGE_M;
    if (atEdge) borderline++;
    if (!atEdge && p.covered === pgUncovered.has(i)) problems.push(`${p.id}: covered ${p.covered}, PostGIS ST_DWithin says ${!pgUncovered.has(i)}`);
    if ((p.distance_m === null) !== (q.distance === null)) { problems.push(`${p.id}: distance ${p.distance_m} vs PostGIS ${q.distance}`); return; }
    if (p.distance_m !== null && q.distance !== null) {
      const d = Math.abs(p.distance_m - q.distance);
      maxDiff = Math.max(maxDiff, d);
      if (d > TOLERANCE_M) problems.push(`${p.id}: distance ${p.distance_m} vs PostGIS ${q.distance.toFixed(3)}`);
      // Equidistant hydrants may be picked either way; otherwise the same one.
      if (p.nearest_hydrant !== q.nearest && d > 0.01) problems.push(`${p.id}: nearest ${p.nearest_hydrant} vs PostGIS ${q.nearest}`);
    }
    if (!atEdge && p.hydrants_in_radius !== q.inRadius) problems.push(`${p.id}: ${p.hydrants_in_radius} in radius vs PostGIS ${q.inRadius}`);
    if (p.out_of_service_in_radius !== q.othersInRadius) problems.push(`${p.id}: ${p.out_of_service_in_radius} others in radius vs PostGIS ${q.othersInRadius}`);
  });
  const oursUncovered = ours.features.filter((f) => !f.properties.covered).length;
  console.log(`${label}: ${targets.features.length} targets, ${hydrants.features.length} hydrants; load ${(loadT.totalMs + loadH.totalMs).toFixed(0)} ms; `
    + `PostGIS KNN + counts ${figures.ms.toFixed(0)} ms, ST_DWithin uncovered ${uncovered.ms.toFixed(0)} ms; ours ${oursMs.toFixed(0)} ms\n`
    + `  uncovered: ours ${oursUncovered}, PostGIS ${uncovered.idx.length}; max |Δdistance| ${maxDiff.toExponential(2)} m; borderline ${borderline}; ${problems.length} disagreements`);
  return { ours, problems, oursUncovered, pgUncovered: uncovered.idx.length };
}

describe.skipIf(!gate.run && !gate.mustFail)('PostGIS cross-check: hydrant coverage', () => {
  if (gate.mustFail) {
    it('PostgreSQL 15 + PostGIS is installed', () => { throw new Error(gate.reason); });
    return;
  }
  let pgc: PgCluster | undefined;
  let demo: Generated | undefined;
  let district: District | undefined;
  beforeAll(async () => {
    demo = generateTmp();
    district = await readDistrict(demo.dir, demo.manifest, ['buildings', 'hydrants', 'premises']);
    pgc = await startCluster();
  }, 120_000);
  afterAll(async () => {
    await pgc?.stop();
    demo?.cleanup();
  });

  it('demo buildings: the same uncovered set, nearest hydrant and distance within 0.1 m', async () => {
    const radius = DEFAULT_RULES.hydrant.protection_radius_m.value;
    const { ours, problems, oursUncovered } = await crossCheck(pgc!, 'buildings', district!.buildings as Targets, district!.hydrants, radius);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(oursUncovered).toBeGreaterThan(0);
    // The gaps built into the demo are found, at the documented distances.
    for (const t of demo!.meta.targets.hydrant_gap) {
      const f = ours.features.find((x) => x.properties.id === t.building);
      expect(f?.properties.covered, t.building).toBe(false);
      expect(f?.properties.distance_m).toBeCloseTo(t.distance_m, 0);
    }
  });

  it('demo premises (points and footprints): the same, also at a tighter radius', async () => {
    const premises = district!.premises as Targets;
    for (const radius of [150, 60]) {
      const { problems, oursUncovered } = await crossCheck(pgc!, `premises r${radius}`, premises, district!.hydrants, radius);
      expect(problems.slice(0, 20)).toEqual([]);
      if (radius === 60) expect(oursUncovered).toBeGreaterThan(0);
    }
  });
});
