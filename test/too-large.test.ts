/**
 * A 100 MB export must fail quickly and cleanly with file.too_large, through readTextLimited and
 * through the CLI path, while the other sources still load. The file is made at test time in the
 * OS temp folder (sparse where the file system allows) and removed afterwards.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, createReadStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSources } from '../src/cli/lib/read-sources.ts';
import { DEFAULT_MAX_MB, readTextLimited } from '../src/sources/read-limited.ts';

const MIB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
let folder = '';
let big = '';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'fire-one-map-too-large-'));
  big = join(folder, 'premises.geojson');
  writeFileSync(big, '{"type":"FeatureCollection","features":[');
  truncateSync(big, 100 * MIB);
  copyFileSync(fileURLToPath(new URL('./fixtures/good/roads.geojson', import.meta.url)), join(folder, 'roads.geojson'));
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('a 100 MB export', () => {
  it('is refused by readTextLimited while streaming, with no length known in advance', async () => {
    const started = performance.now();
    const body = Readable.toWeb(createReadStream(big)) as unknown as ReadableStream<Uint8Array>;
    const read = await readTextLimited(body, { maxBytes: DEFAULT_MAX_MB * MIB, file: 'premises.geojson' });
    expect(read).toEqual({ ok: false, entry: {
      severity: 'error', file: 'premises.geojson', code: 'file.too_large', params: { limitMiB: 64 },
      message: "premises.geojson is larger than 64 MiB (the source's max_mb); split the export or raise max_mb in the manifest",
    } });
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('is refused by readSources from its size alone, and the other sources load', async () => {
    const started = performance.now();
    const { results } = await readSources(folder);
    expect(performance.now() - started).toBeLessThan(2_000);
    const premises = results.find((r) => r.kind === 'premises');
    expect(premises?.report).toEqual([{
      severity: 'error', file: 'premises.geojson', code: 'file.too_large', params: { limitMiB: 64, bytes: 100 * MIB },
      message: "premises.geojson (100 MiB) is larger than 64 MiB (the source's max_mb); split the export or raise max_mb in the manifest",
    }]);
    expect(premises?.stats).toEqual({ read: 0, kept: 0, dropped: 0, errors: 1, warnings: 0 });
    expect(results.find((r) => r.kind === 'roads')?.stats).toMatchObject({ read: 2, kept: 2, errors: 0 });
  });

  it('makes check-data exit 1 with the message', async () => {
    const run = promisify(execFile);
    const error = await run('npx', ['tsx', 'src/cli/check-data.ts', folder], { cwd: ROOT }).then(() => null, (e: { code: number; stdout: string }) => e);
    expect(error?.code).toBe(1);
    expect(error?.stdout).toContain("premises.geojson (100 MiB) is larger than 64 MiB (the source's max_mb); split the export or raise max_mb in the manifest");
    expect(error?.stdout).toMatch(/roads\.geojson .* read 2, kept 2/);
  });
});
