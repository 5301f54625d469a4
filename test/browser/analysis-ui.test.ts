/**
 * An analysis run from the side panel on the demo district: 'separation' runs in the analysis worker,
 * its findings are listed, a click on the first one flies the map to it, and both exports download:
 * CSV with a UTF-8 byte-order mark and a header row, GeoJSON as a FeatureCollection with one feature
 * per CSV row, holding the separation pairs the demo plants (data/demo-meta.json). With a result on
 * the map, the premises it flags must still answer to hover and click.
 * Screenshots go to test-output/analysis-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import {
  SLOW_MS, anchorOf, camera, jumpTo, metresBetween, numberIn, openExplore, openTab, pollValue, readGeoJson, screenPoint, shot, type LonLat, type Recorder,
} from './explore-helpers.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
if (!viewerUrl) console.warn(`[browser] analysis UI tests skipped: ${skipReason}`);

interface DemoMeta {
  targets: { separation_pairs: { a: string; b: string }[]; three_in_one: string[] };
}

interface ExportedFeature {
  type: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown> | null;
}

/** Every coordinate pair in a geometry. */
function positions(coordinates: unknown): LonLat[] {
  if (!Array.isArray(coordinates)) return [];
  if (typeof coordinates[0] === 'number') return [coordinates as unknown as LonLat];
  return coordinates.flatMap((c) => positions(c));
}

/** Clicks an export button and returns the file the browser saved. */
async function download(page: Page, item: ReturnType<Page['locator']>, format: 'CSV' | 'GeoJSON'): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    item.locator(`.analysis-export button[aria-label*="${format}"]`).click(),
  ]);
  const saved = await file.path();
  return { file, bytes: readFileSync(saved) };
}

