/**
 * Main-thread side of the analysis worker: runs that return promises, with progress and cancel.
 *
 * - Inputs cross once per version: `setInputs(collections, version)` sends them; a run with the same
 *   collections object only names the version. Collections never seen get a version of their own.
 * - One run at a time in the worker, the rest wait here in order; identical runs (same analysis, inputs,
 *   options and rules) share one answer while one is waiting or running.
 * - Cancel: a waiting run is dropped; the running one (the analyses are synchronous and cannot be
 *   interrupted) terminates the worker, and the next run starts a fresh one with the inputs sent again.
 *   The promise rejects with an error named `AbortError`.
 * - A crash (the worker's `error` event) rejects the running run with `WorkerError`; waiting runs go on
 *   in a fresh worker.
 */
import type { AnalysisInputs, AnalysisName, AnalysisOptions } from '../analysis/registry.ts';
import type { RulesOverride } from '../analysis/rules.ts';
import type { AnalysisErrorInfo, AnalysisOutcome, AnalysisRequest, AnalysisResponse, InputsVersion } from './analysis-protocol.ts';

/** The part of a Worker the client uses; tests pass a fake. */
export interface AnalysisWorkerLike {
  postMessage(message: AnalysisRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface RunOptions {
  rulesOverride?: RulesOverride;
  options?: AnalysisOptions;
  /** Stage code and fraction 0–1 as the worker reports them. */
  onProgress?: (stage: string, fraction: number) => void;
  signal?: AbortSignal;
}

export interface AnalysisClient {
  /** Sends collections to the worker under `version`; later runs with the same object only name it. */
  setInputs(collections: AnalysisInputs, version: InputsVersion): void;
  /** Runs one analysis on `inputs` (sent first unless already there). */
  run(analysis: AnalysisName, inputs: AnalysisInputs, options?: RunOptions): Promise<AnalysisOutcome>;
  /** Stops the worker; every run waiting or running rejects with AbortError. */
  terminate(): void;
}

/** An error from a run, with the worker's name kept (AbortError, WorkerError, AnalysisError, …) and a refusal's code. */
export class AnalysisRunError extends Error {
  readonly code: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  constructor(info: AnalysisErrorInfo) {
    super(info.message);
    this.name = info.name;
    this.code = info.code;
    this.params = info.params;
  }
}

/** The real worker, bundled by Vite as a module worker of its own. */
export function createAnalysisWorker(): AnalysisWorkerLike {
  return new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'analysis' }) as unknown as AnalysisWorkerLike;
}

const abortError = (message = 'the analysis was cancelled'): AnalysisRunError => new AnalysisRunError({ name: 'AbortError', message });

/**
 * Features per inputs message: small enough that cloning one part stays a short task even for
 * premises, which carry their hazards and enforcement records; the page handles input between parts.
 */
export const INPUT_PART_FEATURES = 500;

/** Splits inputs into parts of at most `size` features (one part when they fit). */
export function inputParts(inputs: AnalysisInputs, size: number): AnalysisInputs[] {
  const entries = Object.entries(inputs) as [string, { type: 'FeatureCollection'; features: unknown[] } | undefined][];
  const total = entries.reduce((n, [, c]) => n + (c?.features.length ?? 0), 0);
  if (total <= size) return [inputs];
  const parts: Record<string, unknown>[] = [];
  for (const [kind, collection] of entries) {
    if (!collection) continue;
    for (let at = 0; at < Math.max(1, collection.features.length); at += size) {
      parts.push({ [kind]: { ...collection, features: collection.features.slice(at, at + size) } });
    }
  }
  return parts as AnalysisInputs[];
}

interface Caller {
  resolve(outcome: AnalysisOutcome): void;
  reject(error: Error): void;
  onProgress: ((stage: string, fraction: number) => void) | undefined;
}

interface Job {
  id: number;
  key: string;
  analysis: AnalysisName;
  inputs: AnalysisInputs;
  version: InputsVersion;
  rulesOverride: RulesOverride | undefined;
  options: AnalysisOptions | undefined;
  callers: Set<Caller>;
}

/**
 * Creates a client. The worker starts with the first inputs or run.
 * @param factory makes the worker; {@link createAnalysisWorker} in the app, a fake in tests.
 * @example
 * const client = createAnalysisClient();
 * client.setInputs(collections, dataUpdatedAt);
 * const { result, summary } = await client.run('separation', collections, { onProgress, signal });
 */
