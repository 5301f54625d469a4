/**
 * Reading one export: JSON text → field mapping → CRS conversion → validation → typed collection
 * and report. Pure (no fetch, no fs): the browser runs it in a worker, the CLI in node.
 * PLACEHOLDER SIGNATURES: implemented by the loader work in progress.
 */
import type { Kind } from './contract/kinds.ts';
import type { CollectionOf } from './contract/types.ts';
import type { Manifest, SourceSpec } from './manifest-types.ts';
import type { ReportEntry, SourceStats } from './report.ts';

export interface LoadResult<K extends Kind = Kind> {
  sourceId: string;
  kind: K;
  /** File or URL as reported. */
  file: string;
  collection: CollectionOf<K>;
  report: ReportEntry[];
  stats: SourceStats;
}

export interface ParseOptions {
  /** Name used in report entries; defaults to spec.path. */
  file?: string;
}

export function parseExport<K extends Kind>(_text: string, _spec: SourceSpec & { kind: K }, _options?: ParseOptions): LoadResult<K> {
  throw new Error('not implemented yet');
}

export function parseManifest(_text: string, _file: string): { manifest: Manifest | null; report: ReportEntry[] } {
  throw new Error('not implemented yet');
}
