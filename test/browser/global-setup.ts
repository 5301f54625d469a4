/**
 * Global setup of the browser project: builds the viewer (`npm run build`, which first makes the
 * demo data when missing), serves dist/ with `vite preview` on a free loopback port, and provides
 * its URL to the tests. Without Chromium the browser tests are skipped with a visible notice, except
 * on CI (CI=true), where a missing browser is a failure: .ci/run installs it.
 *
 * FIRE_ONE_MAP_SKIP_BUILD=1 reuses an existing dist/ (quicker local iterations).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumMissing, cjkFontMissing } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the previewed build, e.g. http://127.0.0.1:41234/; '' when browser tests are skipped. */
    viewerUrl: string;
    /** Why the browser tests are skipped; '' when they run. */
    browserSkipReason: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join('\n')}\n${bar}\n`);
}

function build(): void {
  if (process.env['FIRE_ONE_MAP_SKIP_BUILD'] === '1' && existsSync(path.join(ROOT, 'dist/index.html'))) return;
  // `npm run build` runs ensure-demo first; until that script exists, build without it.
  const hasEnsureDemo = existsSync(path.join(ROOT, 'src/cli/ensure-demo.ts'));
  const [cmd, args] = hasEnsureDemo ? ['npm', ['run', 'build']] : ['npx', ['vite', 'build']];
  if (!hasEnsureDemo) banner(['src/cli/ensure-demo.ts is missing: building without generating demo data']);
  const started = Date.now();
  const run = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${run.status}):\n${(run.stdout ?? '').slice(-4000)}\n${(run.stderr ?? '').slice(-4000)}`);
  }
  console.log(`[browser] ${cmd} ${args.join(' ')} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env['CI'] === 'true') throw new Error(`Browser tests cannot run on CI: ${missing}`);
    banner(['BROWSER TESTS SKIPPED', missing]);
    project.provide('viewerUrl', '');
    project.provide('browserSkipReason', missing);
    return undefined;
  }
  const noFont = cjkFontMissing();
  if (noFont) {
    if (process.env['CI'] === 'true') throw new Error(`Browser tests cannot run on CI: ${noFont}`);
    banner(['CHINESE WILL RENDER AS BOXES', noFont]);
  }
  build();
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  project.provide('viewerUrl', `http://127.0.0.1:${port}/`);
  project.provide('browserSkipReason', '');
  return async () => {
    await server.close();
  };
}
