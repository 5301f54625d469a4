/**
 * The shell: providers, header, and the mode below it inside an error boundary. Modes are loaded
 * lazily, so MapLibre and deck.gl arrive in their own chunks after the shell has painted.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/preact-query';
import { Suspense, lazy } from 'preact/compat';
import { t } from '../i18n/index.ts';
import type { SourceWorkerClient } from '../worker/client.ts';
import { SourcesClientContext } from './data.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Header } from './Header.tsx';
import { AppStateContext, type AppState } from './state.ts';

const ExploreMode = lazy(() => import('../modes/explore/ExploreMode.tsx'));

export interface AppProps {
  queryClient: QueryClient;
  state: AppState;
  sources: SourceWorkerClient;
}

function Loading() {
  return <div class="app-loading" role="status">{t('app.loading')}</div>;
}

export function App({ queryClient, state, sources }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <AppStateContext.Provider value={state}>
        <SourcesClientContext.Provider value={sources}>
          <div class="app">
            <Header />
            <main class="app-main">
              <ErrorBoundary>
                <Suspense fallback={<Loading />}>
                  <ExploreMode />
                </Suspense>
              </ErrorBoundary>
            </main>
          </div>
        </SourcesClientContext.Provider>
      </AppStateContext.Provider>
    </QueryClientProvider>
  );
}
