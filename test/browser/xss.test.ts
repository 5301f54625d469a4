/**
 * Text from data is never markup: a district where every string (names, addresses, ids, communities,
 * hazard descriptions, enforcement and obstacle notes, unknown enum values, the manifest's titles and
 * source ids, the rules file's keys and clauses) is an HTML/script payload (test/fixtures/xss/) is
 * loaded, and every place that shows data text is opened: each side-panel tab, every analysis, search
 * results, the card of each premise, hover tooltips, and the same files opened as local files.
 *
 * The fixture is served for /data/** with page.route (the sources worker's fetches are routed too).
 * A MutationObserver installed before the page's own scripts records any element a payload could
 * have produced, even one removed again; the CSP would block inline handlers anyway, so the DOM
 * record, not only `window.__xss`, is what proves nothing was parsed as HTML.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import {
  OUT, POLL, SLOW_MS, anchorOf, cssString, jumpTo, openTab, readGeoJson, record, screenPoint, searchAndPick, shot, waitDrawn, type LonLat, type Recorder,
} from './explore-helpers.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
if (!viewerUrl) console.warn(`[browser] xss tests skipped: ${skipReason}`);

const FIXTURE = path.resolve('test/fixtures/xss');
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload=window.__xss=1>';
const PAYLOADS = [IMG, SCRIPT, SVG] as const;

/** Installed before any page script: records elements a payload would have created, and CSP reports. */
function watchForInjection(): void {
  const w = window as unknown as { __injected: string[]; __cspViolations: string[] };
  w.__injected = [];
  w.__cspViolations = [];
  const suspicious = (el: Element): boolean => {
    if ([...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))) return true;
    const tag = el.tagName.toLowerCase();
    if (tag === 'img' && el.getAttribute('src') === 'x') return true;
    if (tag === 'script' && (el.textContent ?? '').includes('__xss')) return true;
    return tag === 'svg' && el.hasAttribute('onload');
  };
  const check = (node: Node) => {
    if (!(node instanceof Element)) return;
    for (const el of [node, ...node.querySelectorAll('*')]) if (suspicious(el)) w.__injected.push(el.outerHTML.slice(0, 200));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element && suspicious(r.target)) w.__injected.push(r.target.outerHTML.slice(0, 200));
      r.addedNodes.forEach(check);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
}

/** Serves /data/<path> from the fixture folder (404 for anything it does not have). */
async function serveFixture(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const rel = decodeURIComponent(url.pathname.replace(/^.*?\/data\//, ''));
  const file = path.join(FIXTURE, rel);
  if (!file.startsWith(FIXTURE + path.sep) || !existsSync(file)) {
    await route.fulfill({ status: 404, body: 'not found' });
    return;
  }
  const type = file.endsWith('.geojson') ? 'application/geo+json; charset=utf-8' : 'application/json; charset=utf-8';
  await route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
}

/** What the page holds now: the injection record, `window.__xss`, and payload-shaped elements in the DOM. */
function injectionState(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __injected: string[]; __cspViolations: string[] };
    const inDom = [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script')]
      .filter((el) => el.tagName !== 'SCRIPT' || (el.textContent ?? '').includes('__xss'))
      .map((el) => el.outerHTML.slice(0, 200));
    return { xss: w.__xss, injected: w.__injected, csp: w.__cspViolations, inDom };
  });
}

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

