/**
 * Entry of the sources worker (a module worker): fetching and parsing exports happens here, off the
 * main thread, so a 50,000-feature file never freezes the map. A thin dispatcher over handlers.ts.
 */
/// <reference lib="webworker" />
import { loadManifest, loadSource, parseDropped, pollSource } from './handlers.ts';
import { PollMemory } from './poll-delta.ts';
import type { RequestMessage, ResponseMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const inFlight = new Map<number, AbortController>();
const polled = new PollMemory();

function reply(message: ResponseMessage): void {
  self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<RequestMessage>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    inFlight.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  inFlight.set(message.id, controller);
  const run = async (): Promise<unknown> => {
    switch (message.type) {
      case 'manifest':
        return loadManifest(fetch, message.params, controller.signal);
      case 'parse':
        return parseDropped(message.params);
      case 'source':
        return loadSource(fetch, message.params, controller.signal, self.location.origin);
      case 'poll':
        return pollSource(fetch, message.params, controller.signal, self.location.origin, polled);
    }
  };
  run().then(
    (result) => reply({ id: message.id, ok: true, result }),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      reply({ id: message.id, ok: false, error: { name: e.name, message: e.message } });
    },
  ).finally(() => inFlight.delete(message.id));
});
