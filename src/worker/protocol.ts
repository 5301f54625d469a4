/**
 * The message protocol of the sources worker: one typed map from request type to its params and
 * result. Requests carry an id; the worker answers each id once, with a result or an error. A
 * `cancel` message aborts the fetch of a request still in flight (its answer is then an error named
 * `AbortError`).
 *
 * Results are plain data (structured clone): collections and reports cross the boundary as is.
 */
import type { Kind } from '../sources/contract/kinds.ts';
import type { DropParseResult } from '../sources/guess-kind.ts';
import type { Manifest, SourceSpec } from '../sources/manifest-types.ts';
import type { LoadResult } from '../sources/load.ts';
import type { ReportEntry } from '../sources/report.ts';
import type { SourceDelta } from './poll-delta.ts';

/** A poll's answer when the file has not changed since the caller's copy. */
export interface SourceUnchanged {
  unchanged: true;
  fingerprint: string;
}

/** What the manifest request answers: the manifest (null when unusable) and what was wrong with it. */
export interface ManifestResult {
  manifest: Manifest | null;
  report: ReportEntry[];
  /** The URL it was read from, absolute: source paths resolve against it. */
  url: string;
}

/** Request type → params and result. Add analysis requests here as they come. */
export interface WorkerRequests {
  manifest: { params: { url: string }; result: ManifestResult };
  source: { params: { url: string; spec: SourceSpec }; result: LoadResult };
  /**
   * A poll: like `source`, but when the file's text still has the fingerprint the caller holds
   * (`known`), the answer is only `{ unchanged: true }`: nothing parsed, nothing cloned. When it
   * changed and the caller holds the version this worker answered last, the answer is a delta
   * against it (only the new features cross; see poll-delta.ts).
   */
  poll: { params: { url: string; spec: SourceSpec; known?: string }; result: LoadResult | SourceUnchanged | { delta: SourceDelta } };
  /**
   * A file dropped on the page (or opened): its text, parsed as `kind` or as the kind guessed from its
   * name and contents. Never merged with another request in flight (the text would have to be compared).
   */
  parse: { params: { name: string; text: string; kind?: Kind }; result: DropParseResult };
}

export type RequestType = keyof WorkerRequests;
export type ParamsOf<T extends RequestType> = WorkerRequests[T]['params'];
export type ResultOf<T extends RequestType> = WorkerRequests[T]['result'];

/** Main thread → worker. */
export type RequestMessage =
  | { [T in RequestType]: { id: number; type: T; params: ParamsOf<T> } }[RequestType]
  | { id: number; type: 'cancel' };

/** An error as it crosses the boundary (Error objects lose their class and extra fields). */
export interface WorkerErrorInfo {
  name: string;
  message: string;
}

/** Worker → main thread. */
export type ResponseMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WorkerErrorInfo };
