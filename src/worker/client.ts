/**
 * Main-thread side of the sources worker: typed requests that return promises, cancellation by
 * AbortSignal, and merging of identical requests while one is in flight (TanStack Query and a
 * remount can ask for the same source twice; it is fetched and parsed once).
 */
import type { ParamsOf, RequestMessage, RequestType, ResponseMessage, ResultOf } from './protocol.ts';

/** The part of a Worker the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: RequestMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ResponseMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

interface Pending {
  key: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Callers still waiting; the request is cancelled when the last one aborts. */
  callers: number;
  promise: Promise<unknown>;
}

/** An error raised in the worker, with its name kept (e.g. `AbortError`). */
export class WorkerRequestError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface SourceWorkerClient {
  /** Sends a request; identical requests in flight share one answer. */
  request<T extends RequestType>(type: T, params: ParamsOf<T>, options?: { signal?: AbortSignal }): Promise<ResultOf<T>>;
  /** Stops the worker; pending requests reject. */
  terminate(): void;
}

/** The real worker, bundled by Vite as a module worker of its own. */
export function createSourceWorker(): WorkerLike {
  return new Worker(new URL('./source-worker.ts', import.meta.url), { type: 'module', name: 'sources' }) as unknown as WorkerLike;
}

/**
 * Requests never merged with an identical one in flight: a dropped file's text can be 64 MiB, and
 * building the merge key would copy it on the main thread for nothing (two drops are two requests).
 */
const UNMERGED: ReadonlySet<RequestType> = new Set<RequestType>(['parse']);

function abortError(): Error {
  return new WorkerRequestError('AbortError', 'the request was cancelled');
}

/**
 * Creates a client. The worker starts on the first request, so nothing runs before data is wanted.
 * @param factory makes the worker; {@link createSourceWorker} in the app, a fake in tests.
 */
export function createSourceWorkerClient(factory: () => WorkerLike = createSourceWorker): SourceWorkerClient {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const byId = new Map<number, Pending>();
  const byKey = new Map<string, number>();

  const settle = (id: number, fn: (p: Pending) => void) => {
    const pending = byId.get(id);
    if (!pending) return;
    byId.delete(id);
    byKey.delete(pending.key);
    fn(pending);
  };

  const start = (): WorkerLike => {
    if (worker) return worker;
    const w = factory();
    w.addEventListener('message', (event: MessageEvent<ResponseMessage>) => {
      const msg = event.data;
      settle(msg.id, (p) => (msg.ok ? p.resolve(msg.result) : p.reject(new WorkerRequestError(msg.error.name, msg.error.message))));
    });
    // A worker that fails to load or throws at top level: fail everything waiting, start afresh next time.
    w.addEventListener('error', (event: ErrorEvent) => {
      const error = new WorkerRequestError('WorkerError', event.message || 'the sources worker failed');
      for (const id of [...byId.keys()]) settle(id, (p) => p.reject(error));
      w.terminate();
      if (worker === w) worker = null;
    });
    worker = w;
    return w;
  };

  return {
    request<T extends RequestType>(type: T, params: ParamsOf<T>, options: { signal?: AbortSignal } = {}): Promise<ResultOf<T>> {
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(abortError());
      const key = UNMERGED.has(type) ? `${type}\u0000#${nextId}` : `${type}\u0000${JSON.stringify(params)}`;
      let id = byKey.get(key);
      let pending = id === undefined ? undefined : byId.get(id);
      if (!pending || id === undefined) {
        id = nextId++;
        let resolve!: (value: unknown) => void;
        let reject!: (error: Error) => void;
        const promise = new Promise<unknown>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        pending = { key, resolve, reject, callers: 0, promise };
        byId.set(id, pending);
        byKey.set(key, id);
        start().postMessage({ id, type, params } as RequestMessage);
      }
      pending.callers += 1;
      const requestId = id;
      const shared = pending;
      return new Promise<ResultOf<T>>((resolve, reject) => {
        let done = false;
        const onAbort = () => {
          if (done) return;
          done = true;
          reject(abortError());
          shared.callers -= 1;
          if (shared.callers === 0 && byId.get(requestId) === shared) {
            worker?.postMessage({ id: requestId, type: 'cancel' });
            settle(requestId, (p) => p.reject(abortError()));
          }
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        shared.promise.then(
          (value) => {
            if (done) return;
            done = true;
            signal?.removeEventListener('abort', onAbort);
            resolve(value as ResultOf<T>);
          },
          (error: Error) => {
            if (done) return;
            done = true;
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    terminate() {
      for (const id of [...byId.keys()]) settle(id, (p) => p.reject(new WorkerRequestError('AbortError', 'the worker was stopped')));
      worker?.terminate();
      worker = null;
    },
  };
}
