/**
 * Explore mode with data that changes while it is open, each part on a page of its own:
 * - an alarms poll that lands while a premise card is open: the card stays (the same element,
 *   updated in place) and shows the change, the selection stays in the URL, and the data status shows
 *   the source was read again;
 * - local files opened with the file button: a good hydrants file is taken and listed as a local
 *   source, bad files are refused with their reasons and change nothing; and the button and the
 *   report must be usable by a pointer (not covered, not covering the side panel's tabs).
 *
 * The poll is made quick and predictable with page.route: the manifest is served with the alarms'
 * refresh_s lowered, and the alarms file is served from disk until the test swaps in a copy where
 * one alarm is acknowledged (the sources worker's fetches go through page.route too).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import { OUT, POLL, SLOW_MS, numberIn, openExplore, openTab, pageHash, readGeoJson, record, shot, waitDrawn, type Recorder } from './explore-helpers.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
if (!viewerUrl) console.warn(`[browser] explore-live tests skipped: ${skipReason}`);

/** Seconds between alarm polls in the test manifest (the demo's is 30). */
const ALARM_REFRESH_S = 4;
const ALARMS_FILE = path.resolve('data/iot/alarms.geojson');

interface RawAlarm {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** The demo's newest unacknowledged alarm that belongs to a premise (its card lists it). */
function newestOpenAlarm(alarms: readonly RawAlarm[], premiseIds: ReadonlySet<string>): RawAlarm {
  const open = alarms.filter((a) => a.properties['确认状态'] === '未确认' && premiseIds.has(String(a.properties['所属场所'])));
  open.sort((a, b) => String(b.properties['告警时间']).localeCompare(String(a.properties['告警时间'])));
  const first = open[0];
  if (!first) throw new Error('the demo has no unacknowledged alarm of a premise');
  return first;
}

const summaryCounts = async (page: Page): Promise<Record<string, number>> => {
  await openTab(page, 'summary');
  await page.locator('input[data-scope="all"]').check();
  await page.locator('[data-testid="summary-panel"][data-scope="all"]').waitFor();
  const rows = await page.locator('[data-count-layer]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-count-layer') ?? '', e.textContent ?? ''] as const));
  return Object.fromEntries(rows.map(([k, v]) => [k, numberIn(v)]));
};

const sourceIds = async (page: Page): Promise<string[]> => {
  await openTab(page, 'data');
  return page.locator('[data-testid="data-status"] [data-source]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source') ?? ''));
};

