/**
 * Loading GeoJSON into PostGIS and the reference queries the cross-checks and the benchmark compare
 * the analysis with.
 *
 * Projection: the analysis measures in its own local equirectangular projection (src/analysis/geo.ts:
 * x = (lon − lon0)·kx, y = (lat − lat0)·ky, kx and ky the WGS-84 metres per degree at lat0). The same
 * projection is registered in spatial_ref_sys as a custom SRID, a PROJ `eqc` on a sphere chosen so
 * that it reproduces kx and ky exactly:
 *
 *   R = ky · 180/π,  lat_ts = acos(kx / ky)  ⇒  x = R·cos(lat_ts)·Δλ = kx·Δlon°,  y = R·Δφ = ky·Δlat°
 *
 * so ST_Transform(…, srid) gives the analysis's coordinates to within 1e-9 m, and ST_Distance in that
 * SRID is the very quantity the analysis computes (a planar distance between the same planar
 * footprints). The 0.1 m tolerance then only has to absorb floating-point noise, not a projection
 * difference, and pairs within millimetres of their requirement land on the same side in both.
 * UTM (EPSG:32650 for the demo, 32631 for Andorra) is loaded on request as a side check: its scale
 * error (0.9996 … 1.0003) and the equirectangular drift away from lat0 show up as centimetres there.
 */
import type { Feature, Geometry, Point } from 'geojson';
import type pg from 'pg';
import { localProjection, requiredSeparation, type LocalProjection, type Rules, type SeparationSubject } from '../../src/analysis/index.ts';

/** First SRID handed out for local projections (PostGIS accepts user SRIDs up to 998999). */
const LOCAL_SRID_BASE = 990_001;
let nextSrid = LOCAL_SRID_BASE;

/** The PROJ string of the analysis's equirectangular projection around (lon0, lat0). */
export function localProj4(proj: Pick<LocalProjection, 'lon0' | 'lat0' | 'kx' | 'ky'>): string {
  const R = (proj.ky * 180) / Math.PI;
  const latTs = (Math.acos(proj.kx / proj.ky) * 180) / Math.PI;
  return `+proj=eqc +lat_ts=${latTs} +lat_0=${proj.lat0} +lon_0=${proj.lon0} +x_0=0 +y_0=0 +R=${R} +units=m +no_defs`;
}

/**
 * Registers the analysis's projection around (lon0, lat0) as a new SRID and returns it. A fresh SRID
 * each call: PostGIS caches projections per session, so an SRID is never redefined.
 */
export async function registerLocalProjection(client: pg.Client, lon0: number, lat0: number): Promise<{ srid: number; proj: LocalProjection }> {
  const proj = localProjection(lon0, lat0);
  const srid = nextSrid++;
  await client.query(
    `INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, proj4text, srtext) VALUES ($1, 'fire-one-map', $1, $2, '')
     ON CONFLICT (srid) DO UPDATE SET proj4text = EXCLUDED.proj4text`,
    [srid, localProj4(proj)],
  );
  return { srid, proj };
}

/** The UTM zone (EPSG 326xx / 327xx) a longitude and latitude fall in. */
export function utmEpsg(lon: number, lat: number): number {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  return (lat >= 0 ? 32600 : 32700) + zone;
}

export interface LoadTimes {
  /** Rows inserted (JSON serialisation, transfer, ST_GeomFromGeoJSON, ST_Transform). */
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
  totalMs: number;
  rows: number;
}

export interface LoadOptions {
  /** Table to (re)create. */
  table: string;
  /** SRID of the main `geom` column (features are WGS-84 and transformed into it). */
  srid: number;
  /** Further geometry columns in other SRIDs, e.g. { geom_utm: 32650 } (indexed too). */
  extra?: Record<string, number>;
  /** Text properties copied into columns of the same name, e.g. ['status']. */
  props?: readonly string[];
  /** Rows per INSERT (default 5000). */
  batch?: number;
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
};

/**
 * Creates `table` (idx int primary key = index in `features`, id text, the props, geom in `srid`),
 * loads the features with batched multi-row INSERTs (arrays unnested server-side, one statement per
 * batch, ST_GeomFromGeoJSON → SRID 4326 → ST_Transform), builds a GiST index on each geometry column
 * and ANALYZEs. Returns the times of each step.
 */
