/**
 * Cross-check of findSeparationDeficiencies against PostGIS (docs/analysis.md, "Cross-check"): on the
 * demo district and on the real Andorra buildings, the set of pairs closer than their requirement must
 * be the same, and the gaps equal within 0.1 m.
 *
 * PostGIS side: footprints in the analysis's own projection (a custom SRID, see load.ts), an indexed
 * self-join with ST_DWithin at the largest requirement (50 m) and ST_Distance for the gap; the
 * requirement of each candidate pair from the project's one rules table (requiredSeparation in JS).
 * Contacts: ours is asked for overlapping footprints too (`overlapping: true`), so both sides report
 * every pair below its requirement; the default output (overlaps left out) is checked against
 * PostGIS's interior-intersection test separately.
 *
 * Without PostgreSQL 15 + PostGIS the file skips with a notice (CI=true: fails); without the shared
 * Andorra extract the Andorra test skips (CI=true: fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, findSeparationDeficiencies, projectionFor, separationPairs } from '../../src/analysis/index.ts';
import { readOsmBuildings } from '../../src/cli/lib/analyze-osm.ts';
import { generateTmp, type Generated } from '../demo-helpers.ts';
import { postgisGate, startCluster, type PgCluster } from './cluster.ts';
import { comparePairs, describeComparison } from './compare.ts';
import { andorraGate, readDistrict, type Buildings } from './data.ts';
import { deficientPairs, loadFeatures, maxRequiredSeparation, pairKey, registerLocalProjection, separationCandidates, utmEpsg, type PairResult } from './load.ts';

const gate = postgisGate('separation');
const TOLERANCE_M = 0.1;
/**
 * The analysis's default `tolerance_m` (separation.ts): shortfalls under 1 cm are not reported, as
 * coordinates given to 1e-7° are only good to about 1 cm. Mirrored on the PostGIS side; the strict
 * comparison runs ours with tolerance_m 0 against gap < required.
 */
const SHORTFALL_TOLERANCE_M = 0.01;

