import { describe, expect, it } from 'vitest';
import { createSourceWorkerClient, type WorkerLike } from './client.ts';
import type { RequestMessage, ResponseMessage } from './protocol.ts';

/** A worker double: records messages; the test answers by hand. */
function fakeWorker() {
  const sent: RequestMessage[] = [];
  const listeners: { message: ((e: MessageEvent<ResponseMessage>) => void)[]; error: ((e: ErrorEvent) => void)[] } = { message: [], error: [] };
  let terminated = 0;
  const worker: WorkerLike = {
    postMessage: (m) => sent.push(m),
    addEventListener: (type: 'message' | 'error', l: never) => listeners[type].push(l),
    terminate: () => { terminated += 1; },
  };
  return {
    worker,
    sent,
    get terminated() { return terminated; },
    answer(message: ResponseMessage) {
      for (const l of listeners.message) l({ data: message } as MessageEvent<ResponseMessage>);
    },
    crash(text: string) {
      for (const l of listeners.error) l({ message: text } as ErrorEvent);
    },
  };
}

const manifest = { url: 'http://x/data/manifest.json' };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createSourceWorkerClient', () => {
  it('starts the worker lazily and resolves by id', async () => {
    const fake = fakeWorker();
    let created = 0;
    const client = createSourceWorkerClient(() => { created += 1; return fake.worker; });
    expect(created).toBe(0);
    const p = client.request('manifest', manifest);
    expect(created).toBe(1);
    expect(fake.sent).toEqual([{ id: 1, type: 'manifest', params: manifest }]);
    fake.answer({ id: 1, ok: true, result: { manifest: null, report: [], url: manifest.url } });
    await expect(p).resolves.toEqual({ manifest: null, report: [], url: manifest.url });
  });

  it('merges identical requests in flight, not later ones', async () => {
    const fake = fakeWorker();
    const client = createSourceWorkerClient(() => fake.worker);
    const a = client.request('manifest', manifest);
    const b = client.request('manifest', manifest);
    expect(fake.sent).toHaveLength(1);
    fake.answer({ id: 1, ok: true, result: 'same' });
    expect(await a).toBe('same');
    expect(await b).toBe('same');
    void client.request('manifest', manifest);
    expect(fake.sent).toHaveLength(2);
  });

  it('rejects with the worker’s error name', async () => {
    const fake = fakeWorker();
    const client = createSourceWorkerClient(() => fake.worker);
    const p = client.request('manifest', manifest);
    fake.answer({ id: 1, ok: false, error: { name: 'TypeError', message: 'boom' } });
    await expect(p).rejects.toMatchObject({ name: 'TypeError', message: 'boom' });
  });

  it('cancels in the worker only when every merged caller has aborted', async () => {
    const fake = fakeWorker();
    const client = createSourceWorkerClient(() => fake.worker);
    const one = new AbortController();
    const two = new AbortController();
    const a = client.request('manifest', manifest, { signal: one.signal });
    const b = client.request('manifest', manifest, { signal: two.signal });
    one.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.sent.filter((m) => m.type === 'cancel')).toHaveLength(0);
    two.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.sent.filter((m) => m.type === 'cancel')).toEqual([{ id: 1, type: 'cancel' }]);
    // A late answer for the cancelled id is ignored, and a new request goes out afresh.
    fake.answer({ id: 1, ok: true, result: 'late' });
    void client.request('manifest', manifest);
    expect(fake.sent.at(-1)).toMatchObject({ id: 2, type: 'manifest' });
  });

  it('rejects at once for an already aborted signal', async () => {
    const client = createSourceWorkerClient(() => fakeWorker().worker);
    const c = new AbortController();
    c.abort();
    await expect(client.request('manifest', manifest, { signal: c.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails everything pending when the worker crashes, then starts a new one', async () => {
    const first = fakeWorker();
    const second = fakeWorker();
    const workers = [first, second];
    const client = createSourceWorkerClient(() => (workers.shift() ?? second).worker);
    const p = client.request('manifest', manifest);
    first.crash('syntax error in worker');
    await expect(p).rejects.toMatchObject({ name: 'WorkerError', message: 'syntax error in worker' });
    expect(first.terminated).toBe(1);
    void client.request('manifest', manifest);
    await tick();
    expect(second.sent).toHaveLength(1);
  });

  it('rejects pending requests on terminate', async () => {
    const fake = fakeWorker();
    const client = createSourceWorkerClient(() => fake.worker);
    const p = client.request('manifest', manifest);
    client.terminate();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.terminated).toBe(1);
  });
});
