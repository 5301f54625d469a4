/**
 * The offline basemap in headless Chromium: the PMTiles archive is read by range requests from the
 * viewer's own origin and drawn in every theme (features rendered in the roads, buildings, land
 * use and label layers), a theme switch keeps the camera and the deck overlay, a missing archive
 * gives a banner while the overlays still draw, another origin in `?basemap=` is refused, and the
 * Andorra archive made from the shared OpenStreetMap extract shows Andorra's roads.
 *
 * The map is queried through `window.__fireOneMap`, which the viewer sets only with `?test=1`.
 * Screenshots go to test-output/basemap-*.png for a person to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HYDRANT_STATUS_COLORS } from '../../src/layers/hydrants/index.ts';
import { THEMES, THEME_NAMES, type ThemeName } from '../../src/map/theme.ts';
import { BufferSource, nodeGunzip } from '../../src/tiles/buffer-source.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import { countNear, decodePng } from './png.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
const andorraBasemap = inject('andorraBasemap');
const andorraSkipReason = inject('andorraSkipReason');
const OUT = path.resolve('test-output');
const READY = '[data-testid="explore"][data-map-status="ready"]';
const IS_CI = process.env['CI'] === 'true';

if (!viewerUrl) console.warn(`[browser] basemap tests skipped: ${skipReason}`);

function hex(css: string): [number, number, number] {
  const n = Number.parseInt(css.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The tile layers an archive declares (its metadata's vector_layers), read from disk like the viewer reads it. */
async function archiveLayers(file: string): Promise<string[]> {
  const bytes = new Uint8Array(readFileSync(file));
  const meta = (await new PMTiles(new BufferSource(bytes, file), undefined, nodeGunzip).getMetadata()) as { vector_layers?: { id: string }[] };
  return (meta.vector_layers ?? []).map((l) => l.id);
}

interface Recorder {
  requests: { url: string; range: string | undefined; status: number }[];
  consoleErrors: string[];
  pageErrors: string[];
}

function record(context: BrowserContext, page: Page): Recorder {
  const r: Recorder = { requests: [], consoleErrors: [], pageErrors: [] };
  context.on('requestfinished', (request) => {
    void request.response().then((response) => r.requests.push({ url: request.url(), range: request.headers()['range'], status: response?.status() ?? 0 }));
  });
  context.on('requestfailed', (request) => r.requests.push({ url: request.url(), range: request.headers()['range'], status: -1 }));
  page.on('console', (m) => {
    if (m.type() === 'error') r.consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => r.pageErrors.push(String(e)));
  return r;
}

/** Every request that left the loopback host (data: and blob: are in-page). */
function foreign(r: Recorder): string[] {
  return r.requests
    .map((q) => q.url)
    .filter((url) => {
      const u = new URL(url);
      return u.protocol !== 'data:' && u.protocol !== 'blob:' && !['127.0.0.1', 'localhost'].includes(u.hostname);
    });
}

/** Rendered features per style layer, on the current view. */
function renderedByLayer(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const map = window.__fireOneMap?.map;
    if (!map) throw new Error('window.__fireOneMap is missing: was the page opened with ?test=1?');
    const out: Record<string, number> = {};
    for (const f of map.queryRenderedFeatures()) out[f.layer.id] = (out[f.layer.id] ?? 0) + 1;
    return out;
  });
}

const sum = (counts: Record<string, number>, prefix: string) =>
  Object.entries(counts).filter(([id]) => id === prefix || id.startsWith(`${prefix}-`)).reduce((n, [, v]) => n + v, 0);

function camera(page: Page) {
  return page.evaluate(() => {
    const map = window.__fireOneMap!.map;
    const c = map.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
  });
}

async function openViewer(browser: LaunchedBrowser, query: string): Promise<{ page: Page; rec: Recorder }> {
  const page = await browser.context.newPage();
  const rec = record(browser.context, page);
  await page.goto(`${viewerUrl}?test=1${query}`, { waitUntil: 'load' });
  await page.waitForSelector(READY, { timeout: 90_000 });
  return { page, rec };
}

