/**
 * Query factories: how the app asks for the manifest and each source. TanStack Query owns the data
 * (caching, polling, de-duplication); the worker does the fetching and parsing. Components call
 * `useQuery(manifestQuery(...))` and never build keys by hand.
 */
import { queryOptions, type QueryClient } from '@tanstack/preact-query';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { openBasemap } from '../map/basemap.ts';
import type { CollectionOf, Kind } from '../sources/contract/index.ts';
import type { LoadResult } from '../sources/load.ts';
import type { SourceSpec } from '../sources/manifest-types.ts';
import type { ReportEntry } from '../sources/report.ts';
import type { SourceStatusItem } from '../ui/status/SourceStatus.tsx';
import type { SourceWorkerClient } from '../worker/client.ts';
import { DeltaMismatchError, applyDelta, mergeById } from './merge-by-id.ts';

/** Results built by applyDelta, already sharing the held features (structural sharing leaves them be). */
const madeWhole = new WeakSet<LoadResult>();

/** Where the manifest is, relative to the page: `data/manifest.json` beside index.html. */
export const DEFAULT_MANIFEST_PATH = 'data/manifest.json';

/** The manifest URL for a page at `baseUri`. */
export function manifestUrlFor(baseUri: string, path = DEFAULT_MANIFEST_PATH): string {
  return new URL(path, baseUri).href;
}

/** A source's URL: its path resolved against the manifest's URL, as the manifest format says. */
export function sourceUrl(manifestUrl: string, spec: Pick<SourceSpec, 'path'>): string {
  return new URL(spec.path, manifestUrl).href;
}

/** Milliseconds between polls of a source, or false for a source read once. */
export function refetchIntervalOf(spec: Pick<SourceSpec, 'refresh_s'>): number | false {
  const s = spec.refresh_s;
  return typeof s === 'number' && s > 0 ? Math.max(1, s) * 1000 : false;
}

export interface SourceQueryOptions {
  /** Keep polling while the tab is hidden: the wall display is never "focused". Default false. */
  pollInBackground?: boolean;
}

/** The manifest query. Read once per visit: a changed manifest means a reload. */
export function manifestQuery(client: SourceWorkerClient, url: string) {
  return queryOptions({
    queryKey: ['manifest', url] as const,
    queryFn: ({ signal }) => client.request('manifest', { url }, { signal }),
    staleTime: Infinity,
    retry: 1,
  });
}

/**
 * The entry saying a load result holds nothing because the file could not be used at all (missing,
 * too large, network, not JSON): an error when no feature was read. Undefined for usable results,
 * including an export that is simply empty.
 */
export function sourceFailure(result: LoadResult): ReportEntry | undefined {
  if (result.stats.read > 0 || result.collection.features.length > 0) return undefined;
  return result.report.find((entry) => entry.severity === 'error');
}

/**
 * A poll that could not read a source which had data before. Thrown by the query function so TanStack
 * Query keeps the last good data and records the failure (`error`, `errorUpdatedAt`) instead of
 * replacing the map's features with nothing.
 */
export class SourceReadError extends Error {
  /** The report entry saying why (translate it with `reportText`). */
  readonly entry: ReportEntry;

  constructor(entry: ReportEntry) {
    super(entry.message);
    this.name = 'SourceReadError';
    this.entry = entry;
  }
}

/**
 * One source's query: fetched and parsed in the worker; polled every `refresh_s` seconds when set.
 * The key holds the whole spec, so a manifest that changes the mapping or CRS loads afresh.
 * Structural sharing by feature id (`mergeById`): a poll that changed nothing keeps the previous
 * result object, and changed polls keep every unchanged feature object, so deck layers keep their data.
 */
export function sourceQuery(client: SourceWorkerClient, manifestUrl: string, spec: SourceSpec, options: SourceQueryOptions = {}) {
  const interval = refetchIntervalOf(spec);
  return queryOptions({
    queryKey: ['source', manifestUrl, spec] as const,
    queryFn: async ({ signal, client: queryClient, queryKey }): Promise<LoadResult> => {
      const held = queryClient.getQueryData<LoadResult>(queryKey);
      const known = held?.fingerprint;
      const url = sourceUrl(manifestUrl, spec);
      let answer = await client.request('poll', { url, spec, ...(known ? { known } : {}) }, { signal });
      // The file has not changed: the same object, so nothing downstream recomputes.
      if ('unchanged' in answer) return held as LoadResult;
      let result: LoadResult;
      try {
        result = 'delta' in answer ? applyDelta(held, answer.delta) : answer;
      } catch (error) {
        // The copy held is not the one the delta was made for (it cannot happen, short of a bug): read it whole.
        if (!(error instanceof DeltaMismatchError)) throw error;
        answer = await client.request('poll', { url, spec }, { signal });
        if ('unchanged' in answer || 'delta' in answer) throw error;
        result = answer;
      }
      if (result !== held && 'delta' in answer) madeWhole.add(result);
      const failure = sourceFailure(result);
      const previous = failure ? held : undefined;
      if (failure && previous && !sourceFailure(previous)) throw new SourceReadError(failure);
      return result;
    },
    // TanStack types both sides as unknown; only this query's own results reach it.
    // A delta made whole already shares the held features: matching them again would cost a pass
    // over a map of every id, the very work the delta saves.
    structuralSharing: (previous: unknown, next: unknown) =>
      madeWhole.has(next as LoadResult) ? next : mergeById(previous as LoadResult | undefined, next as LoadResult),
    refetchInterval: interval,
    refetchIntervalInBackground: options.pollInBackground ?? false,
    // A source without refresh_s is a file that does not change during a visit.
    staleTime: interval === false ? Infinity : interval,
    retry: 1,
  });
}

