/**
 * The node side of loading: finds the manifest (or implies one from a folder or a file name), reads
 * each source with its size limit and parses it. One bad source never stops the others.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { KIND_NAMES, isKind, type Kind } from '../../sources/contract/kinds.ts';
import { failedResult, type LoadResult } from '../../sources/load.ts';
import { loadStream } from '../../sources/load-stream.ts';
import { parseManifest } from '../../sources/manifest.ts';
import type { Manifest, SourceSpec } from '../../sources/manifest-types.ts';
import { maxBytesFor, tooLargeEntry } from '../../sources/read-limited.ts';
import type { ReportEntry } from '../../sources/report.ts';
import { ReportBuilder } from '../../sources/report-builder.ts';

export interface SourcesRead {
  /** The manifest used: read from manifest.json, or implied (then `manifestFile` is null). */
  manifest: Manifest | null;
  manifestFile: string | null;
  /** One per usable source, in manifest order; a source that could not be read has an empty collection. */
  results: LoadResult[];
  /** Entries about the manifest or the folder itself (not about one source). */
  report: ReportEntry[];
}

/** A problem with the command line rather than the data (exit code 2). */
export class UsageError extends Error {}

const EXPORT_EXTENSIONS = ['.geojson', '.json'];

/** The kind a file name announces: `hydrants.geojson`, or `hydrants.swapped.geojson` when `loose`. */
export function kindFromFileName(name: string, loose: boolean): Kind | undefined {
  const ext = EXPORT_EXTENSIONS.find((e) => name.toLowerCase().endsWith(e));
  if (!ext) return undefined;
  const stem = name.slice(0, -ext.length);
  const word = loose ? stem.split(/[.\-]/)[0] ?? '' : stem;
  return isKind(word) ? word : undefined;
}

const isManifestName = (name: string): boolean => name === 'manifest.json' || name.endsWith('.manifest.json');

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** A manifest for a folder of files named after their kind, in WGS-84 with contract names. */
async function impliedFromFolder(folder: string, report: ReportBuilder): Promise<Manifest> {
  const names = (await readdir(folder)).sort();
  const sources: SourceSpec[] = [];
  for (const name of names) {
    const kind = kindFromFileName(name, false);
    if (kind && !sources.some((s) => s.kind === kind)) sources.push({ id: kind, kind, path: name, crs: 'WGS84' });
    else if (EXPORT_EXTENSIONS.some((e) => name.endsWith(e))) {
      report.warning('sources.ignored_file', { field: name }, `not read: without a manifest, files must be named after their kind (${KIND_NAMES.join(', ')})`);
    }
  }
  if (sources.length === 0) report.error('sources.none', {}, `no manifest.json and no file named after a kind (${KIND_NAMES.map((k) => `${k}.geojson`).join(', ')})`);
  return { version: 1, sources };
}

function nodeStream(path: string): ReadableStream<Uint8Array> {
  // node's web ReadableStream and the DOM lib's type differ only in typing.
  return Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
}

const unreadable = (file: string, error: unknown): ReportEntry => {
  const detail = error instanceof Error ? error.message : String(error);
  return { severity: 'error', file, code: 'file.unreadable', message: `${file}: could not be read (${detail})`, params: { detail } };
};

/** Reads and parses one source (a path relative to `base`, or an http(s) URL); never throws. */
export async function readSource(spec: SourceSpec, base: string): Promise<LoadResult> {
  const file = spec.path;
  try {
    if (/^https?:\/\//i.test(spec.path)) {
      const response = await fetch(spec.path);
      if (!response.ok) return failedResult(spec, file, [unreadable(file, `HTTP ${response.status}`)]);
      return await loadStream(response.body, spec, { contentLength: Number(response.headers.get('content-length')) || null });
    }
    const path = resolve(base, spec.path);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) {
      return failedResult(spec, file, [{ severity: 'error', file, code: 'file.missing', message: `${file}: no such file (looked for ${path})`, params: { path } }]);
    }
    // Refused before opening: the stat size is exact, so a huge file costs nothing.
    const maxBytes = maxBytesFor(spec);
    if (info.size > maxBytes) return failedResult(spec, file, [tooLargeEntry(file, maxBytes, info.size)]);
    return await loadStream(nodeStream(path), spec, { contentLength: info.size });
  } catch (error) {
    return failedResult(spec, file, [unreadable(file, error)]);
  }
}

/**
 * Reads every source of a folder, a manifest, or a single export named after its kind.
 * Throws UsageError when the target does not exist or a single file's kind cannot be told.
 * @example const { results } = await readSources('data');  // data/manifest.json, or data/*.geojson
 */
export async function readSources(target: string): Promise<SourcesRead> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new UsageError(`no such file or folder: ${target}`);
  let manifestFile: string | null = null;
  let manifest: Manifest | null = null;
  let base = target;
  const folderReport = new ReportBuilder(target);
  let report: ReportEntry[] = [];
  if (info.isDirectory()) {
    const candidate = join(target, 'manifest.json');
    if (await exists(candidate)) manifestFile = candidate;
    else manifest = await impliedFromFolder(target, folderReport);
  } else if (isManifestName(basename(target))) {
    manifestFile = target;
    base = dirname(target);
  } else {
    const kind = kindFromFileName(basename(target), true);
    if (!kind) throw new UsageError(`cannot tell the kind of ${target}: name it after its kind (${KIND_NAMES.map((k) => `${k}.geojson`).join(', ')}) or list it in a manifest.json`);
    base = dirname(target);
    manifest = { version: 1, sources: [{ id: kind, kind, path: basename(target), crs: 'WGS84' }] };
  }
  if (manifestFile) {
    const parsed = parseManifest(await readFile(manifestFile, 'utf8'), basename(manifestFile));
    manifest = parsed.manifest;
    report = parsed.report;
  } else {
    report = folderReport.finish();
  }
  const results: LoadResult[] = [];
  // One at a time: peak memory stays at one file, and the report order follows the manifest.
  for (const spec of manifest?.sources ?? []) results.push(await readSource(spec, base));
  return { manifest, manifestFile, results, report };
}
