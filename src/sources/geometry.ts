/**
 * Checking and repairing one feature's geometry, before CRS conversion.
 * Strict: missing geometry, a type the kind does not allow, coordinates that are not numbers or out of
 * range, lines and rings without extent. Repaired with a warning: coordinates written as text,
 * latitude/longitude swapped (said once per feature), unclosed rings. Altitudes are dropped: the
 * viewer is 2-D and the analysis measures on the ground.
 */
import type { Geometry, Position } from 'geojson';
import type { GeometryType } from './contract/kinds.ts';
import { aValueOf, describeType, isRecord } from './coerce.ts';
import { listOf, type Params } from './report-builder.ts';
import type { ReportCode } from './codes.ts';
import type { Severity } from './report.ts';

/** Receives the geometry's problems; the caller adds file, feature and field. */
export type GeometryReporter = (severity: Severity, code: ReportCode, detail: string, params?: Params) => void;

/** How deep positions sit in `coordinates` for each type. */
const DEPTH: Readonly<Record<GeometryType, number>> = {
  Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3,
};

class GeometryProblem extends Error {
  constructor(readonly code: ReportCode, detail: string, readonly params: Params = {}) {
    super(detail);
  }
}

type Nested = Position | Nested[];

/** Reads nested arrays down to positions, converting numeric text. Throws GeometryProblem. */
function readCoordinates(raw: unknown, depth: number, path: string, counts: { text: number }): Nested {
  if (!Array.isArray(raw)) {
    throw new GeometryProblem('geometry.coordinates', `coordinates${path} is ${aValueOf(raw)}, not an array`, { detail: 'not an array' });
  }
  if (depth > 0) return raw.map((child, i) => readCoordinates(child, depth - 1, `${path}[${i}]`, counts));
  if (raw.some(Array.isArray)) {
    throw new GeometryProblem('geometry.coordinates', `coordinates${path} holds arrays where [longitude, latitude] was expected (nested too deeply for the geometry type)`, { detail: 'nested too deeply' });
  }
  if (raw.length < 2) {
    throw new GeometryProblem('geometry.coordinates', `coordinates${path} has ${raw.length} number(s), expected [longitude, latitude]`, { detail: 'short position' });
  }
  return [readOrdinate(raw[0], `${path}[0]`, counts), readOrdinate(raw[1], `${path}[1]`, counts)];
}

function readOrdinate(raw: unknown, path: string, counts: { text: number }): number {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw)) {
    counts.text++;
    return Number(raw);
  }
  const shown = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
  throw new GeometryProblem('geometry.coordinates', `coordinates${path} is ${shown}, not a number`, { detail: 'not a number' });
}

function positionsOf(coordinates: Nested, out: Position[] = []): Position[] {
  if (typeof coordinates[0] === 'number') out.push(coordinates as Position);
  else for (const child of coordinates as Nested[]) positionsOf(child, out);
  return out;
}

const inRange = (lon: number, lat: number): boolean => Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

/** Swaps positions that only make sense as [lat, lon]; refuses positions valid neither way. */
function fixAxisOrder(positions: Position[], report: GeometryReporter): void {
  let swapped = 0;
  for (const position of positions) {
    const [x = NaN, y = NaN] = position;
    if (inRange(x, y)) continue;
    if (inRange(y, x)) {
      position[0] = y;
      position[1] = x;
      swapped++;
      continue;
    }
    const projected = Math.abs(x) > 1000 && Math.abs(y) > 1000
      ? '; these look like projected metres, export longitude/latitude in degrees'
      : '';
    throw new GeometryProblem('geometry.coordinates',
      `position [${x}, ${y}] is out of range (longitude −180…180, latitude −90…90)${projected}`, { detail: 'out of range' });
  }
  if (swapped === 0) return;
  const which = positions.length === 1 ? 'the position' : swapped === positions.length ? `all ${swapped} positions` : `${swapped} of ${positions.length} positions`;
  report('warning', 'geometry.swapped', `${which} had latitude and longitude swapped; swapped back`, { swapped, total: positions.length });
}

const samePosition = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/** Twice the signed planar area in square degrees: enough to tell "no area" from "some". */
function ringArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** About 0.01 m² at mid latitudes: below this a ring is a line drawn twice. */
const MIN_AREA2_DEG = 2e-12;

