/**
 * The district's data as explore mode needs it: the manifest, every source (polled as the manifest
 * says), files dropped onto the map, the basemap's header, and the time the data is judged at.
 * Only data plumbing: no drawing, no fire-safety rules.
 */
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/preact-query';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { basemapQuery, collectionsByKind, manifestQuery, manifestUrlFor, sourceQuery, sourceStatusItem, useSourcesClient } from '../../app/data.ts';
import type { Collections } from '../../app/filters.ts';
import { t } from '../../i18n/index.ts';
import { chooseBasemap, pmtilesStyleSource, type BasemapChoice, type BasemapInfo } from '../../map/basemap.ts';
import type { BasemapStyleSource } from '../../map/style.ts';
import type { LoadResult } from '../../sources/load.ts';
import type { Kind } from '../../sources/contract/index.ts';
import type { Manifest, SourceSpec } from '../../sources/manifest-types.ts';
import type { ReportEntry } from '../../sources/report.ts';
import type { SourceStatusItem } from '../../ui/status/SourceStatus.tsx';

const NO_SPECS: readonly SourceSpec[] = [];

/** A file someone dropped onto the map, accepted after validation. */
export interface DroppedSource {
  name: string;
  result: LoadResult;
  /** How the status line lists it. */
  spec: SourceSpec;
  /** When it was read (epoch ms). */
  at: number;
}

export interface District {
  manifestUrl: string;
  manifest: Manifest | null;
  manifestPending: boolean;
  manifestReport: readonly ReportEntry[];
  manifestError?: string;
  specs: readonly SourceSpec[];
  sourceQueries: readonly UseQueryResult<LoadResult>[];
  statusItems: SourceStatusItem[];
  /** Every loaded source and dropped file, by kind. */
  collections: Collections;
  basemapChoice: BasemapChoice;
  basemap: UseQueryResult<BasemapInfo>;
  basemapSource: BasemapStyleSource | null;
  /** The manifest's snapshot time, or the clock (ticking each minute). */
  now: Date;
}

function errorText(error: unknown): string {
  return t('error.worker', { message: error instanceof Error ? error.message : String(error) });
}

/** The clock, as a Date that changes once a minute (ages and overdue need no finer step). */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export interface DistrictOptions {
  /** Keep polling while the tab is hidden (the wall display). Default false. */
  pollInBackground?: boolean;
  /**
   * While given, only sources of these kinds are read; the others wait (their queries disabled,
   * shown as pending) until a render without it. Lets the first map have the CPU to itself.
   */
  only?: readonly Kind[];
}

export function useDistrict(dropped: readonly DroppedSource[], options: DistrictOptions = {}): District {
  const client = useSourcesClient();
  const manifestUrl = useMemo(() => manifestUrlFor(document.baseURI), []);
  const basemapChoice = useMemo(() => chooseBasemap(location.search, document.baseURI), []);
  const basemap = useQuery(basemapQuery(basemapChoice.url));
  const basemapSource = useMemo(() => (basemap.data ? pmtilesStyleSource(basemapChoice.url, basemap.data) : null), [basemap.data]);
  const manifestQ = useQuery(manifestQuery(client, manifestUrl));
  const manifest = manifestQ.data?.manifest ?? null;
  const specs = manifest?.sources ?? NO_SPECS;
  const queryOptions = options.pollInBackground === undefined ? {} : { pollInBackground: options.pollInBackground };
  const only = options.only;
  const sourceQueries = useQueries({
    queries: specs.map((spec) => ({ ...sourceQuery(client, manifestUrl, spec, queryOptions), enabled: !only || only.includes(spec.kind) })),
  });

  const results = [...sourceQueries.map((q) => q.data), ...dropped.map((d) => d.result)];
  // The results' identities are the dependencies: a poll that changed nothing keeps its object
  // (structural sharing), so the layers keep their data and deck uploads nothing.
  const collections = useMemo(() => collectionsByKind(results), results);

  const clock = useMinuteClock();
  const asOf = manifest?.as_of;
  const now = useMemo(() => (asOf ? new Date(asOf) : clock), [asOf, clock]);

  const statusItems: SourceStatusItem[] = [
    ...specs.map((spec, i) => sourceStatusItem(spec, sourceQueries[i], errorText)),
    ...dropped.map((d): SourceStatusItem => ({ spec: d.spec, status: 'success', fetching: false, result: d.result, updatedAt: d.at, local: true })),
  ];
  const manifestError = manifestQ.isError
    ? errorText(manifestQ.error)
    : manifestQ.isSuccess && !manifest ? t('status.failed') : undefined;

  return {
    manifestUrl,
    manifest,
    manifestPending: manifestQ.isPending,
    manifestReport: manifestQ.data?.report ?? [],
    ...(manifestError ? { manifestError } : {}),
    specs,
    sourceQueries,
    statusItems,
    collections,
    basemapChoice,
    basemap,
    basemapSource,
    now,
  };
}