describe.skipIf(!viewerUrl)('analysis from the side panel', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;
  const meta = JSON.parse(readFileSync(path.resolve('data/demo-meta.json'), 'utf8')) as DemoMeta;
  let csvRows = 0;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page, rec } = await openExplore(browser.context, viewerUrl));
  }, 2 * SLOW_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('with a result on the map, a premise it flags still shows its tooltip on hover and opens its card on click', async () => {
    const premise = readGeoJson('premises.geojson').features.find((f) => f.properties['id'] === meta.targets.three_in_one[0])!;
    const name = String(premise.properties['name']);
    const at = anchorOf(premise.geometry);
    const tooltip = page.getByTestId('map-tooltip');
    const tooltipText = () => tooltip.count().then((n) => (n ? tooltip.innerText() : ''));
    const hover = async () => {
      await jumpTo(page, at, 18);
      const point = await screenPoint(page, at);
      await page.mouse.move(point.x - 40, point.y - 40);
      await page.mouse.move(point.x, point.y, { steps: 4 });
      return point;
    };
    // Without a result: the premise answers (the control).
    await hover();
    await expect.poll(tooltipText, { timeout: 20_000, message: 'tooltip before any analysis' }).toContain(name);
    await page.mouse.move(5, 400);

    // 'mixing' flags premises themselves (three-in-one and the like): P00193 is one the demo plants.
    await openTab(page, 'analysis');
    const item = page.locator('[data-analysis="mixing"]');
    await item.locator('.analysis-button--primary').click();
    await expect.poll(() => item.getAttribute('class'), { timeout: 180_000 }).toContain('analysis-item--done');
    const { x, y } = await hover();
    const tip = await pollValue(tooltipText, (text) => text.includes(name), 20_000);
    expect.soft(tip, 'tooltip over a premise the analysis flags').toContain(name);
    await shot(page, 'analysis-hover-flagged-premise');
    await page.mouse.click(x, y);
    const card = page.getByTestId('premise-card');
    const opened = await pollValue(() => card.count().then((n) => (n ? card.getAttribute('data-premise') : null)), (id) => id !== null, 20_000);
    expect.soft(opened, 'card of the clicked premise').toBe(String(premise.properties['id']));
    if (opened) await card.locator('.premise-card-close').click();
    await page.mouse.move(5, 400);
  }, 4 * SLOW_MS);

  it('runs separation: progress climbs while it runs, then done, findings listed, the first finding flies the map to it', async () => {
    await openTab(page, 'analysis');
    const item = page.locator('[data-analysis="separation"]');
    expect(await item.getAttribute('class')).toContain('analysis-item--idle');
    // Every value the progress bar shows while the worker runs, as the page sees it.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __progressSeen: number[] }).__progressSeen = seen;
      const bar = () => document.querySelector('[data-analysis="separation"] [role="progressbar"]');
      const note = () => { const value = bar()?.getAttribute('aria-valuenow'); if (value != null && Number(value) !== seen.at(-1)) seen.push(Number(value)); };
      new MutationObserver(note).observe(document.querySelector('[data-testid="analysis-panel"]')!, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await item.locator('.analysis-button--primary').click();
    await expect.poll(() => item.getAttribute('class'), { timeout: 180_000, message: 'separation finished' }).toContain('analysis-item--done');
    const progressSeen = await page.evaluate(() => (window as unknown as { __progressSeen: number[] }).__progressSeen);
    expect(progressSeen.length, 'progress values shown').toBeGreaterThan(1);
    expect(progressSeen[0]).toBe(0);
    expect(progressSeen.every((v, i) => v >= 0 && v <= 100 && (i === 0 || v >= progressSeen[i - 1]!)), `progress ${progressSeen.join(',')}`).toBe(true);
    expect(await item.locator('[role="progressbar"]').count(), 'no progress bar once done').toBe(0);
    const rows = item.getByTestId('finding-row');
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    const found = numberIn(await item.locator('.analysis-summary strong').innerText());
    expect(found).toBeGreaterThanOrEqual(shown);
    // Its result is on the map, with a legend entry of its own.
    await openTab(page, 'layers');
    expect(await page.locator('[data-testid="legend"] [data-layer^="analysis"]').count()).toBeGreaterThan(0);
    await openTab(page, 'analysis');

    // From the whole district, so the flight to the finding is plain to see.
    await jumpTo(page, [118.58, 24.8], 15);
    const first = rows.first();
    const findingId = await first.getAttribute('data-finding');
    expect(findingId).toMatch(/\|/);
    await first.click();
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    // The map flies to the finding (at zoom 17 or closer: a flight never zooms out) and comes to rest.
    await expect.poll(async () => {
      const c = await camera(page);
      const moving = await page.evaluate(() => window.__fireOneMap!.map.isMoving());
      return !moving && c.zoom > 16.95;
    }, { timeout: 30_000, message: 'camera at the finding' }).toBe(true);
    await shot(page, 'analysis-separation-result');
  }, 4 * SLOW_MS);

  it('exports CSV with a UTF-8 BOM and a header row', async () => {
    const item = page.locator('[data-analysis="separation"]');
    const { file, bytes } = await download(page, item, 'CSV');
    expect(file.suggestedFilename()).toMatch(/^separation-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 2)).toEqual(['lon', 'lat']);
    for (const key of ['a', 'b', 'gap_m', 'required_m']) expect(header).toContain(key);
    csvRows = lines.length - 2;
    expect(csvRows).toBeGreaterThan(0);
  });

  it('exports GeoJSON: a FeatureCollection with one feature per CSV row, holding the planted pairs; the first finding is where the map went', async () => {
    const item = page.locator('[data-analysis="separation"]');
    const { file, bytes } = await download(page, item, 'GeoJSON');
    expect(file.suggestedFilename()).toMatch(/^separation-\d{4}-\d{2}-\d{2}\.geojson$/);
    const fc = JSON.parse(bytes.toString('utf8')) as { type: string; features: ExportedFeature[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(csvRows);
    const found = numberIn(await item.locator('.analysis-summary strong').innerText());
    expect(fc.features.length).toBeGreaterThanOrEqual(found);
    const pairs = new Set(fc.features.map((f) => `${String(f.properties?.['a'])}|${String(f.properties?.['b'])}`));
    for (const { a, b } of meta.targets.separation_pairs) expect(pairs, `${a}|${b}`).toContain(a < b ? `${a}|${b}` : `${b}|${a}`);

    // The first listed finding's feature is under the map's centre now.
    const findingId = await item.getByTestId('finding-row').first().getAttribute('data-finding');
    const feature = fc.features.find((f) => `${String(f.properties?.['a'])}|${String(f.properties?.['b'])}` === findingId);
    expect(feature, String(findingId)).toBeDefined();
    const c = await camera(page);
    const nearest = Math.min(...positions(feature!.geometry?.coordinates).map((p) => metresBetween([c.lon, c.lat], p)));
    expect(nearest).toBeLessThan(40);
  });

  it('logged no errors', () => {
    expect(rec.pageErrors).toEqual([]);
    expect(rec.consoleErrors).toEqual([]);
  });
});
