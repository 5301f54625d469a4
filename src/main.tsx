/**
 * Boot: language first (so the first paint is in the right one), then the query client, app state
 * and sources worker client, then <App/>.
 */
import { QueryClient } from '@tanstack/preact-query';
import { render } from 'preact';
import { App } from './app/App.tsx';
import { basemapQuery, manifestUrlFor, prefetchDistrict } from './app/data.ts';
import { createAppState } from './app/state.ts';
import { detectTheme } from './app/theme-choice.ts';
import './app/app.css';
import { initLang } from './i18n/index.ts';
import { chooseBasemap } from './map/basemap.ts';
import { createSourceWorkerClient } from './worker/client.ts';

initLang();

const queryClient = new QueryClient({
  defaultOptions: {
    // Sources say themselves how often they change (refresh_s); focus is not a reason to refetch.
    queries: { refetchOnWindowFocus: false },
  },
});

const sources = createSourceWorkerClient();
// Errors are in the queries' state, where the status line shows them; nothing to handle here.
// The layers of the first view go first (see ExploreMode's DRAWN_KINDS); the basemap comes from
// tiles, so the roads and buildings exports are only parsed for the data status, later.
void prefetchDistrict(queryClient, sources, manifestUrlFor(document.baseURI), {
  first: ['premises', 'hydrants'],
}).catch(() => undefined);

// The basemap archive's header too (one range request): the camera and the basemap source wait for it.
void queryClient.prefetchQuery(basemapQuery(chooseBasemap(location.search, document.baseURI).url));

// Browser tests and the viewer benchmark drive polls and read the cache through this (only with ?test=1).
if (new URLSearchParams(location.search).get('test') === '1') {
  (window as { __fireOneMapQueryClient?: QueryClient }).__fireOneMapQueryClient = queryClient;
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
const state = createAppState({ theme: detectTheme(globalThis.location, globalThis.localStorage) });
render(<App queryClient={queryClient} state={state} sources={sources} />, root);
