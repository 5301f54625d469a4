/**
 * The data status line: per source, how many features loaded and how many problems the load report
 * found, with the first problems listed, and how fresh the data is. Bad or old data must be visible,
 * not silently missing from the map. Every text from data is rendered as JSX text (escaped), never as HTML.
 */
import { useEffect, useState } from 'preact/hooks';
import { fieldText, kindText, reportText, sentenceCase, t } from '../../i18n/index.ts';
import type { Kind } from '../../sources/contract/index.ts';
import type { LoadResult } from '../../sources/load.ts';
import type { SourceSpec } from '../../sources/manifest-types.ts';
import type { ReportEntry } from '../../sources/report.ts';
import './status.css';

/** One source as the status line sees it (a view of its query). */
export interface SourceStatusItem {
  spec: SourceSpec;
  /** `pending`: no result yet; `error`: the request itself failed (worker crash), not the data. */
  status: 'pending' | 'success' | 'error';
  fetching: boolean;
  result?: LoadResult;
  /** Translated text of a request error (not a data problem). */
  error?: string;
  /** When `result` was fetched (ms since epoch). */
  updatedAt?: number;
  /** When the last fetch failed, if the failure is newer than the data. */
  failedAt?: number;
  /** Why the source could not be read (missing, network…), whether or not older data is still shown. */
  failure?: ReportEntry;
  /** A file dropped on the page rather than a manifest source: never refreshed. */
  local?: boolean;
}

/** How fresh a source's data is (see src/app/freshness.ts). */
export type FreshnessState = 'live' | 'stale' | 'static' | 'never' | 'failing';

/** The freshness badge of one source: its state, a short text and a title with exact times. */
export interface FreshnessBadge {
  state: FreshnessState;
  text: string;
  title: string;
}

export interface SourceStatusProps {
  /** Problems of the manifest itself. */
  manifestReport: readonly ReportEntry[];
  manifestError?: string;
  sources: readonly SourceStatusItem[];
  /** Entries listed per source before "n more". Default 20. */
  maxEntries?: number;
  /**
   * The freshness badge of a source at time `now`; no badge without it. Passed in (from
   * src/app/freshness.ts) because shared components do not import the app shell.
   */
  freshnessOf?: (item: SourceStatusItem, now: number) => FreshnessBadge | null;
  /** How often badges re-render so ages move, in ms. Default 15 s. */
  tickMs?: number;
}

/** The current time, refreshed every `intervalMs` while `active`, so relative ages keep moving. */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

function Badge({ badge }: { badge: FreshnessBadge }) {
  return (
    <span class={`status-fresh status-fresh--${badge.state}`} data-freshness={badge.state} title={badge.title}>
      {badge.text}
    </span>
  );
}

function Entries({ entries, kind, max }: { entries: readonly ReportEntry[]; kind?: Kind; max: number }) {
  if (entries.length === 0) return null;
  return (
    <details class="status-details">
      <summary>{t('status.details')}</summary>
      <ul>
        {entries.slice(0, max).map((entry, i) => (
          <li key={i} class={`status-entry status-entry--${entry.severity}`} title={entry.message}>
            <span class="status-entry-severity">{t(entry.severity === 'error' ? 'status.severity.error' : 'status.severity.warning')}</span>{' '}
            {entry.featureIndex !== undefined ? <span class="status-entry-where">{t('status.feature', { index: entry.featureIndex })}</span> : null}
            {entry.featureId ? <span class="status-entry-where"> {entry.featureId}</span> : null}
            {entry.field ? <span class="status-entry-where"> {kind ? fieldText(kind, entry.field) : entry.field}</span> : null}
            {entry.featureIndex !== undefined || entry.featureId || entry.field ? t('status.sep') : null}
            <span>{reportText(entry)}</span>
          </li>
        ))}
      </ul>
      {entries.length > max ? <p class="status-more">{t('status.more', { count: entries.length - max })}</p> : null}
    </details>
  );
}

function SourceRow({ item, max, badge }: { item: SourceStatusItem; max: number; badge: FreshnessBadge | null }) {
  const { spec, result } = item;
  // The manifest's title is the data owner's name for the source (often Chinese); the kind label
  // beside it says what it is in the UI language.
  const kindLabel = sentenceCase(kindText(spec.kind));
  const title = spec.title ?? kindLabel;
  const stats = result?.stats;
  let summary: string;
  let tone: 'ok' | 'warn' | 'error' | 'busy';
  if (item.status === 'pending') {
    summary = t('status.loading');
    tone = 'busy';
  } else if (item.status === 'error' || !stats) {
    summary = `${t('status.failed')}${item.error ? `：${item.error}` : ''}`;
    tone = 'error';
  } else {
    const parts = [t('status.loaded', { kept: stats.kept })];
    if (stats.dropped > 0) parts.push(t('status.dropped', { dropped: stats.dropped }));
    if (stats.errors > 0) parts.push(t('status.errors', { count: stats.errors }));
    if (stats.warnings > 0) parts.push(t('status.warnings', { count: stats.warnings }));
    if (stats.errors === 0 && stats.warnings === 0) parts.push(t('status.ok'));
    summary = parts.join(' · ');
    tone = stats.errors > 0 ? 'error' : stats.warnings > 0 ? 'warn' : 'ok';
  }
  return (
    <li class={`status-source status-source--${tone}`} data-source={spec.id} data-tone={tone}>
      <div class="status-source-line">
        <span class="status-dot" aria-hidden="true" />
        <span class="status-source-title">{title}</span>
        {title !== kindLabel ? <span class="status-source-kind">{kindLabel}</span> : null}
        <span class="status-source-summary">{summary}</span>
        {item.fetching && item.status !== 'pending' ? <span class="status-refreshing">{t('status.refreshing')}</span> : null}
        {badge ? <Badge badge={badge} /> : item.local ? <Badge badge={{ state: 'static', text: t('live.fresh.local'), title: t('live.fresh.local_short') }} /> : null}
      </div>
      {item.status === 'success' && item.failedAt !== undefined && (item.failure || item.error) ? (
        <p class="status-failing" data-testid="source-failing">
          {t('live.status.failing', { error: item.failure ? reportText(item.failure) : item.error ?? '' })}
        </p>
      ) : null}
      {result ? <Entries entries={result.report} kind={spec.kind} max={max} /> : null}
    </li>
  );
}

/** The status panel. */
export function SourceStatus({ manifestReport, manifestError, sources, maxEntries = 20, freshnessOf, tickMs = 15_000 }: SourceStatusProps) {
  const now = useNow(tickMs, freshnessOf !== undefined);
  return (
    <section class="status" data-testid="data-status" aria-labelledby="status-title">
      <h2 id="status-title" class="panel-title">{t('status.title')}</h2>
      {manifestError || manifestReport.length > 0 ? (
        <div class={`status-manifest${manifestError ? ' status-manifest--error' : ''}`} data-testid="manifest-status">
          <span class="status-source-title">{t('status.manifest')}</span>{' '}
          {manifestError ? <span>{manifestError}</span> : null}
          <Entries entries={manifestReport} max={maxEntries} />
        </div>
      ) : null}
      <ul class="status-sources">
        {sources.map((item) => (
          <SourceRow key={item.spec.id} item={item} max={maxEntries} badge={freshnessOf ? freshnessOf(item, now) : null} />
        ))}
      </ul>
    </section>
  );
}