function checkRing(ring: Position[], label: string, report: GeometryReporter): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  let closed = ring;
  if (first && last && !samePosition(first, last)) {
    closed = [...ring, [first[0] ?? 0, first[1] ?? 0]];
    report('warning', 'geometry.ring_unclosed', `${label} was not closed (first and last positions differ); closed it`, { ring: label });
  }
  if (closed.length < 4) {
    throw new GeometryProblem('geometry.ring_degenerate', `${label} has ${closed.length} positions after closing; a ring needs at least 4`, { ring: label, positions: closed.length });
  }
  if (Math.abs(ringArea2(closed)) < MIN_AREA2_DEG) {
    throw new GeometryProblem('geometry.ring_degenerate', `${label} has no area (its positions lie on one line or repeat)`, { ring: label, positions: closed.length });
  }
  return closed;
}

function checkLine(line: Position[], label: string): Position[] {
  const distinct = line.filter((p, i) => i === 0 || !samePosition(p, line[i - 1] ?? p)).length;
  if (distinct < 2) {
    throw new GeometryProblem('geometry.line_degenerate', `${label} has ${distinct} distinct position(s); a line needs at least 2`, { positions: distinct });
  }
  return line;
}

function requireParts<T>(parts: T[], what: string): T[] {
  if (parts.length === 0) throw new GeometryProblem('geometry.empty', `${what} has no coordinates`);
  return parts;
}

function buildGeometry(type: GeometryType, c: Nested, report: GeometryReporter): Geometry {
  const polygon = (rings: Position[][], prefix: string): Position[][] =>
    requireParts(rings, `${prefix}polygon`).map((ring, i) => checkRing(ring, `${prefix}ring ${i}${i === 0 ? ' (outer)' : ''}`, report));
  switch (type) {
    case 'Point': return { type, coordinates: c as Position };
    case 'MultiPoint': return { type, coordinates: requireParts(c as Position[], 'the multipoint') };
    case 'LineString': return { type, coordinates: checkLine(c as Position[], 'the line') };
    case 'MultiLineString':
      return { type, coordinates: requireParts(c as Position[][], 'the multiline').map((line, i) => checkLine(line, `line ${i}`)) };
    case 'Polygon': return { type, coordinates: polygon(c as Position[][], '') };
    case 'MultiPolygon':
      return { type, coordinates: requireParts(c as Position[][][], 'the multipolygon').map((p, i) => polygon(p, `polygon ${i} `)) };
  }
}

/**
 * Checks a raw GeoJSON geometry against the kind's allowed types and returns a clean 2-D copy, or
 * null when the feature must be dropped (the reason has been reported as an error).
 */
export function checkGeometry(raw: unknown, allowed: readonly GeometryType[], report: GeometryReporter): Geometry | null {
  if (raw === undefined || raw === null) {
    report('error', 'geometry.missing', 'no geometry');
    return null;
  }
  const type = isRecord(raw) && typeof raw.type === 'string' ? raw.type : undefined;
  if (!isRecord(raw) || type === undefined || !(allowed as readonly string[]).includes(type)) {
    const found = type ?? describeType(raw);
    report('error', 'geometry.type', `wrong geometry type for the kind: ${found}; expected ${listOf([...allowed])}`, { found, allowed: allowed.join(',') });
    return null;
  }
  const geometryType = type as GeometryType;
  try {
    const counts = { text: 0 };
    const coordinates = readCoordinates(raw.coordinates, DEPTH[geometryType], '', counts);
    const positions = positionsOf(coordinates);
    if (positions.length === 0) throw new GeometryProblem('geometry.empty', 'the geometry has no coordinates');
    if (counts.text > 0) {
      report('warning', 'geometry.coerced', `${counts.text} coordinate(s) written as text; read as numbers`, { count: counts.text });
    }
    fixAxisOrder(positions, report);
    return buildGeometry(geometryType, coordinates, report);
  } catch (problem) {
    if (!(problem instanceof GeometryProblem)) throw problem;
    report('error', problem.code, problem.message, problem.params);
    return null;
  }
}