export function createAnalysisClient(factory: () => AnalysisWorkerLike = createAnalysisWorker, partFeatures = INPUT_PART_FEATURES): AnalysisClient {
  let worker: AnalysisWorkerLike | null = null;
  /** The inputs version the current worker holds. */
  let held: InputsVersion | null = null;
  const versions = new WeakMap<AnalysisInputs, InputsVersion>();
  let autoVersion = 0;
  let nextId = 1;
  let running: Job | null = null;
  const waiting: Job[] = [];

  /** Messages waiting for their turn behind the parts of large inputs (one is posted per task). */
  const outbox: AnalysisRequest[] = [];
  let outboxTimer: ReturnType<typeof setTimeout> | null = null;
  const drain = (): void => {
    outboxTimer = null;
    const next = outbox.shift();
    if (!next || !worker) return;
    worker.postMessage(next);
    if (outbox.length) outboxTimer = setTimeout(drain, 0);
  };
  /** Posts now when nothing waits, else after what waits; never two large parts in one task. */
  const post = (w: AnalysisWorkerLike, message: AnalysisRequest): void => {
    if (!outbox.length) w.postMessage(message);
    else outbox.push(message);
  };

  const stopWorker = (): void => {
    outbox.length = 0;
    if (outboxTimer !== null) clearTimeout(outboxTimer);
    outboxTimer = null;
    worker?.terminate();
    worker = null;
    held = null;
  };

  const settle = (job: Job, fn: (c: Caller) => void): void => {
    for (const c of job.callers) fn(c);
    job.callers.clear();
  };

  const start = (): AnalysisWorkerLike => {
    if (worker) return worker;
    const w = factory();
    w.addEventListener('message', (event: MessageEvent<AnalysisResponse>) => {
      const msg = event.data;
      if (w !== worker || !running || msg.id !== running.id) return;
      const job = running;
      if (msg.type === 'progress') {
        for (const c of job.callers) c.onProgress?.(msg.stage, msg.fraction);
        return;
      }
      running = null;
      if (msg.type === 'done') settle(job, (c) => c.resolve(msg.outcome));
      else settle(job, (c) => c.reject(new AnalysisRunError(msg.error)));
      pump();
    });
    // A worker that fails to load or dies (out of memory): fail the run it had, go on afresh.
    w.addEventListener('error', (event: ErrorEvent) => {
      if (w !== worker) return;
      const job = running;
      running = null;
      stopWorker();
      if (job) settle(job, (c) => c.reject(new AnalysisRunError({ name: 'WorkerError', message: event.message || 'the analysis worker failed' })));
      pump();
    });
    worker = w;
    return w;
  };

  const send = (w: AnalysisWorkerLike, inputs: AnalysisInputs, version: InputsVersion): void => {
    if (held === version) return;
    held = version;
    const parts = inputParts(inputs, partFeatures);
    if (parts.length === 1) {
      post(w, { type: 'inputs', version, inputs });
      return;
    }
    const messages = parts.map((part, index): AnalysisRequest => ({ type: 'inputs', version, inputs: part, part: { index, count: parts.length } }));
    // The first part goes at once when nothing waits; the rest follow, one per task.
    post(w, messages[0] as AnalysisRequest);
    outbox.push(...messages.slice(1));
    if (outboxTimer === null) outboxTimer = setTimeout(drain, 0);
  };

  function pump(): void {
    if (running) return;
    const job = waiting.shift();
    if (!job) return;
    running = job;
    const w = start();
    send(w, job.inputs, job.version);
    post(w, {
      type: 'run', id: job.id,
      params: { analysis: job.analysis, inputsVersion: job.version, ...(job.rulesOverride ? { rulesOverride: job.rulesOverride } : {}), ...(job.options ? { options: job.options } : {}) },
    });
  }

  const leave = (job: Job, caller: Caller): void => {
    job.callers.delete(caller);
    caller.reject(abortError());
    if (job.callers.size > 0) return;
    if (running === job) {
      running = null;
      stopWorker();
      pump();
    } else {
      const at = waiting.indexOf(job);
      if (at >= 0) waiting.splice(at, 1);
    }
  };

  const setInputs = (collections: AnalysisInputs, version: InputsVersion): void => {
    versions.set(collections, version);
    // While a run is in the worker, the inputs go with the next run instead (the worker holds one set).
    if (!running) send(start(), collections, version);
  };

  return {
    setInputs,
    run(analysis, inputs, options = {}) {
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(abortError());
      let version = versions.get(inputs);
      if (version === undefined) {
        version = `auto-${++autoVersion}`;
        setInputs(inputs, version);
      }
      const key = JSON.stringify([analysis, version, options.options ?? {}, options.rulesOverride ?? {}]);
      let job = (running?.key === key ? running : undefined) ?? waiting.find((j) => j.key === key);
      if (!job) {
        job = { id: nextId++, key, analysis, inputs, version, rulesOverride: options.rulesOverride, options: options.options, callers: new Set() };
        waiting.push(job);
      }
      const shared = job;
      const promise = new Promise<AnalysisOutcome>((resolve, reject) => {
        const caller: Caller = {
          resolve: (outcome) => { signal?.removeEventListener('abort', onAbort); resolve(outcome); },
          reject: (error) => { signal?.removeEventListener('abort', onAbort); reject(error); },
          onProgress: options.onProgress,
        };
        function onAbort(): void { if (shared.callers.has(caller)) leave(shared, caller); }
        shared.callers.add(caller);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      pump();
      return promise;
    },
    terminate() {
      const jobs = [...(running ? [running] : []), ...waiting.splice(0)];
      running = null;
      stopWorker();
      for (const job of jobs) settle(job, (c) => c.reject(abortError('the analysis worker was stopped')));
    },
  };
}