describe.skipIf(!viewerUrl)('offline basemap: demo archive in three themes', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;
  let layers: string[];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    layers = await archiveLayers(path.resolve('tiles/basemap.pmtiles'));
    browser = await launchChromium();
    ({ page, rec } = await openViewer(browser, ''));
  });

  afterAll(async () => {
    writeFileSync(path.join(OUT, 'basemap-requests.txt'), rec?.requests.map((q) => `${q.status} ${q.url}${q.range ? ` ${q.range}` : ''}`).join('\n') + '\n');
    await browser?.close();
  });

  it('reads the archive by range requests on its own origin', () => {
    expect(page.url()).toContain('test=1');
    const ranged = rec.requests.filter((q) => q.url.endsWith('/tiles/basemap.pmtiles') && q.range);
    // The header (first 16 KiB), then tiles: each a 206 with a byte range, never the whole file.
    expect(ranged.length).toBeGreaterThanOrEqual(2);
    expect(ranged.every((q) => q.status === 206 && /^bytes=\d+-\d+$/.test(q.range ?? '')), JSON.stringify(ranged)).toBe(true);
    expect(ranged.some((q) => q.range === 'bytes=0-16383')).toBe(true);
  });

  it('draws roads, buildings, land use and labels from the tiles', async () => {
    const counts = await renderedByLayer(page);
    console.log(`[browser] rendered basemap features: ${JSON.stringify(counts)}`);
    expect(sum(counts, 'roads-casing'), 'road casings').toBeGreaterThan(10);
    expect(['arterial', 'collector', 'local'].reduce((n, c) => n + (counts[`roads-${c}`] ?? 0), 0), 'road fills').toBeGreaterThan(10);
    expect(counts['buildings-fill'] ?? 0, 'buildings').toBeGreaterThan(100);
    expect((counts['roads-label'] ?? 0) + sum(counts, 'places-label'), 'labels').toBeGreaterThan(3);
    // What the archive has must be drawn; a demo archive without land use says so instead of failing.
    if (layers.includes('landuse')) expect(counts['landuse'] ?? 0, 'land use').toBeGreaterThan(0);
    else console.warn(`[browser] NOTE: tiles/basemap.pmtiles has no landuse layer (layers: ${layers.join(', ')})`);
    if (layers.includes('boundaries')) expect(sum(counts, 'boundaries'), 'boundaries').toBeGreaterThan(0);
    if (layers.includes('water')) expect(sum(counts, 'water'), 'water').toBeGreaterThan(0);
  });

  it.each(THEME_NAMES)('switches to the %s theme keeping camera and overlays; screenshot', async (name: ThemeName) => {
    const before = await camera(page);
    await page.getByTestId(`theme-${name}`).click();
    await expect.poll(() => page.getByTestId('explore').getAttribute('data-theme')).toBe(name);
    await page.evaluate(() => window.__fireOneMap!.whenSettled());
    const after = await camera(page);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.lng).toBeCloseTo(before.lng, 7);
    expect(after.lat).toBeCloseTo(before.lat, 7);
    expect(await page.getByTestId(`theme-${name}`).getAttribute('aria-pressed')).toBe('true');

    const style = await page.evaluate(() => window.__fireOneMap!.map.getStyle());
    expect(style.name).toBe(`fire-one-map-${name}`);
    expect(style.glyphs).toBeUndefined();
    const counts = await renderedByLayer(page);
    expect(counts['buildings-fill'] ?? 0, `${name}: buildings`).toBeGreaterThan(100);
    expect(sum(counts, 'roads-casing'), `${name}: roads`).toBeGreaterThan(10);

    await page.screenshot({ path: path.join(OUT, `basemap-${name}.png`) });
    const image = decodePng(await page.getByTestId('map').screenshot());
    const px = image.width * image.height;
    const theme = THEMES[name];
    // The theme's own colours are on screen: ground (background or land use) and building fills…
    const ground = [theme.background, ...Object.values(theme.landuse.colors)].reduce((n, c) => n + countNear(image, hex(c), 3), 0);
    expect(ground, `${name}: ground`).toBeGreaterThan(px * 0.05);
    const buildings = [...new Set(Object.values(theme.buildings.colors))].reduce((n, c) => n + countNear(image, hex(c), 3), 0);
    expect(buildings, `${name}: building fills`).toBeGreaterThan(px * 0.005);
    // …and the deck overlay survived the new style: in-service hydrants are still drawn.
    expect(countNear(image, [...HYDRANT_STATUS_COLORS.in_service], 12), `${name}: hydrants`).toBeGreaterThan(20);
  });

  it('remembers the theme across a reload; ?theme= overrides it', async () => {
    await page.getByTestId('theme-dark').click();
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(READY, { timeout: 90_000 });
    expect(await page.getByTestId('explore').getAttribute('data-theme')).toBe('dark');
    await page.goto(`${viewerUrl}?test=1&theme=field`, { waitUntil: 'load' });
    await page.waitForSelector(READY, { timeout: 90_000 });
    expect(await page.getByTestId('explore').getAttribute('data-theme')).toBe('field');
    await page.getByTestId('theme-light').click();
  });

  it('translates the theme switch', async () => {
    const zh = await page.getByTestId('header').innerText();
    for (const label of ['浅色', '深色大屏', '户外']) expect(zh).toContain(label);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('header').innerText()).toContain('Dark (wall)');
    await page.getByTestId('lang-zh-CN').click();
  });

  it('logs no errors and requests nothing outside its origin', () => {
    expect(rec.pageErrors).toEqual([]);
    expect(rec.consoleErrors).toEqual([]);
    expect(foreign(rec)).toEqual([]);
  });
});

