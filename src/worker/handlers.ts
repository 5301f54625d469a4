/**
 * What the sources worker does, apart from the messaging: fetch a manifest or an export with a
 * byte limit and parse it. Plain async functions with `fetch` passed in, so node tests run them
 * without a worker or a server.
 *
 * A source that cannot be read (missing, too large, network) is not an exception: it answers an
 * empty collection whose report says why, so the status line shows it like any other problem.
 * Only cancellation rejects.
 */
import { isRecord, stripBom } from '../sources/coerce.ts';
import type { Crs } from '../sources/contract/types.ts';
import { crsFromLabel } from '../sources/crs.ts';
import { guessKind, labelMapping, type DropParseResult } from '../sources/guess-kind.ts';
import { failedResult, parseExport, type LoadResult } from '../sources/load.ts';
import { parseManifest } from '../sources/manifest.ts';
import type { SourceSpec } from '../sources/manifest-types.ts';
import { maxBytesFor, readTextLimited, tooLargeEntry } from '../sources/read-limited.ts';
import type { ReportEntry } from '../sources/report.ts';
import { fnv1a } from './fnv.ts';
import type { PollMemory } from './poll-delta.ts';
import type { ManifestResult, ParamsOf, ResultOf, SourceUnchanged } from './protocol.ts';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Manifests are small; this bounds a wrong URL that serves something huge. */
const MANIFEST_MAX_BYTES = 1024 * 1024;

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Fetches and reads a body with a limit; a failure becomes a `file.*` report entry. */
async function fetchText(fetchFn: Fetch, url: string, file: string, maxBytes: number, signal?: AbortSignal):
  Promise<{ ok: true; text: string; report: ReportEntry[] } | { ok: false; entry: ReportEntry }> {
  let response: Response;
  try {
    // no-cache: polled sources must revalidate, or the browser cache would serve the old export.
    response = await fetchFn(url, { cache: 'no-cache', credentials: 'same-origin', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (isAbort(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, entry: { severity: 'error', file, code: 'file.unreadable', message: `${file}: could not be fetched (${detail})`, params: { detail } } };
  }
  if (response.status === 404) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, entry: { severity: 'error', file, code: 'file.missing', message: `${file}: not found (HTTP 404 for ${url})`, params: { path: file } } };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const detail = `HTTP ${response.status}`;
    return { ok: false, entry: { severity: 'error', file, code: 'file.unreadable', message: `${file}: the server answered ${detail}`, params: { detail } } };
  }
  const length = Number(response.headers.get('content-length'));
  return readTextLimited(response.body, { maxBytes, file, contentLength: Number.isFinite(length) && length > 0 ? length : null });
}

/** Reads the manifest at `url` (absolute). */
export async function loadManifest(fetchFn: Fetch, params: ParamsOf<'manifest'>, signal?: AbortSignal): Promise<ResultOf<'manifest'>> {
  const file = params.url.split('/').pop() || params.url;
  const read = await fetchText(fetchFn, params.url, file, MANIFEST_MAX_BYTES, signal);
  if (!read.ok) return { manifest: null, report: [read.entry], url: params.url } satisfies ManifestResult;
  const parsed = parseManifest(read.text, file);
  return { manifest: parsed.manifest, report: [...read.report, ...parsed.report], url: params.url };
}

/**
 * Reads and parses one source; `url` is absolute (resolved by the caller against the manifest).
 * @param origin when given, a URL of another origin is refused with a report entry: the offline
 *   viewer reads only its own site (the page's CSP would block it anyway, with a vaguer message).
 */
export async function loadSource(fetchFn: Fetch, params: ParamsOf<'source'>, signal?: AbortSignal, origin?: string): Promise<ResultOf<'source'>> {
  return (await pollSource(fetchFn, params, signal, origin)) as LoadResult;
}

/**
 * FNV-1a over the text's UTF-16 code units, with its length: a fingerprint, not a security hash.
 * Hashing is about a hundred times cheaper than parsing, so an unchanged poll costs little.
 */
export function textFingerprint(text: string): string {
  return `${text.length.toString(36)}-${fnv1a(text).toString(36)}`;
}

/** A hash per feature of its JSON text, for merging polls cheaply on the main thread (see LoadResult.prints). */
export function featurePrints(features: readonly unknown[]): Uint32Array {
  const out = new Uint32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = fnv1a(JSON.stringify(features[i]));
  return out;
}

/**
 * Reads a source; when its text has the fingerprint `known`, answers `{ unchanged: true }` without parsing.
 * @param memory the worker's memory of versions answered: given, a poll of a source whose last
 *   answered version the caller holds is answered as a delta (see poll-delta.ts).
 */
export async function pollSource(fetchFn: Fetch, params: ParamsOf<'poll'>, signal?: AbortSignal, origin?: string, memory?: PollMemory): Promise<ResultOf<'poll'>> {
  const result = await readSource(fetchFn, params, signal, origin);
  return memory && !('unchanged' in result) ? memory.answer(result, params.known) : result;
}

async function readSource(fetchFn: Fetch, params: ParamsOf<'poll'>, signal?: AbortSignal, origin?: string): Promise<LoadResult | SourceUnchanged> {
  const { url, spec } = params;
  const file = spec.path;
  if (origin !== undefined && new URL(url, origin).origin !== origin) {
    const detail = `${new URL(url, origin).origin} is not this site (${origin})`;
    return failedResult(spec, file, [{ severity: 'error', file, code: 'file.unreadable', message: `${file}: not read, ${detail}`, params: { detail } }]);
  }
  const read = await fetchText(fetchFn, url, file, maxBytesFor(spec), signal);
  if (!read.ok) return failedResult(spec, file, [read.entry]);
  const fingerprint = textFingerprint(read.text);
  if (params.known === fingerprint) return { unchanged: true, fingerprint };
  const parsed = parseExport(read.text, spec, { file });
  const result: LoadResult = { ...parsed, fingerprint, prints: featurePrints(parsed.collection.features) };
  if (read.report.length === 0) return result;
  // Decoding warnings (GB18030) belong to the same file: put them first and count them.
  const warnings = read.report.filter((e) => e.severity === 'warning').length;
  const errors = read.report.length - warnings;
  return {
    ...result,
    report: [...read.report, ...result.report],
    stats: { ...result.stats, warnings: result.stats.warnings + warnings, errors: result.stats.errors + errors },
  };
}

/** The source id a dropped file gets: it must not collide with a manifest source. */
export function droppedSourceId(name: string): string {
  return `local:${name}`;
}

/** The CRS an old-style GeoJSON `crs` member names, if it names one we know. */
function declaredCrs(json: unknown): Crs | undefined {
  const member = isRecord(json) ? json.crs : undefined;
  const name = isRecord(member) && isRecord(member.properties) ? member.properties.name : undefined;
  if (typeof name !== 'string') return undefined;
  return crsFromLabel(name) ?? crsFromLabel(name.replace(/^urn:ogc:def:crs:/i, '').replace('::', ':'));
}

/**
 * Whether a dropped file is taken: refused when it yields no feature and has an error (not JSON,
 * not a FeatureCollection, every feature invalid). An empty but valid collection is taken.
 */
export function isAcceptedDrop(result: LoadResult): boolean {
  return result.stats.kept > 0 || !result.report.some((entry) => entry.severity === 'error');
}

/**
 * Parses a dropped file. Its kind is `params.kind` when given, else guessed (file name, then fields);
 * its CRS is what the file declares, else WGS-84; properties named by the contract's Chinese labels
 * are mapped. A file over the default size limit is refused without parsing. Never throws.
 */
export function parseDropped(params: ParamsOf<'parse'>): ResultOf<'parse'> {
  const { name, text } = params;
  const maxBytes = maxBytesFor({});
  // A string's length undercounts its UTF-8 bytes; the page checks File.size first, this is a backstop.
  const tooLarge = text.length > maxBytes;
  let json: unknown;
  if (!tooLarge) {
    try {
      json = JSON.parse(stripBom(text));
    } catch {
      json = undefined; // parseExport reports the syntax error with its line and column
    }
  }
  const guess = params.kind ? { kind: params.kind, reason: 'given' as const } : guessKind(name, json);
  if (!guess.kind) return { kind: null, guessed: true, reason: guess.reason, result: null, accepted: false } satisfies DropParseResult;
  const mapping = labelMapping(guess.kind, json);
  const spec: SourceSpec = { id: droppedSourceId(name), kind: guess.kind, path: name, crs: declaredCrs(json) ?? 'WGS84', title: name, ...(mapping ? { mapping } : {}) };
  const result = tooLarge ? failedResult(spec, name, [tooLargeEntry(name, maxBytes, text.length)]) : parseExport(text, spec, { file: name });
  return { kind: guess.kind, guessed: !params.kind, reason: guess.reason, result, accepted: isAcceptedDrop(result) };
}
