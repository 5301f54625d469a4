/**
 * Body → LoadResult in one step, for the worker (a fetch Response body) and the CLI (a file stream):
 * the size limit, decoding (with its encoding warning) and parseExport, merged into one result.
 */
import type { Kind } from './contract/kinds.ts';
import { failedResult, parseExport, type LoadResult } from './load.ts';
import type { SourceSpec } from './manifest-types.ts';
import { maxBytesFor, readTextLimited } from './read-limited.ts';

export interface LoadStreamOptions {
  /** Name for report entries; defaults to spec.path. */
  file?: string;
  /** Content-Length or file size when known, to refuse an oversized body before reading it. */
  contentLength?: number | null;
}

/**
 * Reads and parses one source's body, honouring its max_mb. Never rejects for bad data; only an
 * I/O failure of the stream itself rejects (the caller reports it as `file.unreadable`).
 * @example const result = await loadStream(response.body, spec, { contentLength: Number(response.headers.get('content-length')) || null });
 */
export async function loadStream<K extends Kind>(body: ReadableStream<Uint8Array> | null, spec: SourceSpec & { kind: K }, options: LoadStreamOptions = {}): Promise<LoadResult<K>> {
  const file = options.file ?? spec.path;
  const read = await readTextLimited(body, { maxBytes: maxBytesFor(spec), file, contentLength: options.contentLength ?? null });
  if (!read.ok) return failedResult(spec, file, [read.entry]);
  const result = parseExport(read.text, spec, { file });
  if (read.report.length > 0) {
    result.report.unshift(...read.report);
    result.stats.warnings += read.report.filter((entry) => entry.severity === 'warning').length;
  }
  return result;
}