describe.skipIf(!viewerUrl)('offline basemap: what goes wrong', () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a translated banner for a missing archive, and still draws the overlays on the plain background', async () => {
    const { page, rec } = await openViewer(browser, '&basemap=tiles/missing-for-test.pmtiles');
    const banner = page.getByTestId('basemap-banner');
    await expect.poll(() => banner.innerText()).toContain('底图文件缺失');
    expect(await banner.innerText()).toContain('npm run tiles');
    expect(await page.getByTestId('explore').getAttribute('data-basemap-status')).toBe('missing');
    const image = decodePng(await page.getByTestId('map').screenshot({ path: path.join(OUT, 'basemap-missing.png') }));
    expect(countNear(image, [...HYDRANT_STATUS_COLORS.in_service], 12), 'hydrants').toBeGreaterThan(20);
    expect(countNear(image, hex(THEMES.light.background), 2), 'plain background').toBeGreaterThan(image.width * image.height * 0.2);
    // The camera went to the district's bbox from the manifest, though the archive gave no bounds.
    const features = await renderedByLayer(page);
    expect(Object.keys(features).filter((id) => !id.startsWith('background'))).toEqual([]);
    // The only error is the browser's own line about the 404.
    expect(rec.consoleErrors.filter((e) => !/404/.test(e) || !e.includes('missing-for-test.pmtiles'))).toEqual([]);
    expect(rec.pageErrors).toEqual([]);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => banner.innerText()).toContain('Basemap file missing');
    await page.getByTestId('lang-zh-CN').click();
    await page.close();
  });

  it('refuses an archive on another origin, says so, requests nothing there, and shows the default', async () => {
    const { page, rec } = await openViewer(browser, `&basemap=${encodeURIComponent('https://tiles.example.com/evil.pmtiles')}`);
    const banner = page.getByTestId('basemap-banner');
    await expect.poll(() => banner.innerText()).toContain('已忽略');
    expect(await banner.innerText()).toContain('https://tiles.example.com/evil.pmtiles');
    expect(await page.getByTestId('explore').getAttribute('data-basemap-status')).toBe('ready');
    expect(sum(await renderedByLayer(page), 'roads-casing')).toBeGreaterThan(10);
    expect(foreign(rec)).toEqual([]);
    expect(rec.requests.some((q) => q.url.endsWith('/tiles/basemap.pmtiles'))).toBe(true);
    await page.close();
  });
});

describe.skipIf(!viewerUrl)('offline basemap: Andorra from OpenStreetMap (?basemap=tiles/andorra.pmtiles)', () => {
  if (!andorraBasemap && viewerUrl) {
    if (IS_CI) {
      it('has the Andorra archive (required on CI)', () => {
        expect.fail(`no Andorra archive on CI: ${andorraSkipReason}`);
      });
    } else {
      console.warn(`[browser] NOTICE: Andorra basemap test skipped: ${andorraSkipReason}`);
    }
  }

  it.skipIf(!andorraBasemap)('fits the camera to the archive and draws Andorra roads, land use and names', async () => {
    const browser = await launchChromium();
    try {
      const { page, rec } = await openViewer(browser, `&basemap=${andorraBasemap}`);
      const header = await new PMTiles(new BufferSource(new Uint8Array(readFileSync(path.resolve(andorraBasemap))), andorraBasemap), undefined, nodeGunzip).getHeader();
      const cam = await camera(page);
      // The archive's header bounds, not the demo district's bbox from the manifest (China).
      expect(cam.lng).toBeGreaterThan(header.minLon);
      expect(cam.lng).toBeLessThan(header.maxLon);
      expect(cam.lat).toBeGreaterThan(header.minLat);
      expect(cam.lat).toBeLessThan(header.maxLat);
      const counts = await renderedByLayer(page);
      console.log(`[browser] Andorra rendered features: ${JSON.stringify(counts)}`);
      expect(sum(counts, 'roads-casing'), 'roads').toBeGreaterThan(20);
      expect(counts['landuse'] ?? 0, 'land use').toBeGreaterThan(10);
      expect(sum(counts, 'places-label'), 'place names').toBeGreaterThan(2);
      expect(rec.requests.filter((q) => q.url.endsWith(`/${andorraBasemap}`) && q.status === 206).length).toBeGreaterThanOrEqual(2);
      // The archive's attribution (ODbL) is shown.
      await expect.poll(() => page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('OpenStreetMap');
      await page.screenshot({ path: path.join(OUT, 'basemap-andorra.png') });
      // Zoomed in on Andorra la Vella: streets, buildings and their names.
      await page.evaluate(async () => {
        const h = window.__fireOneMap!;
        h.map.jumpTo({ center: [1.5225, 42.5075], zoom: 16 });
        await h.whenSettled();
      });
      const town = await renderedByLayer(page);
      expect(town['buildings-fill'] ?? 0, 'buildings in town').toBeGreaterThan(50);
      expect(town['roads-label'] ?? 0, 'street names').toBeGreaterThan(0);
      await page.screenshot({ path: path.join(OUT, 'basemap-andorra-z16.png') });
      expect(foreign(rec)).toEqual([]);
      expect(rec.pageErrors).toEqual([]);
      expect(rec.consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
