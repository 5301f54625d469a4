/**
 * The built viewer in headless Chromium: it must draw a real map (basemap and deck layers), stay on
 * its own origin, log no errors, show the legend in Chinese and switch to English. Screenshots go to
 * test-output/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HYDRANT_STATUS_COLORS } from '../../src/layers/hydrants/index.ts';
import { RISK_COLORS } from '../../src/layers/premises/risk.ts';
import { lightTheme } from '../../src/map/theme.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import { countNear, decodePng, distinctColours } from './png.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
const OUT = path.resolve('test-output');
const READY_MARK = 'fire-one-map:map-ready';
const DATA_MARK = 'fire-one-map:data-ready';

function hex(css: string): [number, number, number] {
  const n = Number.parseInt(css.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

if (!viewerUrl) {
  console.warn(`[browser] viewer tests skipped: ${skipReason}`);
}

describe.skipIf(!viewerUrl)('built viewer in Chromium', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  let readyMs = 0;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
    browser.context.on('request', (request) => requests.push(request.url()));
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} @ ${message.location().url}`);
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(viewerUrl, { waitUntil: 'load' });
    // Ready = every source settled, the map idle and deck has drawn that state (ExploreMode).
    await page.waitForSelector('[data-testid="explore"][data-map-status="ready"]', { timeout: 90_000 });
    const marks = await page.evaluate(([ready, data]) => ({
      ready: performance.getEntriesByName(ready)[0]?.startTime ?? -1,
      data: performance.getEntriesByName(data)[0]?.startTime ?? -1,
    }), [READY_MARK, DATA_MARK] as const);
    readyMs = marks.ready;
    console.log(`[browser] navigation start → all sources loaded ${marks.data.toFixed(0)} ms → first idle map ${readyMs.toFixed(0)} ms`);
    writeFileSync(path.join(OUT, 'metrics.json'), JSON.stringify({ dataReadyMs: Math.round(marks.data), firstIdleMapMs: Math.round(readyMs) }, null, 2));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws roads, buildings, premises and hydrants on a non-blank map', async () => {
    await page.screenshot({ path: path.join(OUT, 'viewer-zh.png') });
    const shot = await page.locator('[data-testid="map"]').screenshot({ path: path.join(OUT, 'map-zh.png') });
    const image = decodePng(shot);
    expect(distinctColours(image)).toBeGreaterThanOrEqual(8);
    // Each part of the picture must really be there, not merely "some colours".
    const px = image.width * image.height;
    expect(countNear(image, hex(lightTheme.background), 2), 'background').toBeGreaterThan(px * 0.01);
    const buildingPixels = Object.values(lightTheme.buildings.colors).reduce((n, c) => n + countNear(image, hex(c), 3), 0);
    expect(buildingPixels, 'buildings').toBeGreaterThan(px * 0.01);
    const roadPixels = ['arterial', 'collector'].reduce((n, cls) => n + countNear(image, hex(lightTheme.roads.classes[cls]?.color ?? '#000000'), 6), 0);
    expect(roadPixels, 'major roads').toBeGreaterThan(100);
    expect(countNear(image, [...HYDRANT_STATUS_COLORS.in_service], 12), 'in-service hydrants').toBeGreaterThan(20);
    const premisePixels = Object.values(RISK_COLORS).reduce((n, c) => n + countNear(image, [...c] as [number, number, number], 12), 0);
    expect(premisePixels, 'premises').toBeGreaterThan(50);
  });

  it('shows the legend with hydrant statuses in Chinese', async () => {
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText()).toContain('市政消火栓');
    const text = await legend.innerText();
    for (const label of ['正常', '损坏', '无水', '水压不足', '被遮挡', '未知']) expect(text).toContain(label);
    expect(await page.getByTestId('header').innerText()).toContain('消防安全一张图');
  });

  it('shows per-source counts in the data status', async () => {
    // The data status lives in the side panel's "data" tab.
    await page.locator('[data-tab="data"]').click();
    const status = await page.getByTestId('data-status').innerText();
    expect(status).toMatch(/已加载 \d+ 条/);
    for (const kind of ['道路', '建筑', '场所', '市政消火栓']) expect(status).toContain(kind);
    // Only sources with errors are shown in the alarm colour.
    const tones = await page.locator('[data-testid="data-status"] .status-source').evaluateAll((rows) =>
      rows.map((row) => ({
        tone: row.getAttribute('data-tone'),
        color: getComputedStyle(row.querySelector('.status-source-summary') as Element).color,
      })));
    const errorColour = tones.find((r) => r.tone === 'error')?.color;
    for (const row of tones.filter((r) => r.tone === 'ok')) {
      expect(row.color).not.toBe(errorColour ?? 'rgb(207, 34, 46)');
    }
    await page.locator('[data-tab="layers"]').click();
  });

  it('switches the header to English', async () => {
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('header').innerText()).toContain('Fire Safety One-Map');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('legend').innerText()).toContain('in service');
    await page.screenshot({ path: path.join(OUT, 'viewer-en.png') });
    // Back to Chinese, and the choice survives a reload (localStorage).
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('lang-en').click();
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('header').innerText()).toContain('Fire Safety One-Map');
    await page.getByTestId('lang-zh-CN').click();
  });

  it('logs no errors and requests nothing outside its origin', async () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const foreign = requests.filter((url) => {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
      return !['127.0.0.1', 'localhost'].includes(u.hostname);
    });
    expect(foreign).toEqual([]);
    expect(requests.some((url) => url.endsWith('/data/manifest.json'))).toBe(true);
    writeFileSync(path.join(OUT, 'requests.txt'), requests.join('\n') + '\n');
  });
});
