/**
 * What the sources worker does, apart from the messaging: fetch a manifest or an export with a
 * byte limit and parse it. Plain async functions with `fetch` passed in, so node tests run them
 * without a worker or a server.
 *
 * A source that cannot be read (missing, too large, network) is not an exception: it answers an
 * empty collection whose report says why, so the status line shows it like any other problem.
 * Only cancellation rejects.
 */
import { failedResult, parseExport } from '../sources/load.ts';
import { parseManifest } from '../sources/manifest.ts';
import { maxBytesFor, readTextLimited } from '../sources/read-limited.ts';
import type { ReportEntry } from '../sources/report.ts';
import type { ManifestResult, ParamsOf, ResultOf } from './protocol.ts';

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
  const { url, spec } = params;
  const file = spec.path;
  if (origin !== undefined && new URL(url, origin).origin !== origin) {
    const detail = `${new URL(url, origin).origin} is not this site (${origin})`;
    return failedResult(spec, file, [{ severity: 'error', file, code: 'file.unreadable', message: `${file}: not read, ${detail}`, params: { detail } }]);
  }
  const read = await fetchText(fetchFn, url, file, maxBytesFor(spec), signal);
  if (!read.ok) return failedResult(spec, file, [read.entry]);
  const result = parseExport(read.text, spec, { file });
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