/** Ours and PostGIS on one set of buildings, with the figures for the log. */
async function crossCheck(pgc: PgCluster, label: string, buildings: Buildings) {
  const rules = DEFAULT_RULES;
  const features = buildings.features;
  const proj = projectionFor(features);
  const { srid } = await registerLocalProjection(pgc.client, proj.lon0, proj.lat0);
  const utm = utmEpsg(proj.lon0, proj.lat0);
  const table = `b_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const load = await loadFeatures(pgc.client, features, { table, srid, extra: { geom_utm: utm } });
  const within = maxRequiredSeparation(rules);
  const cand = await separationCandidates(pgc.client, table, within);
  const subjects = features.map((f) => f.properties);
  const postgis = deficientPairs(cand.pairs, subjects, rules, SHORTFALL_TOLERANCE_M);
  const postgisStrict = deficientPairs(cand.pairs, subjects, rules, 0);
  const candidateGaps = new Map(cand.pairs.map((p) => [pairKey(subjects[p.a]!.id, subjects[p.b]!.id), p.gap]));

  const t0 = performance.now();
  const all = findSeparationDeficiencies(buildings, { rules, overlapping: true });
  const oursMs = performance.now() - t0;
  const ours: PairResult[] = all.features.map((f) => f.properties);
  const cmp = comparePairs(ours, postgis, candidateGaps, { tolerance: TOLERANCE_M, shortfallTolerance: SHORTFALL_TOLERANCE_M });
  const strict = findSeparationDeficiencies(buildings, { rules, overlapping: true, tolerance_m: 0 });
  const cmpStrict = comparePairs(strict.features.map((f) => f.properties), postgisStrict, candidateGaps, { tolerance: TOLERANCE_M });
  // The engine's unrounded gaps (findSeparationDeficiencies rounds to 0.01 m) against ST_Distance.
  const exact = separationPairs(features, { rules, overlapping: true, tolerance_m: 0, projection: proj });
  let maxExactDiff = 0;
  const xp = exact.pairs;
  for (let k = 0; k < xp.count; k++) {
    const g = candidateGaps.get(pairKey(subjects[xp.i[k]!]!.id, subjects[xp.j[k]!]!.id));
    maxExactDiff = Math.max(maxExactDiff, g === undefined ? Infinity : Math.abs(g - xp.gap[k]!));
  }
  console.log(`${label}: ${features.length} footprints; load ${load.totalMs.toFixed(0)} ms (insert ${load.insertMs.toFixed(0)}, index ${load.indexMs.toFixed(0)}, analyze ${load.analyzeMs.toFixed(0)}); `
    + `PostGIS self-join ${cand.ms.toFixed(0)} ms → ${cand.pairs.length} candidates ≤ ${within} m; ours ${oursMs.toFixed(0)} ms\n  ${describeComparison(label, cmp)}\n  `
    + `${describeComparison(`${label} tolerance 0`, cmpStrict)}; unrounded: max |Δgap| ${maxExactDiff.toExponential(2)} m over ${xp.count} pairs`);
  return { all, ours, postgis, cmp, cmpStrict, table, features, candidateGaps, utm, maxExactDiff, exactPairs: xp.count };
}

/** Area of the interior overlap in PostGIS (m²) of each given pair whose interiors intersect (ST_Relate 2********). */
async function overlapAreas(pgc: PgCluster, table: string, keys: readonly [string, string][]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const r = await pgc.client.query<{ a: string; b: string; area: number }>(
    `SELECT p.id AS a, q.id AS b, ST_Area(ST_Intersection(p.geom, q.geom)) AS area FROM unnest($1::text[], $2::text[]) AS k(a, b)
     JOIN ${table} p ON p.id = k.a JOIN ${table} q ON q.id = k.b WHERE ST_Relate(p.geom, q.geom, '2********')`,
    [keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
  return new Map(r.rows.map((x) => [pairKey(x.a, x.b), x.area]));
}

/** Overlaps smaller than this (m²) are slivers of digitising: either "touching" or "overlapping" is accepted. */
const SLIVER_M2 = 0.1;

/**
 * The default output leaves out overlapping footprints (data errors). Expected from PostGIS: every
 * pair at gap 0 whose interiors do not intersect is kept (touching), every pair overlapping by
 * SLIVER_M2 or more is left out; slivers may go either way (the analysis calls a contact overlapping
 * when a vertex lies more than 1 cm inside the other footprint). Returns the pairs judged differently.
 */
async function defaultOutputCheck(pgc: PgCluster, table: string, buildings: Buildings, all: { features: { properties: PairResult }[] }) {
  const byDefault = findSeparationDeficiencies(buildings);
  const got = new Set(byDefault.features.map((f) => pairKey(f.properties.a, f.properties.b)));
  const zero = all.features.filter((f) => f.properties.gap_m === 0).map((f) => [f.properties.a, f.properties.b] as [string, string]);
  const areas = await overlapAreas(pgc, table, zero);
  const onlyOurs: string[] = [], onlyPostgis: string[] = [];
  let slivers = 0, overlapping = 0;
  for (const f of all.features) {
    const k = pairKey(f.properties.a, f.properties.b);
    const area = areas.get(k);
    if (area !== undefined && area < SLIVER_M2) { slivers++; continue; }
    if (area !== undefined) overlapping++;
    const keep = area === undefined;
    if (keep && !got.has(k)) onlyPostgis.push(k);
    if (!keep && got.has(k)) onlyOurs.push(`${k} (overlap ${area.toFixed(2)} m²)`);
  }
  const full = new Set(all.features.map((f) => pairKey(f.properties.a, f.properties.b)));
  for (const k of got) if (!full.has(k)) onlyOurs.push(`${k} (not in the full output)`);
  console.log(`  contacts: ${zero.length} pairs at gap 0, ${overlapping} overlapping in PostGIS by ≥ ${SLIVER_M2} m², ${slivers} slivers below; default output ${got.size}; `
    + `kept only by ours ${onlyOurs.length}, only by PostGIS ${onlyPostgis.length}`);
  return { onlyOurs, onlyPostgis, zero: zero.length, overlapping, slivers };
}

/**
 * Max |gap in the local projection − gap in UTM| and − geodesic gap (ST_Distance on geography, on the
 * spheroid), over the pairs with a gap. Pairs the geography type calls intersecting while both planar
 * projections see a gap are counted apart (`geographyZero`): PostGIS 3.3's geography point-in-polygon
 * test misjudges some small footprints a metre or two apart (seen in Andorra: w779159085–w779159093,
 * 1.52 m in UTM and in ours, 0 as geography).
 */
async function projectionSpread(pgc: PgCluster, table: string, pairs: readonly PairResult[]): Promise<{ utm: number; geodesic: number; n: number; geographyZero: number }> {
  const sample = pairs.filter((p) => p.gap_m > 0);
  if (sample.length === 0) return { utm: 0, geodesic: 0, n: 0, geographyZero: 0 };
  const r = await pgc.client.query<{ d_local: number; d_utm: number; d_geo: number }>(
    `SELECT ST_Distance(p.geom, q.geom) AS d_local, ST_Distance(p.geom_utm, q.geom_utm) AS d_utm,
            ST_Distance(ST_Transform(p.geom, 4326)::geography, ST_Transform(q.geom, 4326)::geography, true) AS d_geo
     FROM unnest($1::text[], $2::text[]) AS k(a, b) JOIN ${table} p ON p.id = k.a JOIN ${table} q ON q.id = k.b`,
    [sample.map((p) => p.a), sample.map((p) => p.b)],
  );
  let utm = 0, geodesic = 0, geographyZero = 0;
  for (const x of r.rows) {
    utm = Math.max(utm, Math.abs(x.d_local - x.d_utm));
    if (x.d_geo === 0 && x.d_local > 0.1 && x.d_utm > 0.1) { geographyZero++; continue; }
    geodesic = Math.max(geodesic, Math.abs(x.d_local - x.d_geo));
  }
  return { utm, geodesic, n: r.rows.length, geographyZero };
}

describe.skipIf(!gate.run && !gate.mustFail)('PostGIS cross-check: separation', () => {
  if (gate.mustFail) {
    it('PostgreSQL 15 + PostGIS is installed', () => { throw new Error(gate.reason); });
    return;
  }
  let pgc: PgCluster | undefined;
  let demo: Generated | undefined;
  let demoRun: Awaited<ReturnType<typeof crossCheck>> | undefined;
  beforeAll(async () => {
    demo = generateTmp();
    pgc = await startCluster();
  }, 120_000);
  afterAll(async () => {
    await pgc?.stop();
    demo?.cleanup();
  });

  it('the registered SRID reproduces the analysis projection to a micrometre', async () => {
    const { buildings } = await readDistrict(demo!.dir, demo!.manifest, ['buildings']);
    const proj = projectionFor(buildings.features);
    const { srid } = await registerLocalProjection(pgc!.client, proj.lon0, proj.lat0);
    const pts = buildings.features.slice(0, 200).map((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]![0]! : f.geometry.coordinates[0]![0]![0]!));
    const r = await pgc!.client.query<{ x: number; y: number }>(
      `SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ${srid}) AS g, i
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(lon, lat, i)) s ORDER BY i`,
      [pts.map((p) => p[0]), pts.map((p) => p[1])],
    );
    let worst = 0;
    r.rows.forEach((row, k) => {
      const [x, y] = proj.toXY(pts[k]!);
      worst = Math.max(worst, Math.hypot(row.x - x, row.y - y));
    });
    expect(r.rows).toHaveLength(pts.length);
    expect(worst).toBeLessThan(1e-6);
  });

  it('demo district: the same deficient pairs as PostGIS, gaps within 0.1 m', async () => {
    const { buildings } = await readDistrict(demo!.dir, demo!.manifest, ['buildings']);
    demoRun = await crossCheck(pgc!, 'demo 1x', buildings);
    const { all, cmp, cmpStrict, table, maxExactDiff } = demoRun;
    expect(cmp.onlyOurs).toEqual([]);
    expect(cmp.onlyPostgis).toEqual([]);
    expect(cmp.gapMismatches).toEqual([]);
    expect(cmp.common).toBeGreaterThan(100);
    expect(cmpStrict.onlyOurs).toEqual([]);
    expect(cmpStrict.onlyPostgis).toEqual([]);
    expect(cmpStrict.gapMismatches).toEqual([]);
    expect(maxExactDiff).toBeLessThan(1e-6);
    // The findings built into the demo are among them.
    const keys = new Set(all.features.map((f) => pairKey(f.properties.a, f.properties.b)));
    for (const t of demo!.meta.targets.separation_pairs) expect(keys.has(pairKey(t.a, t.b)), `${t.a}–${t.b}`).toBe(true);
    const contacts = await defaultOutputCheck(pgc!, table, buildings, all);
    expect(contacts.onlyOurs).toEqual([]);
    expect(contacts.onlyPostgis).toEqual([]);
  });

  it('demo district: the local projection against UTM 50N and the ellipsoid (informative, within 0.1 m)', async () => {
    if (!demoRun) throw new Error('needs the demo cross-check above');
    const { ours, table, utm } = demoRun;
    const spread = await projectionSpread(pgc!, table, ours);
    console.log(`demo: over ${spread.n} pairs with a gap, max |local − UTM (EPSG:${utm})| ${spread.utm.toFixed(4)} m, max |local − geodesic| ${spread.geodesic.toFixed(4)} m (${spread.geographyZero} geography misjudgements left out)`);
    expect(spread.utm).toBeLessThan(TOLERANCE_M);
    expect(spread.geodesic).toBeLessThan(TOLERANCE_M);
  });

  const andorra = andorraGate();
  it.skipIf(!andorra.file && !andorra.mustFail)('Andorra OSM buildings: finishes and agrees with PostGIS', async () => {
    if (andorra.mustFail) throw new Error(andorra.reason);
    const { buildings, stats } = await readOsmBuildings(andorra.file!);
    expect(buildings.length).toBeGreaterThan(1000);
    const fc: Buildings = { type: 'FeatureCollection', features: buildings };
    const { all, cmp, cmpStrict, ours, table, utm, maxExactDiff } = await crossCheck(pgc!, 'andorra', fc);
    const contacts = await defaultOutputCheck(pgc!, table, fc, all);
    expect(contacts.onlyOurs).toEqual([]);
    expect(contacts.onlyPostgis).toEqual([]);
    expect(contacts.overlapping).toBeGreaterThan(0);
    console.log(`andorra: read ${stats.ways} ways in ${stats.seconds.toFixed(1)} s → ${buildings.length} buildings`);
    expect(cmp.onlyOurs).toEqual([]);
    expect(cmp.onlyPostgis).toEqual([]);
    expect(cmp.gapMismatches).toEqual([]);
    expect(cmp.common).toBeGreaterThan(0);
    expect(cmpStrict.onlyOurs).toEqual([]);
    expect(cmpStrict.onlyPostgis).toEqual([]);
    expect(cmpStrict.gapMismatches).toEqual([]);
    expect(maxExactDiff).toBeLessThan(1e-6);
    const spread = await projectionSpread(pgc!, table, ours);
    console.log(`andorra: over ${spread.n} pairs with a gap, max |local − UTM (EPSG:${utm})| ${spread.utm.toFixed(4)} m, max |local − geodesic| ${spread.geodesic.toFixed(4)} m `
      + `(${spread.geographyZero} pairs the geography type wrongly calls intersecting left out)`);
    // The equirectangular projection drifts with distance from its centre latitude (geo.ts): over
    // Andorra's 24 km north–south this stays in centimetres for gaps below 50 m.
    expect(spread.utm).toBeLessThan(TOLERANCE_M);
    expect(spread.geodesic).toBeLessThan(TOLERANCE_M);
  }, 120_000);
});
