import { describe, expect, it } from 'vitest';
import type { AnalysisInputs } from '../analysis/registry.ts';
import { createAnalysisClient, type AnalysisWorkerLike } from './analysis-client.ts';
import type { AnalysisOutcome, AnalysisRequest, AnalysisResponse } from './analysis-protocol.ts';

/** A worker double: records messages; the test answers by hand. */
function fakeWorker() {
  const sent: AnalysisRequest[] = [];
  const listeners: { message: ((e: MessageEvent<AnalysisResponse>) => void)[]; error: ((e: ErrorEvent) => void)[] } = { message: [], error: [] };
  let terminated = 0;
  const worker: AnalysisWorkerLike = {
    postMessage: (m) => sent.push(m),
    addEventListener: (type: 'message' | 'error', l: never) => listeners[type].push(l),
    terminate: () => { terminated += 1; },
  };
  const runs = () => sent.filter((m): m is Extract<AnalysisRequest, { type: 'run' }> => m.type === 'run');
  return {
    worker,
    sent,
    /** Types of the messages sent, e.g. ['inputs:1', 'run:separation']. */
    log: () => sent.map((m) => (m.type === 'inputs' ? `inputs:${String(m.version)}` : `run:${m.params.analysis}`)),
    lastRunId: () => runs().at(-1)?.id ?? -1,
    get terminated() { return terminated; },
    answer(message: AnalysisResponse) {
      for (const l of listeners.message) l({ data: message } as MessageEvent<AnalysisResponse>);
    },
    crash(text: string) {
      for (const l of listeners.error) l({ message: text } as ErrorEvent);
    },
  };
}
type Fake = ReturnType<typeof fakeWorker>;

/** A client whose factory hands out fresh fakes, recorded in order. */
function setup() {
  const workers: Fake[] = [];
  const client = createAnalysisClient(() => { const w = fakeWorker(); workers.push(w); return w.worker; });
  return { client, workers };
}

