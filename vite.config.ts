import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { devCsp } from './src/cli/vite-plugin-csp.ts';
import { dataFolders } from './src/cli/vite-plugin-data.ts';

/**
 * One entry (index.html). `base: './'` keeps every URL relative, so the built folder works from any
 * path of an intranet server or a file share. MapLibre and deck.gl go to chunks of their own: they
 * change rarely and are cached apart from the app code.
 */
export default defineConfig({
  base: './',
  plugins: [preact(), dataFolders(), devCsp()],
  // The data and tiles folders are served by the plugin; public/ is not used.
  publicDir: false,
  worker: { format: 'es' },
  // The sources worker is an entry of its own; scanning it up front spares the dev server a
  // mid-session re-optimisation (and page reload) when it first imports its dependencies.
  optimizeDeps: { entries: ['index.html', 'src/worker/source-worker.ts'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Vite's preload helper would otherwise land in the deck chunk and drag it into the first load.
            { name: 'vite-runtime', test: /vite[\\/](preload-helper|modulepreload-polyfill)/, priority: 4 },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 3 },
            { name: 'deckgl', test: /node_modules[\\/](@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl|mjolnir\.js|gl-matrix)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