describe.skipIf(!viewerUrl)('data text is never markup (XSS fixture district)', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;
  const premises = readGeoJson('premises.geojson', FIXTURE).features;
  const texts = new Set<string>();

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.context.newPage();
    rec = record(browser.context, page);
    await page.addInitScript(watchForInjection);
    await page.route('**/data/**', serveFixture);
    await page.goto(`${viewerUrl}?test=1`, { waitUntil: 'load' });
    await waitDrawn(page);
  }, 2 * SLOW_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('served the fixture through page.route, to the worker too', async () => {
    const fixtureFiles = ['manifest.json', 'premises.geojson', 'alarms.geojson', 'rules.json'];
    for (const f of fixtureFiles) expect(rec.requests.some((u) => u.endsWith(`/data/${f}`)), f).toBe(true);
    await openTab(page, 'data');
    const titles = await page.locator('[data-testid="data-status"] .status-source-title').allInnerTexts();
    // The manifest's titles are payloads: shown as text, literally.
    expect(titles.length).toBe(10);
    for (const title of titles) expect(PAYLOADS as readonly string[]).toContain(title);
  });

  it('every side-panel tab shows the payloads as text', async () => {
    for (const tab of ['layers', 'filter', 'summary', 'analysis', 'data'] as const) {
      await openTab(page, tab);
      // Details (report entries) opened, so their text is laid out too.
      await page.locator('details:not([open]) > summary').evaluateAll((els) => els.forEach((s) => (s.parentElement as HTMLDetailsElement).open = true));
      const text = await bodyText(page);
      texts.add(text);
      await shot(page, `xss-tab-${tab}`);
    }
    await openTab(page, 'filter');
    const communities = await page.locator('input[data-facet="communities"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(communities.length).toBeGreaterThan(0);
    for (const value of communities) expect(PAYLOADS as readonly string[]).toContain(value);
    const labels = await page.locator('[data-group="communities"] .filter-option-label').allInnerTexts();
    expect(labels.some((l) => PAYLOADS.includes(l as never))).toBe(true);
    await openTab(page, 'data');
    const statusText = await page.getByTestId('data-status').innerText();
    // The unknown enum values are reported with the payload quoted, as text.
    expect(statusText).toContain(SCRIPT);
    expect(await injectionState(page)).toMatchObject({ xss: undefined, injected: [], inDom: [] });
  }, 3 * SLOW_MS);

  it('search results and each premise\'s card show the payloads as text', async () => {
    const input = page.getByTestId('search-input');
    await expect.poll(() => input.isEnabled(), POLL).toBe(true);
    for (const premise of premises) {
      const id = String(premise.properties['id']);
      const name = String(premise.properties['name']);
      // The keyboard: with a card open, its panel lies over the result list (see explore.test.ts).
      await searchAndPick(page, name, 'premises', id);
      const card = page.getByTestId('premise-card');
      await expect.poll(() => card.getAttribute('data-premise'), { timeout: 20_000 }).toBe(id);
      expect(await card.locator('.premise-card-title').innerText()).toBe(name);
      expect(await input.inputValue()).toBe(name);
      const text = await card.innerText();
      for (const payload of PAYLOADS) expect(text, `${id} card`).toContain(payload);
      texts.add(await bodyText(page));
    }
    await shot(page, 'xss-card');
    // A query that matches every kind's payload ids and names at once.
    await input.fill('window.__xss');
    // Waits for this query's hits (the list shows the last query's until the search pause is over).
    await expect.poll(() => page.locator('[data-testid="search-results"]:not([hidden]) [role="option"]').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    const labels = await page.locator('[data-testid="search-results"] .search-box__label').allInnerTexts();
    expect(labels.length).toBeGreaterThan(3);
    for (const label of labels) expect(label).toContain('window.__xss=1');
    await shot(page, 'xss-search');
    const labelsText = await page.locator('[data-testid="search-results"]').innerText();
    for (const payload of PAYLOADS) expect(labelsText).toContain(payload);
    // Closed and cleared, so the list does not lie over the map for the hover test.
    await input.press('Escape');
    await input.press('Escape');
    await input.blur();
    expect(await injectionState(page)).toMatchObject({ xss: undefined, injected: [], inDom: [] });
  }, 3 * SLOW_MS);

  it('hover tooltips over premises, hydrants, the station and a lane show the payloads as text', async () => {
    const hydrants = readGeoJson('hydrants.geojson', FIXTURE).features;
    const stations = readGeoJson('stations.geojson', FIXTURE).features;
    const lanes = readGeoJson('fire_lanes.geojson', FIXTURE).features;
    const lane = lanes[0]!.geometry.coordinates as LonLat[];
    // Premises: inside the footprint but off its centre, where its sensor's alarm sits on top.
    const inside = (p: LonLat): LonLat => [p[0] - 0.00012, p[1] - 0.00008];
    const targets: { what: string; at: LonLat; expected: string }[] = [
      ...premises.map((p) => ({ what: String(p.properties['id']), at: inside(anchorOf(p.geometry)), expected: String(p.properties['name']) })),
      ...hydrants.map((h) => ({ what: String(h.properties['id']), at: anchorOf(h.geometry), expected: String(h.properties['id']) })),
      ...stations.map((s) => ({ what: String(s.properties['id']), at: anchorOf(s.geometry), expected: String(s.properties['name']) })),
      // A quarter of the way along the first lane, clear of its obstacles.
      { what: 'lane', at: [lane[0]![0] + (lane[1]![0] - lane[0]![0]) * 0.25, lane[0]![1]], expected: String(lanes[0]!.properties['name']) },
    ];
    await page.getByTestId('premise-card').locator('.premise-card-close').click();
    const tooltip = page.getByTestId('map-tooltip');
    const seen: string[] = [];
    for (const target of targets) {
      // Each target in the middle of the map, clear of the search box and the panels.
      await jumpTo(page, target.at, 18);
      const { x, y } = await screenPoint(page, target.at);
      await page.mouse.move(x - 40, y - 40);
      await page.mouse.move(x, y, { steps: 4 });
      await expect.poll(() => tooltip.count().then((n) => (n ? tooltip.innerText() : '')), { timeout: 20_000, message: target.what })
        .toContain(target.expected);
      seen.push(await tooltip.innerText());
      await shot(page, `xss-tooltip-${seen.length}`);
    }
    for (const text of seen) expect(text).toMatch(/window\.__xss=1/);
    await page.mouse.move(5, 400);
    expect(await injectionState(page)).toMatchObject({ xss: undefined, injected: [], inDom: [] });
  }, 4 * SLOW_MS);

  // After the tooltips: analysis results lie over the features and take the hover (see analysis-ui.test.ts).
  it('runs every analysis and lists the findings and the rules file report as text', async () => {
    await openTab(page, 'analysis');
    const report = page.getByTestId('rules-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.innerText()).toContain(IMG);
    const names = await page.locator('[data-analysis]').evaluateAll((els) => els.map((e) => e.getAttribute('data-analysis') ?? ''));
    for (const name of names) {
      const item = page.locator(`[data-analysis="${name}"]`);
      await item.locator('.analysis-button--primary').click();
      await expect.poll(() => item.getAttribute('class'), { timeout: 60_000, message: name }).toMatch(/analysis-item--(done|error)/);
    }
    texts.add(await bodyText(page));
    await shot(page, 'xss-analysis');
    expect(await injectionState(page)).toMatchObject({ xss: undefined, injected: [], inDom: [] });
  }, 4 * SLOW_MS);

  it('the same files opened as local files: the report and the status show payload names and problems as text', async () => {
    const input = page.locator('input.file-drop-input[type="file"]');
    const droppedName = `${IMG}premises.geojson`;
    await input.setInputFiles([
      { name: droppedName, mimeType: 'application/geo+json', buffer: readFileSync(path.join(FIXTURE, 'premises.geojson')) },
      { name: `${SVG}hydrants.geojson`, mimeType: 'application/geo+json', buffer: readFileSync(path.join(FIXTURE, 'hydrants.geojson')) },
      // Refused: its features have no usable id or geometry, and the problems name the payloads.
      {
        name: `${SCRIPT}.geojson`, mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: SCRIPT, status: IMG }, geometry: { type: 'Point', coordinates: [SVG, 1] } }] })),
      },
    ]);
    const report = page.getByTestId('drop-report');
    await expect.poll(() => report.locator('[data-verdict="reading"]').count(), { timeout: 30_000 }).toBe(0);
    const files = await report.locator('.drop-file-name').allInnerTexts();
    expect(files).toEqual([droppedName, `${SVG}hydrants.geojson`, `${SCRIPT}.geojson`]);
    expect(await report.locator(`[data-verdict="accepted"]`).count()).toBe(2);
    await page.locator('.drop-file-report:not([open]) > summary').evaluateAll((els) => els.forEach((s) => (s.parentElement as HTMLDetailsElement).open = true));
    texts.add(await bodyText(page));
    await shot(page, 'xss-drop');
    await report.locator('.drop-report-close').click();
    await openTab(page, 'data');
    const local = page.locator(`[data-testid="data-status"] [data-source="${cssString(`local:${droppedName}`)}"]`);
    expect(await local.locator('.status-source-title').innerText()).toBe(droppedName);
    texts.add(await bodyText(page));
    expect(await injectionState(page)).toMatchObject({ xss: undefined, injected: [], inDom: [] });
  }, 3 * SLOW_MS);

  it('in the end: no script ran, no element came from data, every payload was shown literally, no CSP report', async () => {
    const state = await injectionState(page);
    expect(state.xss).toBeUndefined();
    expect(state.injected).toEqual([]);
    expect(state.inDom).toEqual([]);
    // An inline handler the CSP had to block would mean markup got through: there must be none.
    expect(state.csp).toEqual([]);
    expect(rec.cspMessages).toEqual([]);
    const all = [...texts].join('\n');
    for (const payload of PAYLOADS) expect(all, payload).toContain(payload);
    expect(rec.pageErrors).toEqual([]);
    await page.screenshot({ path: path.join(OUT, 'xss-end.png') });
  });
});
