/**
 * Boot: language first (so the first paint is in the right one), then the query client, app state
 * and sources worker client, then <App/>.
 */
import { QueryClient } from '@tanstack/preact-query';
import { render } from 'preact';
import { App } from './app/App.tsx';
import { manifestUrlFor, prefetchDistrict } from './app/data.ts';
import { createAppState } from './app/state.ts';
import './app/app.css';
import { initLang } from './i18n/index.ts';
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
// The basemap and the layers of the first view go first (see ExploreMode's DRAWN_KINDS).
void prefetchDistrict(queryClient, sources, manifestUrlFor(document.baseURI), {
  first: ['roads', 'buildings', 'premises', 'hydrants'],
}).catch(() => undefined);

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(<App queryClient={queryClient} state={createAppState()} sources={sources} />, root);