/** What the status needs of a source query's state (a `useQuery` / `useQueries` result has it all). */
export interface SourceQueryState {
  data?: LoadResult | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  dataUpdatedAt: number;
  errorUpdatedAt: number;
}

/**
 * A source as the status line and the banners see it. A poll that failed after a success keeps its
 * data and gets `failedAt` and `failure`; a first load that read nothing gets `failure` only.
 * @param describeError text for errors that are not read failures (a worker crash).
 */
export function sourceStatusItem(spec: SourceSpec, query: SourceQueryState | undefined, describeError: (error: unknown) => string): SourceStatusItem {
  const item: SourceStatusItem = {
    spec,
    status: !query || query.isPending ? 'pending' : query.data ? 'success' : 'error',
    fetching: query?.isFetching ?? false,
  };
  if (!query) return item;
  if (query.data) item.result = query.data;
  if (query.dataUpdatedAt) item.updatedAt = query.dataUpdatedAt;
  if (query.error) {
    if (query.errorUpdatedAt) item.failedAt = query.errorUpdatedAt;
    if (query.error instanceof SourceReadError) item.failure = query.error.entry;
    else item.error = describeError(query.error);
  } else if (query.data) {
    const failure = sourceFailure(query.data);
    if (failure) item.failure = failure;
  }
  return item;
}

/**
 * The basemap archive's header (bounds, zoom range), read once per visit. An error is a
 * `BasemapError` (`missing` or `unreadable`), shown as a banner; not retried, since a missing file
 * stays missing until someone runs `npm run tiles`.
 */
export function basemapQuery(archiveUrl: string) {
  return queryOptions({
    queryKey: ['basemap', archiveUrl] as const,
    queryFn: () => openBasemap(archiveUrl),
    staleTime: Infinity,
    retry: false,
  });
}

/** Collections per kind, sources of one kind concatenated (in manifest order). */
export type CollectionsByKind = { readonly [K in Kind]?: CollectionOf<K> };

/**
 * Groups load results by kind. A kind with one source keeps that source's collection object, so
 * deck layers see the same `data` until that source really changes.
 */
export function collectionsByKind(results: readonly (LoadResult | undefined)[]): CollectionsByKind {
  const groups = new Map<Kind, LoadResult[]>();
  for (const r of results) {
    if (!r) continue;
    const list = groups.get(r.kind) ?? [];
    list.push(r);
    groups.set(r.kind, list);
  }
  const out: Record<string, unknown> = {};
  for (const [kind, list] of groups) {
    out[kind] = list.length === 1
      ? list[0]?.collection
      : { type: 'FeatureCollection', features: list.flatMap((r) => r.collection.features) };
  }
  return out as CollectionsByKind;
}

/**
 * Starts loading the manifest and then every source, without waiting for any component: called at
 * boot, so the worker reads the exports while the map chunks download. The mode's queries pick up
 * the same requests from the cache (same keys).
 * @param options.first kinds to request before the others, in this order.
 */
export async function prefetchDistrict(
  queryClient: QueryClient,
  client: SourceWorkerClient,
  manifestUrl: string,
  options: { first?: readonly Kind[] } = {},
): Promise<void> {
  const { manifest } = await queryClient.fetchQuery(manifestQuery(client, manifestUrl));
  // The worker parses one file at a time: asking for what the first view draws first gets the map
  // drawn before, say, 10,000 alarms are parsed.
  const first = options.first ?? [];
  const rank = (kind: Kind) => (first.includes(kind) ? first.indexOf(kind) : first.length);
  const specs = [...(manifest?.sources ?? [])].sort((a, b) => rank(a.kind) - rank(b.kind));
  await Promise.all(specs.map((spec) => queryClient.prefetchQuery(sourceQuery(client, manifestUrl, spec))));
}

export const SourcesClientContext = createContext<SourceWorkerClient | null>(null);

/** The sources worker client of the surrounding provider. */
export function useSourcesClient(): SourceWorkerClient {
  const client = useContext(SourcesClientContext);
  if (!client) throw new Error('useSourcesClient outside <SourcesClientContext.Provider>');
  return client;
}