describe.skipIf(!viewerUrl)('explore mode: an alarms poll with a card open', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;
  const alarmsText = readFileSync(ALARMS_FILE, 'utf8');
  const alarms = (JSON.parse(alarmsText) as { features: RawAlarm[] }).features;
  const premiseIds = new Set(readGeoJson('premises.geojson').features.map((f) => String(f.properties['id'])));
  const target = newestOpenAlarm(alarms, premiseIds);
  const alarmId = String(target.properties['告警编号']);
  const premiseId = String(target.properties['所属场所']);
  let acknowledgedCopy = '';
  let serveAcknowledged = false;
  let alarmFetches = 0;

  beforeAll(async () => {
    acknowledgedCopy = JSON.stringify({
      type: 'FeatureCollection',
      features: alarms.map((a) => (a === target ? { ...a, properties: { ...a.properties, 确认状态: '已确认' } } : a)),
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    rec = record(browser.context, page);
    await page.route('**/data/manifest.json', async (route: Route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as { sources: { id: string; refresh_s?: number }[] };
      for (const source of manifest.sources) if (source.id === 'iot-alarms') source.refresh_s = ALARM_REFRESH_S;
      await route.fulfill({ response, json: manifest });
    });
    await page.route('**/data/iot/alarms.geojson', async (route: Route) => {
      alarmFetches += 1;
      if (!serveAcknowledged) return route.continue();
      return route.fulfill({ status: 200, contentType: 'application/geo+json; charset=utf-8', body: acknowledgedCopy });
    });
    // Opened on the premise's link: the card comes up with the page.
    await page.goto(`${viewerUrl}?test=1#/?sel=${encodeURIComponent(premiseId)}`, { waitUntil: 'load' });
    await waitDrawn(page);
  }, 2 * SLOW_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('an alarms poll lands while a card is open: the card stays and shows the change, sel= stays, the status shows the update', async () => {
    const card = page.getByTestId('premise-card');
    await expect.poll(() => card.getAttribute('data-premise'), { timeout: 30_000 }).toBe(premiseId);
    const row = card.locator(`[data-alarm="${alarmId}"]`);
    await row.waitFor({ state: 'attached', timeout: 30_000 });
    expect(await row.getAttribute('class')).toContain('premise-card-alarm--open');
    // Marks the card's element: a poll must update it in place, not mount a new card.
    await card.evaluate((el) => el.setAttribute('data-test-mark', 'before-poll'));

    await openTab(page, 'data');
    const badge = page.locator('[data-testid="data-status"] [data-source="iot-alarms"] .status-fresh');
    const titleBefore = await badge.getAttribute('title');
    expect(titleBefore).toBeTruthy();
    const fetchesBefore = alarmFetches;

    serveAcknowledged = true;
    await expect.poll(() => row.getAttribute('class'), { timeout: 60_000, message: 'the alarm shows acknowledged after the poll' })
      .not.toContain('premise-card-alarm--open');
    expect(alarmFetches).toBeGreaterThan(fetchesBefore);
    expect(await card.getAttribute('data-premise')).toBe(premiseId);
    expect(await card.getAttribute('data-test-mark')).toBe('before-poll');
    expect(pageHash(page).get('sel')).toBe(premiseId);
    // The status line of the source says it was updated again (its exact time is in the badge's title).
    await expect.poll(() => badge.getAttribute('title'), { timeout: 30_000 }).not.toBe(titleBefore);
    expect(await badge.getAttribute('data-freshness')).toBe('live');
    expect(await page.locator('[data-testid="data-status"] [data-source="iot-alarms"]').getAttribute('data-tone')).not.toBe('error');
    await shot(page, 'explore-live-poll');
    await row.evaluate((el) => {
      const folded = el.closest('details');
      if (folded) folded.open = true;
      el.scrollIntoView({ block: 'center' });
    });
    await card.screenshot({ path: path.join(OUT, 'explore-live-poll-card.png') });
  }, 3 * SLOW_MS);

  it('logged no errors', () => {
    expect(rec.pageErrors).toEqual([]);
    expect(rec.consoleErrors).toEqual([]);
  });
});

// A page of its own, on the demo's own manifest: the quick alarm polls above would slow every step here.
describe.skipIf(!viewerUrl)('explore mode: local files', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page, rec } = await openExplore(browser.context, viewerUrl));
  }, 2 * SLOW_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens a good hydrants file (taken, listed as a local source) and refuses bad files without changing anything', async () => {
    const input = page.locator('input.file-drop-input[type="file"]');
    expect(await page.getByTestId('open-file').isVisible()).toBe(true);
    const demoHydrants = readGeoJson('hydrants.geojson').features.slice(0, 2);
    const good = {
      type: 'FeatureCollection',
      features: demoHydrants.map((h, i) => ({ ...h, properties: { ...h.properties, id: `LOCAL-H${i + 1}` } })),
    };
    const countsBefore = await summaryCounts(page);
    const sourcesBefore = await sourceIds(page);

    await input.setInputFiles({ name: 'local-hydrants.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(good)) });
    const report = page.getByTestId('drop-report');
    const goodRow = report.locator('[data-file="local-hydrants.geojson"]');
    await expect.poll(() => goodRow.getAttribute('data-verdict'), { timeout: 30_000 }).toBe('accepted');
    expect(numberIn(await goodRow.locator('.drop-file-verdict').innerText())).toBeGreaterThan(0);
    expect(await goodRow.locator('.drop-file-verdict').innerText()).toMatch(/2\D+2/);
    await shot(page, 'explore-drop-accepted');
    // Closed before using the side panel: the report covers its tabs (see the layout test below).
    await report.locator('.drop-report-close').click();
    await expect.poll(() => report.count(), POLL).toBe(0);

    const sourcesAfterGood = await sourceIds(page);
    expect(sourcesAfterGood).toEqual([...sourcesBefore, 'local:local-hydrants.geojson']);
    const localRow = page.locator('[data-testid="data-status"] [data-source="local:local-hydrants.geojson"]');
    expect(numberIn(await localRow.locator('.status-source-summary').innerText())).toBe(2);
    const countsAfterGood = await summaryCounts(page);
    expect(countsAfterGood).toEqual({ ...countsBefore, hydrants: countsBefore['hydrants']! + 2, 'hydrant-rings': countsAfterGood['hydrant-rings'] });

    // Three bad files at once: not JSON, features that are all invalid, and a wrong extension.
    const invalid = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'BAD-1', status: 'no-such-status' }, geometry: null },
        { type: 'Feature', properties: { status: 'in_service' }, geometry: { type: 'Point', coordinates: ['x', 'y'] } },
      ],
    };
    await input.setInputFiles([
      { name: 'not-json.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('this is { not JSON') },
      { name: 'broken-hydrants.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(invalid)) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    for (const name of ['not-json.geojson', 'broken-hydrants.geojson', 'notes.txt']) {
      await expect.poll(() => report.locator(`[data-file="${name}"]`).getAttribute('data-verdict'), { timeout: 30_000, message: name }).toBe('refused');
    }
    // The invalid features' problems are listed, opened, under their file.
    const problems = report.locator('[data-file="broken-hydrants.geojson"] .drop-file-report');
    expect(await problems.getAttribute('open')).not.toBeNull();
    expect(await problems.locator('li').count()).toBeGreaterThan(0);
    expect(await report.locator('.drop-report-summary').innerText()).toMatch(/0\D+3|3\D+0/);
    await shot(page, 'explore-drop-refused');
    await report.locator('.drop-report-close').click();

    expect(await sourceIds(page)).toEqual(sourcesAfterGood);
    expect(await summaryCounts(page)).toEqual(countsAfterGood);
    await page.screenshot({ path: path.join(OUT, 'explore-drop-after.png') });
  }, 3 * SLOW_MS);

  it('the open-file button can be reached by a pointer, and the drop report leaves the side panel\'s tabs usable', async () => {
    // What sits at the button's centre must be the button: a person clicks there.
    const button = page.getByTestId('open-file');
    const atButton = await button.evaluate((el) => {
      const b = el.getBoundingClientRect();
      const top = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
      return top === el || el.contains(top) ? 'button' : top?.outerHTML.slice(0, 120) ?? 'nothing';
    });
    expect.soft(atButton, 'element on top of the open-file button').toBe('button');

    await page.locator('input.file-drop-input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const report = page.getByTestId('drop-report');
    await report.waitFor();
    const tabsCovered = await page.locator('[role="tablist"] [data-tab]').evaluateAll((tabs) => tabs.flatMap((tab) => {
      const b = tab.getBoundingClientRect();
      const top = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
      return top === tab || tab.contains(top) ? [] : [tab.getAttribute('data-tab')];
    }));
    await report.locator('.drop-report-close').click();
    expect(tabsCovered, 'side-panel tabs covered by the open drop report').toEqual([]);
  }, SLOW_MS);

  it('logged no errors', () => {
    expect(rec.pageErrors).toEqual([]);
    expect(rec.consoleErrors).toEqual([]);
  });
});
