/**
 * Reading a response or file body as text with a size limit, so that a 2 GB export fails in a moment
 * with a message instead of freezing a tab or a CLI run. Uses only web streams and TextDecoder: the
 * same code runs in browsers, workers and node 20.
 */
import type { SourceSpec } from './manifest-types.ts';
import type { ReportEntry } from './report.ts';
import { ReportBuilder } from './report-builder.ts';

/** Files larger than this many MiB are refused unless a source's max_mb says otherwise. */
export const DEFAULT_MAX_MB = 64;

const MIB = 1024 * 1024;

/** The byte limit of a source: its max_mb, or DEFAULT_MAX_MB. */
export function maxBytesFor(spec: Pick<SourceSpec, 'max_mb'>): number {
  return Math.floor((spec.max_mb ?? DEFAULT_MAX_MB) * MIB);
}

export interface ReadLimitOptions {
  maxBytes: number;
  /** Name for the report entry. */
  file: string;
  /** Content-Length or fs.stat size, when known: lets an oversized body be refused before reading it. */
  contentLength?: number | null;
}

export type ReadTextResult =
  | { ok: true; text: string; report: ReportEntry[] }
  | { ok: false; entry: ReportEntry };

/** "64 MiB", "100.5 MiB", "4 KiB", "12 bytes". */
function formatSize(bytes: number): string {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (bytes >= MIB) return `${round(bytes / MIB)} MiB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** The `file.too_large` entry, worded for the person who made the export. */
export function tooLargeEntry(file: string, maxBytes: number, bytes?: number): ReportEntry {
  const limitMiB = Math.round((maxBytes / MIB) * 100) / 100;
  const size = bytes !== undefined ? ` (${formatSize(bytes)})` : '';
  return {
    severity: 'error', file, code: 'file.too_large',
    message: `${file}${size} is larger than ${formatSize(maxBytes)} (the source's max_mb); split the export or raise max_mb in the manifest`,
    params: bytes !== undefined ? { limitMiB, bytes } : { limitMiB },
  };
}

/** UTF-8 first; exports from older Chinese systems are often GB18030/GBK, tried second. */
function decode(chunks: readonly Uint8Array[], file: string): { text: string; report: ReportEntry[] } {
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    return { text: chunks.map((chunk) => utf8.decode(chunk, { stream: true })).join('') + utf8.decode(), report: [] };
  } catch {
    const report = new ReportBuilder(file);
    let text: string;
    try {
      const gb = new TextDecoder('gb18030');
      text = chunks.map((chunk) => gb.decode(chunk, { stream: true })).join('') + gb.decode();
      report.warning('file.encoding', {}, 'not UTF-8; decoded as GB18030 (GBK). Save exports as UTF-8 to be sure', { encoding: 'GB18030' });
    } catch {
      // A runtime without GB18030: keep going with replacement characters rather than failing.
      const lossy = new TextDecoder('utf-8');
      text = chunks.map((chunk) => lossy.decode(chunk, { stream: true })).join('') + lossy.decode();
      report.warning('file.encoding', {}, 'not valid UTF-8; unreadable characters replaced', { encoding: 'UTF-8 (lossy)' });
    }
    return { text, report: report.finish() };
  }
}

/**
 * Reads a body as text, refusing more than `maxBytes`. A byte order mark is removed. The reader is
 * cancelled as soon as the limit is passed, so the rest is never downloaded or read from disk.
 * A null body reads as "" (parseExport then reports `file.empty`).
 * @example
 *   const res = await fetch(url);
 *   const read = await readTextLimited(res.body, { maxBytes: maxBytesFor(spec), file: spec.path,
 *     contentLength: Number(res.headers.get('content-length')) || null });
 *   if (read.ok) parseExport(read.text, spec); else report.push(read.entry);
 */
export async function readTextLimited(body: ReadableStream<Uint8Array> | null, opts: ReadLimitOptions): Promise<ReadTextResult> {
  const { maxBytes, file, contentLength } = opts;
  if (contentLength !== undefined && contentLength !== null && contentLength > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return { ok: false, entry: tooLargeEntry(file, maxBytes, contentLength) };
  }
  if (!body) return { ok: true, text: '', report: [] };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, entry: tooLargeEntry(file, maxBytes) };
    }
    chunks.push(value);
  }
  return { ok: true, ...decode(chunks, file) };
}