export async function loadFeatures(client: pg.Client, features: readonly Feature<Geometry | null, object | null>[], opts: LoadOptions): Promise<LoadTimes> {
  const table = ident(opts.table);
  const props = (opts.props ?? []).map(ident);
  const extra = Object.entries(opts.extra ?? {}).map(([col, srid]) => [ident(col), srid] as const);
  const batch = opts.batch ?? 5000;
  const t0 = performance.now();
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (idx integer PRIMARY KEY, id text NOT NULL${props.map((p) => `, ${p} text`).join('')},
    geom geometry(Geometry, ${opts.srid}) NOT NULL${extra.map(([c, s]) => `, ${c} geometry(Geometry, ${s})`).join('')})`);
  const cols = ['idx', 'id', ...props, 'geom', ...extra.map(([c]) => c)];
  const extraSql = extra.map(([, s]) => `, ST_Transform(g4326, ${s})`).join('');
  const propSql = props.map((p) => `, u.${p}`).join('');
  const sql = `INSERT INTO ${table} (${cols.join(', ')})
    SELECT u.idx, u.id${propSql}, ST_Transform(g4326, ${opts.srid})${extraSql}
    FROM unnest($1::int[], $2::text[], $3::text[]${props.map((_, k) => `, $${k + 4}::text[]`).join('')}) AS u(idx, id, gj${props.map((p) => `, ${p}`).join('')}),
    LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(u.gj), 4326) AS g4326) AS g`;
  let rows = 0;
  for (let start = 0; start < features.length; start += batch) {
    const idx: number[] = [], ids: string[] = [], gj: string[] = [];
    const propCols: (string | null)[][] = props.map(() => []);
    for (let i = start; i < Math.min(features.length, start + batch); i++) {
      const f = features[i]!;
      if (!f.geometry) continue;
      const p = f.properties as Record<string, unknown> | null;
      idx.push(i);
      ids.push(String(p?.id ?? f.id ?? i));
      gj.push(JSON.stringify(f.geometry));
      props.forEach((name, k) => { const v = p?.[name]; propCols[k]!.push(v === undefined || v === null ? null : String(v)); });
    }
    const r = await client.query(sql, [idx, ids, gj, ...propCols]);
    rows += r.rowCount ?? 0;
  }
  const t1 = performance.now();
  await client.query(`CREATE INDEX ON ${table} USING gist (geom)`);
  for (const [c] of extra) await client.query(`CREATE INDEX ON ${table} USING gist (${c})`);
  const t2 = performance.now();
  await client.query(`ANALYZE ${table}`);
  const t3 = performance.now();
  return { insertMs: t1 - t0, indexMs: t2 - t1, analyzeMs: t3 - t2, totalMs: t3 - t0, rows };
}

/** A building pair near enough to be checked: indexes into the feature array (a < b) and the gap. */
export interface CandidatePair {
  a: number;
  b: number;
  gap: number;
}

/**
 * Pairs of footprints within `within` metres of each other (the largest requirement, 50 m by
 * default rules), with their exact planar gap: an indexed self-join (ST_DWithin uses the GiST index
 * of the inner side), ST_Distance for the gap.
 */
export async function separationCandidates(client: pg.Client, table: string, within: number, column = 'geom'): Promise<{ pairs: CandidatePair[]; ms: number }> {
  const t = ident(table), c = ident(column);
  const t0 = performance.now();
  const res = await client.query<[number, number, number]>({
    text: `SELECT p.idx AS a, q.idx AS b, ST_Distance(p.${c}, q.${c}) AS gap
           FROM ${t} p JOIN ${t} q ON p.idx < q.idx AND ST_DWithin(p.${c}, q.${c}, $1)`,
    values: [within],
    rowMode: 'array',
  });
  const r = res.rows;
  const pairs = r.map(([a, b, gap]) => ({ a, b, gap }));
  return { pairs, ms: performance.now() - t0 };
}

/** The largest separation any pair of buildings can require under these rules (the prefilter). */
export function maxRequiredSeparation(rules: Rules): number {
  const s = rules.separation;
  let max = s.staff_housing_m.value;
  for (const row of Object.values(s.civil.value)) for (const v of Object.values(row)) max = Math.max(max, v);
  for (const row of Object.values(s.factory_civil.value)) max = Math.max(max, row.high_rise_class_1, row.high_rise_class_2, ...Object.values(row.low_rise));
  const ff = s.factory_factory.value;
  const add = Math.max(...Object.values(ff.grade_add_m));
  return Math.max(max, Math.max(ff.base_m, ff.base_high_rise_m, ff.base_class_a_m) + 2 * add);
}

/** A deficiency as the cross-check compares them: the pair's ids in order, gap and requirement. */
export interface PairResult {
  a: string;
  b: string;
  gap_m: number;
  required_m: number;
}

/** Canonical key of an unordered pair of ids. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The PostGIS side of the separation check: candidate pairs from SQL, the requirement of each from
 * the project's one rules table (requiredSeparation in JS), deficient when the gap is below the
 * requirement by more than `shortfallTolerance` (the analysis's `tolerance_m`: gap < required − tolerance).
 */
export function deficientPairs(pairs: readonly CandidatePair[], subjects: readonly (SeparationSubject & { id: string })[], rules: Rules, shortfallTolerance = 0): PairResult[] {
  const out: PairResult[] = [];
  for (const p of pairs) {
    const a = subjects[p.a]!, b = subjects[p.b]!;
    const req = requiredSeparation(a, b, rules).required_m;
    if (p.gap < req - shortfallTolerance) out.push(a.id < b.id ? { a: a.id, b: b.id, gap_m: p.gap, required_m: req } : { a: b.id, b: a.id, gap_m: p.gap, required_m: req });
  }
  return out;
}

/** Targets with no hydrant of the counted statuses within `radius` metres (ST_DWithin, i.e. ≤ radius covers). */
export async function uncoveredTargets(client: pg.Client, targets: string, hydrants: string, statuses: readonly string[], radius: number): Promise<{ idx: number[]; ms: number }> {
  const t = ident(targets), h = ident(hydrants);
  const t0 = performance.now();
  const r = await client.query<{ idx: number }>(
    `SELECT t.idx FROM ${t} t WHERE NOT EXISTS (
       SELECT 1 FROM ${h} h WHERE h.status = ANY($1::text[]) AND ST_DWithin(h.geom, t.geom, $2)) ORDER BY t.idx`,
    [statuses, radius],
  );
  return { idx: r.rows.map((x) => x.idx), ms: performance.now() - t0 };
}

/** What hydrantCoverage reports per target, computed in PostGIS. */
export interface HydrantFigures {
  nearest: string | null;
  distance: number | null;
  inRadius: number;
  othersInRadius: number;
}

/**
 * Per target, everything hydrantCoverage reports, in one query: the nearest counted hydrant and its
 * distance to the target (KNN `<->` ordered, exact ST_Distance), and the counted and other hydrants
 * within the radius (ST_DWithin, so exactly at the radius counts).
 */
export async function hydrantFigures(client: pg.Client, targets: string, hydrants: string, statuses: readonly string[], radius: number): Promise<{ rows: HydrantFigures[]; ms: number }> {
  const t = ident(targets), h = ident(hydrants);
  const t0 = performance.now();
  const r = await client.query<{ idx: number; nearest: string | null; distance: number | null; in_radius: string; others: string }>(
    `SELECT t.idx, n.id AS nearest, n.d AS distance,
       (SELECT count(*) FROM ${h} h WHERE h.status = ANY($1::text[]) AND ST_DWithin(h.geom, t.geom, $2)) AS in_radius,
       (SELECT count(*) FROM ${h} h WHERE NOT (h.status = ANY($1::text[])) AND ST_DWithin(h.geom, t.geom, $2)) AS others
     FROM ${t} t LEFT JOIN LATERAL (
       SELECT h.id, ST_Distance(h.geom, t.geom) AS d FROM ${h} h WHERE h.status = ANY($1::text[])
       ORDER BY h.geom <-> t.geom LIMIT 1) n ON true
     ORDER BY t.idx`,
    [statuses, radius],
  );
  const rows: HydrantFigures[] = [];
  for (const x of r.rows) rows[x.idx] = { nearest: x.nearest, distance: x.distance, inRadius: Number(x.in_radius), othersInRadius: Number(x.others) };
  return { rows, ms: performance.now() - t0 };
}

/** Hydrant points as features (for loadFeatures with props ['status']). */
export type HydrantFeature = Feature<Point, { id: string; status: string } & Record<string, unknown>>;
