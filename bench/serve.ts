/**
 * Serving the built app to the browser benchmarks: a free loopback port, and `vite preview` of dist/
 * with a district's exports (FIRE_ONE_MAP_DATA) and the suites' basemaps under /bench-tiles/.
 */
import { createServer } from 'node:net';
import type { PreviewServer } from 'vite';
import { createFolderHandler } from '../src/cli/vite-plugin-data.ts';
import { BENCH_TILES, ROOT, TILES_PREFIX } from './viewer/prepare.ts';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** `vite preview` of dist/ serving `dataDir` at /data/ and the benchmark basemaps at /bench-tiles/. */
export async function startPreview(dataDir: string): Promise<{ server: PreviewServer; origin: string }> {
  const { preview } = await import('vite');
  const port = await freePort();
  const saved = process.env['FIRE_ONE_MAP_DATA'];
  // The data plugin reads it when the server starts (src/cli/vite-plugin-data.ts).
  process.env['FIRE_ONE_MAP_DATA'] = dataDir;
  try {
    const server = await preview({
      root: ROOT,
      logLevel: 'warn',
      plugins: [{ name: 'bench:tiles', configurePreviewServer: (s) => { s.middlewares.use(createFolderHandler({ [TILES_PREFIX]: BENCH_TILES })); } }],
      preview: { host: '127.0.0.1', port, strictPort: true, open: false },
    });
    return { server, origin: `http://127.0.0.1:${port}/` };
  } finally {
    if (saved === undefined) delete process.env['FIRE_ONE_MAP_DATA'];
    else process.env['FIRE_ONE_MAP_DATA'] = saved;
  }
}
