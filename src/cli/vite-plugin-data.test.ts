import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderHandler, parseRange, resolveInside } from './vite-plugin-data.ts';

describe('parseRange', () => {
  it('reads single byte ranges', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
  });

  it('serves the whole file for what it does not handle, and refuses impossible ranges', () => {
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('invalid');
    expect(parseRange('bytes=9-3', 100)).toBe('invalid');
    expect(parseRange('bytes=-', 100)).toBe('invalid');
  });
});

describe('resolveInside', () => {
  const root = path.resolve('/srv/data');
  it('keeps paths inside the folder', () => {
    expect(resolveInside(root, 'a/b.geojson')).toBe(path.join(root, 'a/b.geojson'));
    expect(resolveInside(root, '%E9%81%93%E8%B7%AF.geojson')).toBe(path.join(root, '道路.geojson'));
    expect(resolveInside(root, '../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
  });
  it('refuses hidden files and broken escapes', () => {
    expect(resolveInside(root, '.env')).toBeNull();
    expect(resolveInside(root, 'a/.git/config')).toBeNull();
    expect(resolveInside(root, '%E0%A4%A')).toBeNull();
  });
});

describe('createFolderHandler over HTTP', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fom-plugin-'));
    mkdirSync(path.join(dir, 'iot'));
    writeFileSync(path.join(dir, 'manifest.json'), '{"version":1,"sources":[]}');
    writeFileSync(path.join(dir, 'iot/sensors.geojson'), '0123456789');
    writeFileSync(path.join(dir, '.secret'), 'no');
    const handler = createFolderHandler({ '/data/': dir });
    server = createServer((req, res) => handler(req, res, () => { res.statusCode = 200; res.end('index.html'); }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files with type, length and no-cache', async () => {
    const res = await fetch(`${base}/data/manifest.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({ version: 1, sources: [] });
  });

  it('answers ranges (PMTiles reads by range)', async () => {
    const res = await fetch(`${base}/data/iot/sensors.geojson`, { headers: { Range: 'bytes=2-4' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await res.text()).toBe('234');
    const bad = await fetch(`${base}/data/iot/sensors.geojson`, { headers: { Range: 'bytes=50-' } });
    expect(bad.status).toBe(416);
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await fetch(`${base}/data/manifest.json`);
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${base}/data/manifest.json`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('gives 404 for a missing file instead of the page, and hides dotfiles', async () => {
    const missing = await fetch(`${base}/data/nothing.geojson`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('index.html');
    expect((await fetch(`${base}/data/.secret`)).status).toBe(403);
    expect((await fetch(`${base}/data/iot`)).status).toBe(404);
  });

  it('leaves other URLs to the next handler', async () => {
    expect(await (await fetch(`${base}/index.html`)).text()).toBe('index.html');
  });
});
