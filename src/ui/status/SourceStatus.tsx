/**
 * The data status line: per source, how many features loaded and how many problems the load report
 * found, with the first problems listed. Bad data must be visible, not silently missing from the map.
 * Every text from data is rendered as JSX text (escaped), never as HTML.
 */
import { fieldText, kindText, reportText, sentenceCase, t } from '../../i18n/index.ts';
import type { Kind } from '../../sources/contract/index.ts';
import type { LoadResult } from '../../sources/load.ts';
import type { SourceSpec } from '../../sources/manifest-types.ts';
import type { ReportEntry } from '../../sources/report.ts';

/** One source as the status line sees it (a view of its query). */
export interface SourceStatusItem {
  spec: SourceSpec;
  /** `pending`: no result yet; `error`: the request itself failed (worker crash), not the data. */
  status: 'pending' | 'success' | 'error';
  fetching: boolean;
  result?: LoadResult;
  error?: string;
  updatedAt?: number;
}

export interface SourceStatusProps {
  /** Problems of the manifest itself. */
  manifestReport: readonly ReportEntry[];
  manifestError?: string;
  sources: readonly SourceStatusItem[];
  /** Entries listed per source before "n more". Default 20. */
  maxEntries?: number;
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

function SourceRow({ item, max }: { item: SourceStatusItem; max: number }) {
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
      </div>
      {result ? <Entries entries={result.report} kind={spec.kind} max={max} /> : null}
    </li>
  );
}

/** The status panel. */
export function SourceStatus({ manifestReport, manifestError, sources, maxEntries = 20 }: SourceStatusProps) {
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
        {sources.map((item) => <SourceRow key={item.spec.id} item={item} max={maxEntries} />)}
      </ul>
    </section>
  );
}
