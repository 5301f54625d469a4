/**
 * The message protocol of the analysis worker. The district's collections cross once per data version
 * (`inputs`, no answer: the worker keeps the latest version), so each `run` names a version instead of
 * cloning 100,000 features again. A run is answered by `progress` messages, then exactly one `done` or
 * `failed`. There is no cancel message: the analyses are synchronous, so the client cancels by
 * terminating the worker (and starts a fresh one for the next run).
 *
 * Everything is plain data (structured clone); errors carry the name, and for refusals of the analysis
 * table (AnalysisError) a stable code and params the UI translates.
 */
import type { FeatureCollection } from 'geojson';
import type { AnalysisInputs, AnalysisName, AnalysisOptions, AnalysisSummary } from '../analysis/registry.ts';
import type { RulesOverride } from '../analysis/rules.ts';
import type { RulesReportEntry } from '../analysis/rules-override.ts';

/** Names one set of inputs, e.g. the time the data was loaded or a counter. */
export type InputsVersion = string | number;

/** What one run asks for. */
export interface RunParams {
  analysis: AnalysisName;
  /** The version of the inputs sent before (the worker refuses a version it does not hold). */
  inputsVersion: InputsVersion;
  /** Overrides of the rules table (e.g. the valid part of data/rules.json); checked again in the worker. */
  rulesOverride?: RulesOverride;
  /** The analysis's options (registry.ts); missing ones take their defaults. */
  options?: AnalysisOptions;
}

/** What a run answers. */
export interface AnalysisOutcome {
  result: FeatureCollection;
  summary: AnalysisSummary;
  /** Milliseconds in the worker: rules merged, options checked, analysis run and summarised. */
  ms: number;
  /** Problems in rulesOverride (its valid part was applied); empty for a clean override. */
  rulesReport: RulesReportEntry[];
}

/**
 * One of `count` parts of a version's inputs. Large inputs cross in parts, one per task, because
 * cloning a message blocks the sending thread: 34,000 footprints in one message held the page for
 * half a second. The worker joins the parts' features kind by kind; the version counts as held once
 * the last part is in.
 */
export interface InputsPart {
  index: number;
  count: number;
}

/** Main thread → worker. */
export type AnalysisRequest =
  | { type: 'inputs'; version: InputsVersion; inputs: AnalysisInputs; part?: InputsPart }
  | { type: 'run'; id: number; params: RunParams };

/** An error as it crosses the boundary (Error objects lose their class and extra fields). */
export interface AnalysisErrorInfo {
  name: string;
  message: string;
  /** For refusals: an AnalysisErrorCode (registry.ts) or 'inputs.unknown'. */
  code?: string;
  params?: Record<string, string | number>;
}

/** Worker → main thread. */
export type AnalysisResponse =
  | { type: 'progress'; id: number; stage: string; fraction: number }
  | { type: 'done'; id: number; outcome: AnalysisOutcome }
  | { type: 'failed'; id: number; error: AnalysisErrorInfo };
