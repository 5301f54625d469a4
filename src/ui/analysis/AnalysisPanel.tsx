/**
 * The analysis panel: per analysis its name and what it looks for, run / cancel, a progress bar
 * while the worker runs it, and after a run the number of findings, the time taken, export buttons,
 * the findings (most severe first) and the rules they cite.
 *
 * The panel only shows and asks: running, cancelling, exporting and flying to a finding are the
 * caller's (a mode's) work through the callbacks. Rows come from `rowsOf`, normally `findingRows` of
 * src/app/findings.ts, passed in so the panel stays a plain view of its props.
 *
 * Progress arrives as a signal that only the progress bar reads: a worker reports many times a
 * second, and re-rendering the panel (the other analyses' findings lists among it) at each report
 * held the main thread for 50–90 ms at a time. Items are memoised for the same reason: one
 * analysis starting or finishing leaves the others' lists alone.
 */
import type { ReadonlySignal } from '@preact/signals';
import { memo } from 'preact/compat';
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { analysisTitleKey, type AnalysisName, type AnalysisResult, type FindingRow, type Rules } from '../../layers/analysis/index.ts';
import { FindingsList, messageText } from './FindingsList.tsx';
import { RulesTable } from './RulesTable.tsx';
import './analysis.css';

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** The worker's last report on a run: a stage id and the fraction done (0–1). */
export interface AnalysisProgress {
  stage: string;
  fraction: number;
}

export type ProgressByAnalysis = Partial<Record<AnalysisName, AnalysisProgress>>;

/** What the caller knows of one analysis' run (its progress is apart: `AnalysisPanelProps.progress`). */
export interface AnalysisRunState {
  status: AnalysisStatus;
  result?: AnalysisResult;
  /** The worker's own summary; not shown (it is not translated), kept for callers and tests. */
  summary?: unknown;
  /** Time the run took, milliseconds. */
  ms?: number;
  /** Why it failed (shown as given: the worker's message). */
  error?: string;
}

export type ExportFormat = 'geojson' | 'csv';

export interface AnalysisPanelProps {
  /** The analyses to offer, in this order. */
  analyses: readonly AnalysisName[];
  state: Partial<Record<AnalysisName, AnalysisRunState>>;
  /** The running analyses' last progress reports, read by their progress bars alone. */
  progress: ReadonlySignal<ProgressByAnalysis>;
  /** The rules table in force, for the rules each result cites. */
  rules: Rules;
  onRun: (name: AnalysisName) => void;
  onCancel: (name: AnalysisName) => void;
  /** A finding was clicked: fly to `row.position`, open `row.premiseId`, select `row.id`. */
  onPick: (row: FindingRow) => void;
  onExport: (name: AnalysisName, format: ExportFormat) => void;
  /** Findings of a result, sorted: pass `findingRows` from src/app/findings.ts. */
  rowsOf: (name: AnalysisName, result: AnalysisResult) => readonly FindingRow[];
  /** The selected finding's id, marked in its list. Default none. */
  selectedId?: string | null;
}

/** Whole percent of a progress fraction, clamped to 0–100 (0 when unknown). */
export function progressPercent(fraction: number | undefined): number {
  return fraction === undefined || !Number.isFinite(fraction) ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

const NO_ROWS: readonly FindingRow[] = [];

interface ItemProps extends Omit<AnalysisPanelProps, 'analyses' | 'state'> {
  name: AnalysisName;
  run: AnalysisRunState | undefined;
}

function Progress({ name, progress }: { name: AnalysisName; progress: ReadonlySignal<ProgressByAnalysis> }) {
  const report = progress.value[name];
  const percent = progressPercent(report?.fraction);
  const stage = report?.stage;
  const stageKey = `analysis.stage.${stage ?? ''}`;
  const stageText = stage && messageText(stageKey) !== stageKey ? messageText(stageKey) : null;
  return (
    <div class="analysis-running">
      <div
        class="analysis-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('analysis.progress', { name: messageText(analysisTitleKey(name)) })}
        data-stage={stage}
      >
        <div class="analysis-progress-bar" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <span class="analysis-note">{t('analysis.running', { percent })}{stageText ? ` · ${stageText}` : ''}</span>
    </div>
  );
}

const AnalysisItem = memo(function AnalysisItem({ name, run, progress, rules, onRun, onCancel, onPick, onExport, rowsOf, selectedId = null }: ItemProps) {
  const status = run?.status ?? 'idle';
  const result = status === 'done' ? run?.result : undefined;
  const rows = useMemo(() => (result ? rowsOf(name, result) : NO_ROWS), [name, result, rowsOf]);
  const title = messageText(analysisTitleKey(name));
  return (
    <li class={`analysis-item analysis-item--${status}`} data-analysis={name}>
      <div class="analysis-item-head">
        <h3 class="analysis-item-title">{title}</h3>
        {status === 'running' ? (
          <button type="button" class="analysis-button" onClick={() => onCancel(name)}>{t('analysis.cancel')}</button>
        ) : (
          <button type="button" class="analysis-button analysis-button--primary" onClick={() => onRun(name)}>
            {t(status === 'idle' ? 'analysis.run' : 'analysis.rerun')}
          </button>
        )}
      </div>
      <p class="analysis-item-desc">{messageText(`analysis.desc.${name}`)}</p>
      {status === 'running' && <Progress name={name} progress={progress} />}
      {status === 'error' && <p class="analysis-error" role="alert">{t('analysis.error', { message: run?.error ?? '' })}</p>}
      {status === 'cancelled' && <p class="analysis-note">{t('analysis.cancelled')}</p>}
      {result && (
        <div class="analysis-result">
          <p class="analysis-summary">
            <strong>{t('analysis.found', { count: rows.length })}</strong>
            {run?.ms !== undefined && <span> · {t('analysis.time', { seconds: (run.ms / 1000).toFixed(2) })}</span>}
          </p>
          <div class="analysis-export">
            {(['geojson', 'csv'] as const).map((format) => (
              <button
                key={format}
                type="button"
                class="analysis-button"
                aria-label={t('analysis.export.label', { name: title, format: format === 'csv' ? 'CSV' : 'GeoJSON' })}
                onClick={() => onExport(name, format)}
              >
                {t(format === 'csv' ? 'analysis.export.csv' : 'analysis.export.geojson')}
              </button>
            ))}
          </div>
          <FindingsList rows={rows} onPick={onPick} selectedId={selectedId} />
          <RulesTable name={name} rules={rules} rows={rows} />
        </div>
      )}
    </li>
  );
});

/** The panel: one item per analysis. */
export function AnalysisPanel({ analyses, state, ...rest }: AnalysisPanelProps) {
  return (
    <section class="analysis-panel" data-testid="analysis-panel" aria-labelledby="analysis-panel-title">
      <h2 id="analysis-panel-title" class="panel-title">{t('analysis.panel.title')}</h2>
      <ul class="analysis-list">
        {analyses.map((name) => <AnalysisItem key={name} name={name} run={state[name]} {...rest} />)}
      </ul>
    </section>
  );
}
