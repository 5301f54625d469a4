/**
 * Export of analysis results: the FeatureCollection as GeoJSON text, or a CSV table that opens
 * cleanly in Excel and WPS (the spreadsheets a sub-district office has), and a download of either.
 *
 * CSV choices, each for a reason:
 * - a UTF-8 byte-order mark first: without it Excel reads a UTF-8 file in the machine's ANSI code
 *   page (GBK on Chinese Windows) and Chinese turns into mojibake;
 * - CRLF line ends and RFC 4180 quoting (a field with a quote, comma or line break is quoted, quotes
 *   doubled), so names with commas or line breaks stay in their cell;
 * - one row per feature: `lon`, `lat` of a representative point (a spreadsheet has no geometry
 *   column; the GeoJSON export keeps the full shapes), then the properties, arrays joined with `;`,
 *   objects as JSON; the simplestyle colour keys are left out by default (they only style maps);
 * - formula injection guard: a text cell starting with `=`, `+`, `-`, `@` (or a tab or carriage
 *   return) gets a leading apostrophe. Names and ids come from exports anyone may have edited, and a
 *   spreadsheet runs a cell like `=HYPERLINK(…)` or `=cmd|…` as a formula when the file is opened
 *   (OWASP "CSV injection"); the apostrophe makes it text. Numbers are written as numbers and never
 *   prefixed, so a negative longitude stays a number.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { representativePoint, type AnalysisName } from '../layers/analysis/index.ts';
import { beijingDate } from '../sources/dates.ts';

/** A CSV column: the property key (or `lon` / `lat` for the representative point) and its header text. */
export interface CsvColumn {
  readonly key: string;
  readonly header: string;
}

/** simplestyle keys the analyses add for GeoJSON viewers; noise in a table. */
export const STYLE_KEYS: ReadonlySet<string> = new Set(['stroke', 'stroke-width', 'stroke-opacity', 'fill', 'fill-opacity', 'marker-color', 'marker-size', 'marker-symbol']);

const BOM = '\uFEFF';
const CRLF = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

type AnyCollection = FeatureCollection<Geometry | null, Record<string, unknown> | null>;

/** The collection as GeoJSON text (foreign members such as `analysis` kept). */
export function toGeoJsonText(fc: FeatureCollection<Geometry | null, unknown>): string {
  return JSON.stringify(fc);
}

/** A value as the text of one cell, and whether it came from text (and so needs the formula guard). */
function cellOf(value: unknown): { text: string; fromText: boolean } {
  if (value === null || value === undefined) return { text: '', fromText: false };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '', fromText: false };
  if (typeof value === 'boolean') return { text: String(value), fromText: false };
  if (typeof value === 'string') return { text: value, fromText: true };
  if (Array.isArray(value)) {
    const parts = value.map((item: unknown) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : cellOf(item).text));
    return { text: parts.join(';'), fromText: true };
  }
  return { text: JSON.stringify(value) ?? '', fromText: true };
}

/**
 * One CSV field: the formula guard on text, then RFC 4180 quoting.
 * @example csvField('=1+1') // "'=1+1"
 * @example csvField('a, "b"') // '"a, ""b"""'
 */
export function csvField(value: unknown): string {
  const { text, fromText } = cellOf(value);
  const safe = fromText && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Default columns: lon, lat, then every property key in order of first appearance, style keys left out. */
export function defaultCsvColumns(fc: AnyCollection): CsvColumn[] {
  const keys = new Set<string>(['lon', 'lat']);
  for (const f of fc.features) for (const key of Object.keys(f.properties ?? {})) if (!STYLE_KEYS.has(key)) keys.add(key);
  return [...keys].map((key) => ({ key, header: key }));
}

const coordinate = (x: number | undefined): number | null => (x === undefined ? null : Math.round(x * 1e7) / 1e7);

/**
 * The collection as a CSV table (see the module comment): BOM first, CRLF after every line, header
 * row from `columns` (default {@link defaultCsvColumns}). Keys `lon` and `lat` read the feature's
 * representative point (7 decimals, about 1 cm); other keys read its properties.
 * @example toCsv(result, [{ key: 'id', header: '编号' }, { key: 'distance_m', header: '距离（米）' }])
 */
export function toCsv(fc: FeatureCollection<Geometry | null, unknown>, columns?: readonly CsvColumn[]): string {
  const collection = fc as AnyCollection;
  const cols = columns ?? defaultCsvColumns(collection);
  const lines = [cols.map((c) => csvField(c.header)).join(',')];
  for (const f of collection.features) {
    const at = cols.some((c) => c.key === 'lon' || c.key === 'lat') ? representativePoint(f.geometry) : null;
    const props = f.properties ?? {};
    lines.push(cols.map((c) => csvField(c.key === 'lon' ? coordinate(at?.[0]) : c.key === 'lat' ? coordinate(at?.[1]) : props[c.key])).join(','));
  }
  return BOM + lines.join(CRLF) + CRLF;
}

/** A finished export: the text, the file name and the MIME type to save it with. */
export interface ExportFile {
  readonly text: string;
  readonly fileName: string;
  readonly mime: string;
}

/**
 * An analysis result ready to save: `<analysis>-<Beijing date>.geojson` or `.csv`.
 * @example const file = analysisExport('separation', result, 'csv'); downloadText(file.text, file.fileName, file.mime)
 */
export function analysisExport(name: AnalysisName, result: FeatureCollection<Geometry | null, unknown>, format: 'geojson' | 'csv', now: Date = new Date(), columns?: readonly CsvColumn[]): ExportFile {
  const base = `${name}-${beijingDate(now)}`;
  return format === 'csv'
    ? { text: toCsv(result, columns), fileName: `${base}.csv`, mime: 'text/csv;charset=utf-8' }
    : { text: toGeoJsonText({ ...result, analysis: name } as FeatureCollection<Geometry | null, unknown>), fileName: `${base}.geojson`, mime: 'application/geo+json' };
}

/** How long the object URL of a download lives. Browsers start a download after the click returns, and revoking at once can cancel it (Firefox, Safari); FileSaver.js waits 40 s. */
export const DOWNLOAD_URL_LIFETIME_MS = 40_000;

/**
 * Saves text as a file through the browser: a Blob, an object URL, a temporary `<a download>`
 * clicked and removed at once; the URL is revoked after {@link DOWNLOAD_URL_LIFETIME_MS}.
 * @example downloadText(toCsv(result), 'separation.csv', 'text/csv;charset=utf-8')
 */
export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }
}
