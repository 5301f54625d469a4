/**
 * Entry of the analysis worker (a module worker): the analyses run here, off the main thread, so a
 * separation check over 300,000 buildings never freezes the map. A thin dispatcher over
 * analysis-handlers.ts; cancelling is terminating this worker (see analysis-client.ts).
 */
/// <reference lib="webworker" />
import { createAnalysisHandler } from './analysis-handlers.ts';
import type { AnalysisRequest } from './analysis-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const handler = createAnalysisHandler((message) => self.postMessage(message));

self.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => handler.handle(event.data));
