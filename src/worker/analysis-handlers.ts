/**
 * What the analysis worker does, apart from the messaging: keep the latest inputs, merge the rules,
 * run an analysis of the table (src/analysis/registry.ts) with progress, answer. Plain functions with
 * `post` passed in, so node tests run them without a Worker.
 */
import { AnalysisError, runAnalysis } from '../analysis/registry.ts';
import { validateRulesOverride, type ParsedRules } from '../analysis/rules-override.ts';
import type { AnalysisInputs } from '../analysis/registry.ts';
import type { AnalysisErrorInfo, AnalysisRequest, AnalysisResponse, InputsVersion, RunParams } from './analysis-protocol.ts';

/** The `file` of report entries about a run's rules override. */
export const RULES_OVERRIDE_FILE = 'rulesOverride';

export interface AnalysisHandler {
  /** Handles one message; answers through `post`, synchronously. */
  handle(message: AnalysisRequest): void;
}

/** Adds a part's features to the collections joined so far, kind by kind (InputsPart). */
export function joinPart(into: AnalysisInputs, part: AnalysisInputs): void {
  const target = into as Record<string, { type: 'FeatureCollection'; features: unknown[] }>;
  for (const [kind, collection] of Object.entries(part) as [string, { type: 'FeatureCollection'; features: unknown[] } | undefined][]) {
    if (!collection) continue;
    const joined = target[kind];
    if (joined) for (const f of collection.features) joined.features.push(f);
    else target[kind] = collection;
  }
}

/** An error as plain data, keeping an AnalysisError's code and params. */
export function errorInfo(error: unknown): AnalysisErrorInfo {
  if (error instanceof AnalysisError) return { name: error.name, message: error.message, code: error.code, params: error.params };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message };
}

/**
 * Creates the handler. One set of inputs is held (the newest `inputs` message); merged rules are kept
 * for the last override seen, since runs in a row usually share it.
 * @param post sends a response (self.postMessage in the worker, a collector in tests)
 * @param now a clock in milliseconds (performance.now by default)
 */
export function createAnalysisHandler(post: (message: AnalysisResponse) => void, now: () => number = () => performance.now()): AnalysisHandler {
  let held: { version: InputsVersion; inputs: AnalysisInputs } | null = null;
  /** The version whose parts are arriving. */
  let joining: { version: InputsVersion; inputs: AnalysisInputs } | null = null;
  let rulesCache: { key: string; parsed: ParsedRules } | null = null;

  const rulesFor = (params: RunParams): ParsedRules => {
    const key = JSON.stringify(params.rulesOverride ?? {});
    if (rulesCache?.key !== key) rulesCache = { key, parsed: validateRulesOverride(params.rulesOverride ?? {}, RULES_OVERRIDE_FILE) };
    return rulesCache.parsed;
  };

  const run = (id: number, params: RunParams): void => {
    if (!held || held.version !== params.inputsVersion) {
      const message = `no inputs of version ${String(params.inputsVersion)} in the worker (holding ${held ? String(held.version) : 'none'})`;
      post({ type: 'failed', id, error: { name: 'AnalysisError', message, code: 'inputs.unknown', params: { version: String(params.inputsVersion) } } });
      return;
    }
    const t0 = now();
    try {
      const { rules, report } = rulesFor(params);
      const progress = (stage: string, fraction: number): void => post({ type: 'progress', id, stage, fraction });
      const { result, summary } = runAnalysis(params.analysis, held.inputs, rules, params.options, progress);
      post({ type: 'done', id, outcome: { result, summary, ms: now() - t0, rulesReport: report } });
    } catch (error) {
      post({ type: 'failed', id, error: errorInfo(error) });
    }
  };

  return {
    handle(message) {
      if (message.type === 'run') run(message.id, message.params);
      else if (!message.part) held = { version: message.version, inputs: message.inputs };
      else {
        if (message.part.index === 0 || !joining || joining.version !== message.version) joining = { version: message.version, inputs: {} };
        joinPart(joining.inputs, message.inputs);
        if (message.part.index === message.part.count - 1) {
          held = joining;
          joining = null;
        }
      }
    },
  };
}