const inputs: AnalysisInputs = { buildings: { type: 'FeatureCollection', features: [] } };
const outcome = (n: number) => ({ result: { type: 'FeatureCollection', features: [] }, summary: { n }, ms: 1, rulesReport: [] }) as unknown as AnalysisOutcome;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createAnalysisClient', () => {
  it('sends the inputs once per version, then runs naming it; progress reaches the caller', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    client.setInputs(inputs, 'v1');
    const progress: [string, number][] = [];
    const a = client.run('separation', inputs, { options: { overlapping: true }, onProgress: (s, f) => progress.push([s, f]) });
    const w = workers[0]!;
    expect(w.sent).toEqual([
      { type: 'inputs', version: 'v1', inputs },
      { type: 'run', id: 1, params: { analysis: 'separation', inputsVersion: 'v1', options: { overlapping: true } } },
    ]);
    w.answer({ type: 'progress', id: 1, stage: 'run', fraction: 0.05 });
    w.answer({ type: 'done', id: 1, outcome: outcome(1) });
    await expect(a).resolves.toEqual(outcome(1));
    expect(progress).toEqual([['run', 0.05]]);
    const b = client.run('mixing', inputs);
    w.answer({ type: 'done', id: 2, outcome: outcome(2) });
    await expect(b).resolves.toEqual(outcome(2));
    const other: AnalysisInputs = { ...inputs };
    void client.run('mixing', other);
    expect(w.log()).toEqual(['inputs:v1', 'run:separation', 'run:mixing', 'inputs:auto-1', 'run:mixing']);
  });

  it('sends large inputs in parts, one per task, and the run after the last part', async () => {
    const workers: Fake[] = [];
    const client = createAnalysisClient(() => { const w = fakeWorker(); workers.push(w); return w.worker; }, 2);
    const five = { type: 'FeatureCollection', features: [1, 2, 3, 4, 5].map((n) => ({ id: n })) };
    const big = { buildings: five, hydrants: { type: 'FeatureCollection', features: [{ id: 'h' }] } } as unknown as AnalysisInputs;
    void client.run('separation', big);
    const w = workers[0]!;
    const parts = () => w.sent.map((m): unknown => (m.type === 'inputs' ? m.part : `run:${m.params.analysis}`));
    expect(parts()).toEqual([{ index: 0, count: 4 }]);
    for (let i = 0; i < 6; i++) await tick();
    expect(parts()).toEqual([{ index: 0, count: 4 }, { index: 1, count: 4 }, { index: 2, count: 4 }, { index: 3, count: 4 }, 'run:separation']);
    const sizes = w.sent.flatMap((m) => (m.type === 'inputs' ? [Object.entries(m.inputs).map(([k, c]) => `${k}:${c?.features.length}`).join()] : []));
    expect(sizes).toEqual(['buildings:2', 'buildings:2', 'buildings:1', 'hydrants:1']);
  });

  it('runs one at a time, in order, and merges identical runs', async () => {
    const { client, workers } = setup();
    const a = client.run('separation', inputs);
    const b = client.run('mixing', inputs);
    const a2 = client.run('separation', inputs);
    const w = workers[0]!;
    expect(w.log()).toEqual(['inputs:auto-1', 'run:separation']);
    w.answer({ type: 'done', id: 1, outcome: outcome(1) });
    expect(await a).toBe(await a2);
    expect(w.log()).toEqual(['inputs:auto-1', 'run:separation', 'run:mixing']);
    w.answer({ type: 'failed', id: 2, error: { name: 'AnalysisError', message: 'mixing needs premises', code: 'input.missing', params: { kinds: 'premises' } } });
    await expect(b).rejects.toMatchObject({ name: 'AnalysisError', code: 'input.missing', params: { kinds: 'premises' } });
  });

  it('cancels the running analysis by terminating the worker; the next run starts a fresh one with the inputs again', async () => {
    const { client, workers } = setup();
    client.setInputs(inputs, 7);
    const cancel = new AbortController();
    const a = client.run('separation', inputs, { signal: cancel.signal });
    const b = client.run('clusters', inputs);
    workers[0]!.answer({ type: 'progress', id: 1, stage: 'run', fraction: 0.05 });
    cancel.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(1);
    // The waiting run goes on in a new worker, which gets the inputs first.
    expect(workers[1]!.log()).toEqual(['inputs:7', 'run:clusters']);
    workers[0]!.answer({ type: 'done', id: 1, outcome: outcome(1) }); // too late: ignored
    workers[1]!.answer({ type: 'done', id: 2, outcome: outcome(2) });
    await expect(b).resolves.toEqual(outcome(2));
  });

  it('drops a cancelled waiting run without touching the worker; a merged run survives one caller leaving', async () => {
    const { client, workers } = setup();
    const a = client.run('separation', inputs);
    const cancel = new AbortController();
    const b = client.run('mixing', inputs, { signal: cancel.signal });
    const one = new AbortController();
    const c1 = client.run('separation', inputs, { signal: one.signal });
    cancel.abort();
    one.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    await expect(c1).rejects.toMatchObject({ name: 'AbortError' });
    const w = workers[0]!;
    expect(w.terminated).toBe(0);
    w.answer({ type: 'done', id: 1, outcome: outcome(1) });
    await expect(a).resolves.toEqual(outcome(1));
    expect(w.log()).toEqual(['inputs:auto-1', 'run:separation']);
  });

  it('rejects at once for an already aborted signal', async () => {
    const { client, workers } = setup();
    const c = new AbortController();
    c.abort();
    await expect(client.run('separation', inputs, { signal: c.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(0);
  });

  it('fails the running analysis when the worker crashes; the next goes on in a fresh worker', async () => {
    const { client, workers } = setup();
    const a = client.run('separation', inputs);
    const b = client.run('mixing', inputs);
    workers[0]!.crash('out of memory');
    await expect(a).rejects.toMatchObject({ name: 'WorkerError', message: 'out of memory' });
    expect(workers[0]!.terminated).toBe(1);
    expect(workers[1]!.log()).toEqual(['inputs:auto-1', 'run:mixing']);
    workers[1]!.answer({ type: 'done', id: workers[1]!.lastRunId(), outcome: outcome(2) });
    await expect(b).resolves.toEqual(outcome(2));
    await tick();
  });

  it('rejects everything on terminate', async () => {
    const { client, workers } = setup();
    const a = client.run('separation', inputs);
    const b = client.run('mixing', inputs);
    client.terminate();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(1);
  });
});
