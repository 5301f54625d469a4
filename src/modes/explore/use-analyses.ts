/**
 * The analyses as explore mode runs them: one analysis worker per page, the district's data sent to
 * it once per data version, the deployment's rules, and per analysis its run state and result. The worker does the work; this hook only
 * keeps track, so the main thread never computes a finding itself. The rules file is the one the
 * manifest names (`rules`), checked like an export: its valid part applies, the rest is reported.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import { useQuery } from '@tanstack/preact-query';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_RULES, type Rules, type RulesOverride } from '../../analysis/rules.ts';
import { parseRulesOverride, type RulesReportEntry } from '../../analysis/rules-override.ts';
import type { AnalysisName } from '../../analysis/registry-types.ts';
import type { Collections } from '../../app/filters.ts';
import { useStableCallback } from '../../app/stable-callback.ts';
import type { AnalysisRunState, ProgressByAnalysis } from '../../ui/analysis/AnalysisPanel.tsx';
import { createAnalysisClient, type AnalysisClient } from '../../worker/analysis-client.ts';

/** Performance mark set when an analysis result reaches the page, before it is shown. */
export const ANALYSIS_RESULT_MARK = 'fire-one-map:analysis-result';


export interface DeploymentRules {
  rules: Rules;
  override: RulesOverride;
  report: readonly RulesReportEntry[];
  /** Whether a rules file was found at all. */
  present: boolean;
}

const DEFAULTS: DeploymentRules = { rules: DEFAULT_RULES, override: {}, report: [], present: false };

/** The manifest's rules file read and validated. A file that cannot be read is a report entry too. */
async function fetchRules(url: string, name: string, signal: AbortSignal): Promise<DeploymentRules> {
  const response = await fetch(url, { signal });
  if (response.ok) return { ...parseRulesOverride(await response.text(), name), present: true };
  const code = response.status === 404 ? 'file.missing' : 'file.unreadable';
  const detail = `HTTP ${response.status}`;
  const entry: RulesReportEntry = { severity: 'error', file: name, code, message: `${name}: ${detail}`, params: code === 'file.missing' ? { path: name } : { detail } };
  return { ...DEFAULTS, report: [entry] };
}

export interface Analyses {
  rules: DeploymentRules;
  /** Per analysis its status and result; changes when a run starts, ends or is dropped. */
  state: Partial<Record<AnalysisName, AnalysisRunState>>;
  /** The running analyses' progress: a signal, so a report re-renders its progress bar and nothing else. */
  progress: ReadonlySignal<ProgressByAnalysis>;
  /** Starts (or restarts) an analysis; the same function on every render. */
  run(name: AnalysisName): void;
  /** Cancels a running analysis; the same function on every render. */
  cancel(name: AnalysisName): void;
}

/**
 * @param rulesPath the manifest's `rules` (relative to the manifest), or undefined for the built-in table.
 */
/** The kinds any analysis reads: sensors and alarms are not among them, so their polls keep results. */
const ANALYSED_KINDS = ['buildings', 'premises', 'hydrants', 'roads', 'fire_lanes', 'grids', 'hazard_areas', 'stations'] as const;

export function useAnalyses(all: Collections, manifestUrl: string, rulesPath: string | undefined): Analyses {
  // Only what the analyses read goes to the worker (a million alarms need not be cloned there).
  const collections = useMemo(
    () => Object.fromEntries(ANALYSED_KINDS.flatMap((k) => (all[k] ? [[k, all[k]]] : []))) as Collections,
    ANALYSED_KINDS.map((k) => all[k]),
  );
  const rulesUrl = useMemo(() => (rulesPath ? new URL(rulesPath, manifestUrl).href : null), [rulesPath, manifestUrl]);
  const rulesQ = useQuery({
    queryKey: ['rules', rulesUrl],
    queryFn: ({ signal }) => (rulesUrl && rulesPath ? fetchRules(rulesUrl, rulesPath, signal) : Promise.resolve(DEFAULTS)),
    enabled: rulesUrl !== null,
    staleTime: Infinity,
    retry: false,
  });
  const rules = rulesQ.data ?? DEFAULTS;
  const [state, setState] = useState<Partial<Record<AnalysisName, AnalysisRunState>>>({});
  const progress = useMemo(() => signal<ProgressByAnalysis>({}), []);
  const clientRef = useRef<AnalysisClient | null>(null);
  const aborts = useRef(new Map<AnalysisName, AbortController>());
  useEffect(() => () => clientRef.current?.terminate(), []);

  // New data of an analysed kind makes earlier results stale: they are dropped rather than shown
  // over data they no longer describe.
  const seen = useRef(collections);
  if (seen.current !== collections) {
    seen.current = collections;
    if (Object.keys(state).length) queueMicrotask(() => setState({}));
  }

  const patch = (name: AnalysisName, next: AnalysisRunState) => setState((s) => ({ ...s, [name]: next }));
  const report = (name: AnalysisName, stage: string, fraction: number) => {
    progress.value = { ...progress.peek(), [name]: { stage, fraction } };
  };
  const run = useStableCallback((name: AnalysisName) => {
    clientRef.current ??= createAnalysisClient();
    aborts.current.get(name)?.abort();
    const controller = new AbortController();
    aborts.current.set(name, controller);
    report(name, 'prepare', 0);
    patch(name, { status: 'running' });
    clientRef.current
      .run(name, collections, {
        rulesOverride: rules.override,
        signal: controller.signal,
        // A run cancelled by a newer one may still report: its bar is gone, so it must not move the new one's.
        onProgress: (stage, fraction) => { if (aborts.current.get(name) === controller) report(name, stage, fraction); },
      })
      .then(
        (outcome) => {
          // Where "the analysis runs" ends and showing its result begins (the benchmark splits there).
          performance.mark(ANALYSIS_RESULT_MARK, { detail: { analysis: name } });
          patch(name, { status: 'done', result: outcome.result, summary: outcome.summary, ms: outcome.ms });
        },
        (error: unknown) => {
          const aborted = error instanceof Error && error.name === 'AbortError';
          patch(name, aborted ? { status: 'cancelled' } : { status: 'error', error: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => {
        if (aborts.current.get(name) === controller) aborts.current.delete(name);
      });
  });
  const cancel = useStableCallback((name: AnalysisName) => aborts.current.get(name)?.abort());
  return { rules, state, progress, run, cancel };
}
