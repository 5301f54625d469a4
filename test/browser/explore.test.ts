/**
 * Explore mode on the demo district in headless Chromium, driven as a person would: the legend's
 * layer toggles and opacity slider, the community filter and the district-wide summary, search with
 * the keyboard (and its results above an open card), the premise card of a premise with an overdue
 * major hazard, and a link that reopens the same view. Expectations are computed from data/*.geojson, never hard-coded counts.
 * Screenshots go to test-output/explore-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_VISIBLE_LAYERS, LAYER_DRAW_ORDER } from '../../src/layers/catalog/index.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import {
  OUT, POLL, SLOW_MS, anchorOf, camera, deckLayers, hashParams, jumpTo, layersOf, metresBetween, metresToLine, numberIn, openExplore, openTab, pageHash, pollValue,
  readGeoJson, searchAndPick, shot, waitDrawn, type LonLat, type Recorder,
} from './explore-helpers.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
if (!viewerUrl) console.warn(`[browser] explore tests skipped: ${skipReason}`);

interface DemoMeta {
  targets: { overdue_major: { premise: string; hazard: string }; blocked_route: { premise: string; lane: string } };
}

/** 'on' when some deck layer of the group is visible, 'off' when none is. */
async function groupState(page: Page, layerId: string): Promise<'on' | 'off' | 'missing'> {
  const group = layersOf(await deckLayers(page), layerId);
  if (group.length === 0) return 'missing';
  return group.some((l) => l.visible) ? 'on' : 'off';
}

/** The date in Beijing the viewer judges overdue at: the manifest's as_of when it has one, else today. */
function judgedDate(): string {
  const manifest = JSON.parse(readFileSync(path.resolve('data/manifest.json'), 'utf8')) as { as_of?: string };
  const now = manifest.as_of ? Date.parse(manifest.as_of) : Date.now();
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Opens the summary tab counting the whole sub-district. */
async function summaryAll(page: Page): Promise<void> {
  await openTab(page, 'summary');
  await page.locator('input[data-scope="all"]').check();
  await page.locator('[data-testid="summary-panel"][data-scope="all"]').waitFor();
}

const countOf = (page: Page, layer: string) => page.locator(`[data-count-layer="${layer}"]`).innerText().then(numberIn);

describe.skipIf(!viewerUrl)('explore mode on the demo district', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;
  const premises = readGeoJson('premises.geojson').features;
  const hydrants = readGeoJson('hydrants.geojson').features;
  const lanes = readGeoJson('fire_lanes.geojson').features;
  const meta = JSON.parse(readFileSync(path.resolve('data/demo-meta.json'), 'utf8')) as DemoMeta;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page, rec } = await openExplore(browser.context, viewerUrl));
  }, 2 * SLOW_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('toggles every thematic layer from the legend: l= in the URL and the deck layer follow; the slider sets opacity', async () => {
    await openTab(page, 'layers');
    const ids = await page.locator('[data-testid="legend"] [data-layer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer') ?? ''));
    expect([...ids].sort()).toEqual([...LAYER_DRAW_ORDER].sort());
    expect(pageHash(page).has('l')).toBe(false);
    for (const id of ids) {
      const box = page.locator(`[data-layer="${id}"] input[type="checkbox"]`);
      const shownByDefault = (DEFAULT_VISIBLE_LAYERS as readonly string[]).includes(id);
      expect(await box.isChecked(), id).toBe(shownByDefault);
      expect(await groupState(page, id), id).toBe(shownByDefault ? 'on' : 'off');

      // A synthetic click toggles the checkbox like a real one; real pointer clicks wait for several
      // frames each, and a SwiftShader frame of the whole district takes seconds.
      await box.dispatchEvent('click');
      await expect.poll(() => pageHash(page).get('l'), { ...POLL, message: `l= after toggling ${id}` }).toBe(shownByDefault ? `-${id}` : id);
      await expect.poll(() => groupState(page, id), { ...POLL, message: `deck ${id} after toggling` }).toBe(shownByDefault ? 'off' : 'on');
      expect(await page.locator(`[data-layer="${id}"]`).getAttribute('class')).toContain(shownByDefault ? 'legend-entry--hidden' : 'legend-entry');

      await box.dispatchEvent('click');
      await expect.poll(() => pageHash(page).has('l'), { ...POLL, message: `l= after toggling ${id} back` }).toBe(false);
      await expect.poll(() => groupState(page, id), POLL).toBe(shownByDefault ? 'on' : 'off');
    }

    // Opacity: the hydrants' slider to 40 % → their deck layer at 0.4, and back.
    const slider = page.locator('[data-opacity="hydrants"]');
    expect(await slider.inputValue()).toBe('100');
    await slider.fill('40');
    await expect.poll(async () => layersOf(await deckLayers(page), 'hydrants').map((l) => l.opacity), POLL).toEqual([0.4]);
    await page.locator('[data-layer="grids"] input[type="checkbox"]').click();
    await expect.poll(() => groupState(page, 'grids'), POLL).toBe('off');
    await shot(page, 'explore-layers-hydrants-40-no-grids');
    await slider.fill('100');
    await page.locator('[data-layer="grids"] input[type="checkbox"]').click();
    await expect.poll(async () => layersOf(await deckLayers(page), 'hydrants').map((l) => l.opacity), POLL).toEqual([1]);
    await expect.poll(() => groupState(page, 'grids'), POLL).toBe('on');
  }, 4 * SLOW_MS);

  it('zoomed far out, premise footprints, grid labels and symbol outlines are left out; zoomed back in, they return', async () => {
    const start = await camera(page);
    const visible = async () => Object.fromEntries((await deckLayers(page))
      .filter((l) => ['premises', 'premises-symbols-outline', 'premises-symbols', 'grids-labels', 'grids-outlines'].includes(l.id))
      .map((l) => [l.id, l.visible]));
    expect(start.zoom).toBeGreaterThanOrEqual(14);
    expect(await visible()).toEqual({ 'premises': true, 'premises-symbols-outline': true, 'premises-symbols': true, 'grids-labels': true, 'grids-outlines': true });
    await jumpTo(page, [start.lon, start.lat], 11.5);
    await expect.poll(visible, POLL).toEqual({ 'premises': false, 'premises-symbols-outline': false, 'premises-symbols': true, 'grids-labels': false, 'grids-outlines': true });
    await shot(page, 'explore-zoomed-out');
    await jumpTo(page, [start.lon, start.lat], 12.5);
    await expect.poll(visible, POLL).toEqual({ 'premises': false, 'premises-symbols-outline': true, 'premises-symbols': true, 'grids-labels': false, 'grids-outlines': true });
    await jumpTo(page, [start.lon, start.lat], start.zoom);
    await expect.poll(visible, POLL).toEqual({ 'premises': true, 'premises-symbols-outline': true, 'premises-symbols': true, 'grids-labels': true, 'grids-outlines': true });
  }, 3 * SLOW_MS);

  it('filters by one community: the district-wide premise count is that community\'s in premises.geojson, co= in the URL', async () => {
    const perCommunity = new Map<string, number>();
    for (const f of premises) {
      const c = f.properties['community'];
      if (typeof c === 'string') perCommunity.set(c, (perCommunity.get(c) ?? 0) + 1);
    }
    // The smallest community: the biggest change from the district total.
    const [community, expected] = [...perCommunity].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]!;
    const hydrantsThere = hydrants.filter((h) => h.properties['community'] === community).length;
    const lanesThere = lanes.filter((l) => l.properties['community'] === community).length;

    await summaryAll(page);
    await expect.poll(() => countOf(page, 'premises'), { timeout: SLOW_MS }).toBe(premises.length);
    const hydrantTotal = await countOf(page, 'hydrants');
    expect(hydrantTotal).toBe(hydrants.length);

    await openTab(page, 'filter');
    const option = page.locator(`input[data-facet="communities"][data-value="${community}"]`);
    // The facet's own count says the same before anything is chosen.
    expect(numberIn(await option.locator('xpath=..').locator('.filter-count').innerText())).toBe(expected);
    await option.check();
    await expect.poll(() => pageHash(page).get('co'), POLL).toBe(community);
    await expect.poll(() => page.getByTestId('filter-active-count').getAttribute('data-count'), POLL).toBe('1');

    await openTab(page, 'summary');
    expect(await page.locator('[data-testid="summary-panel"]').getAttribute('data-scope')).toBe('all');
    await expect.poll(() => countOf(page, 'premises'), POLL).toBe(expected);
    expect(await countOf(page, 'hydrants')).toBe(hydrantsThere);
    expect(await countOf(page, 'fire-lanes')).toBe(lanesThere);
    await shot(page, 'explore-filtered-summary');

    await openTab(page, 'filter');
    await page.locator('.filter-clear').click();
    await expect.poll(() => pageHash(page).has('co'), POLL).toBe(false);
    await openTab(page, 'summary');
    await expect.poll(() => countOf(page, 'premises'), POLL).toBe(premises.length);
  }, 3 * SLOW_MS);

  it('search: a premise name, ArrowDown and Enter open its card, put sel= in the URL and fly there', async () => {
    const names = new Map<string, number>();
    for (const f of premises) names.set(String(f.properties['name']), (names.get(String(f.properties['name'])) ?? 0) + 1);
    const start = await camera(page);
    // A premise with a name of its own, as far from the current view's centre as possible.
    const target = premises
      .filter((f) => names.get(String(f.properties['name'])) === 1)
      .map((f) => ({ f, d: metresBetween([start.lon, start.lat], anchorOf(f.geometry)) }))
      .sort((a, b) => b.d - a.d)[0]!;
    const id = String(target.f.properties['id']);
    const name = String(target.f.properties['name']);
    expect(target.d).toBeGreaterThan(600);

    await searchAndPick(page, name, 'premises', id);
    const card = page.getByTestId('premise-card');
    await expect.poll(() => card.getAttribute('data-premise'), { timeout: 20_000 }).toBe(id);
    expect(await card.locator('.premise-card-title').innerText()).toBe(name);
    await expect.poll(() => pageHash(page).get('sel'), POLL).toBe(id);
    const at = anchorOf(target.f.geometry);
    await expect.poll(async () => {
      const c = await camera(page);
      return metresBetween([c.lon, c.lat], at);
    }, { timeout: 30_000, message: 'camera centre to the premise, metres' }).toBeLessThan(300);
    await expect.poll(async () => (await camera(page)).zoom, { timeout: 30_000 }).toBeGreaterThan(start.zoom + 1);
    await shot(page, 'explore-search-card');
    await card.locator('.premise-card-close').click();
    await expect.poll(() => pageHash(page).has('sel'), POLL).toBe(false);
  }, 3 * SLOW_MS);

  it('with a card open, the search results lie above it, where a pointer can pick them', async () => {
    const first = premises[0]!;
    await searchAndPick(page, String(first.properties['id']), 'premises', String(first.properties['id']));
    const card = page.getByTestId('premise-card');
    await expect.poll(() => card.getAttribute('data-premise'), { timeout: 20_000 }).toBe(String(first.properties['id']));
    const input = page.getByTestId('search-input');
    await input.fill(String(premises[1]!.properties['name']));
    const option = page.locator('[data-testid="search-results"] [role="option"]').first();
    await option.waitFor({ timeout: 20_000 });
    // What lies at the centre of the first result, once the list has settled (the hits of the new
    // text replace the old ones after the search's pause; a list caught in between can be empty).
    const onTop = () => option.evaluate((el) => {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) return 'not laid out';
      const top = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
      return el.contains(top) ? 'option' : top?.outerHTML.slice(0, 100) ?? 'nothing';
    }).catch(() => 'gone');
    const settled = await pollValue(onTop, (v) => v === 'option', 10_000);
    await shot(page, 'explore-search-over-card');
    await input.press('Escape');
    await input.press('Escape');
    await card.locator('.premise-card-close').click();
    expect(settled, 'element at the centre of the first search result').toBe('option');
  }, 2 * SLOW_MS);

  it('the card of a premise with an overdue major hazard: overdue mark, hydrants with distances, blocked lanes; the link reopens it', async () => {
    const { premise: premiseId, hazard: hazardId } = meta.targets.overdue_major;
    const premise = premises.find((f) => f.properties['id'] === premiseId)!;
    const community = String(premise.properties['community']);
    const hazard = (premise.properties['hazards'] as { id: string; severity: string; deadline: string }[]).find((h) => h.id === hazardId)!;
    expect(hazard.severity).toBe('major');
    const at = anchorOf(premise.geometry);

    await openTab(page, 'filter');
    await page.locator(`input[data-facet="communities"][data-value="${community}"]`).check();
    await searchAndPick(page, premiseId, 'premises', premiseId);
    const card = page.getByTestId('premise-card');
    await expect.poll(() => card.getAttribute('data-premise'), { timeout: 20_000 }).toBe(premiseId);

    // Timeline: the major hazard is marked overdue, with the days since its deadline.
    const item = card.locator(`[data-testid="card-timeline"] [data-hazard="${hazardId}"]`);
    expect(await item.getAttribute('class')).toContain('premise-card-hazard--overdue');
    const badge = item.locator('.premise-card-badge--overdue');
    expect(await badge.isVisible()).toBe(true);
    const days = Number(await badge.getAttribute('data-overdue-days'));
    expect(Math.abs(days - (dayNumber(judgedDate()) - dayNumber(hazard.deadline)))).toBeLessThanOrEqual(1);
    expect(await badge.innerText()).toContain(String(days));

    // Hydrants: the nearest in-service ones from hydrants.geojson, nearest first, with their distances.
    const nearest = hydrants
      .filter((h) => h.properties['status'] === 'in_service')
      .map((h) => ({ id: String(h.properties['id']), d: metresBetween(at, h.geometry.coordinates as LonLat) }))
      .sort((a, b) => a.d - b.d);
    const rows = card.locator('[data-testid="card-hydrants"] li[data-hydrant]');
    const listed = await rows.evaluateAll((els) => els.map((e) => ({
      id: e.getAttribute('data-hydrant') ?? '',
      distance: e.querySelector('.premise-card-distance')?.textContent ?? '',
    })));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0]!.id).toBe(nearest[0]!.id);
    for (const row of listed) {
      const expected = nearest.find((h) => h.id === row.id);
      expect(expected, row.id).toBeDefined();
      expect(row.distance).toMatch(/\d+\s*(米|m)/);
      expect(Math.abs(numberIn(row.distance) - expected!.d), row.id).toBeLessThan(3);
    }

    // Lanes: every blocked lane clearly within 200 m is listed as blocked; none clearly beyond it is.
    const laneDistances = lanes.map((l) => ({ id: String(l.properties['id']), status: String(l.properties['status']), d: metresToLine(at, l.geometry) }));
    const blockedNear = laneDistances.filter((l) => l.status === 'blocked' && l.d < 190);
    expect(blockedNear.map((l) => l.id)).toContain(meta.targets.blocked_route.lane);
    for (const lane of blockedNear) {
      expect(await card.locator(`[data-testid="card-lanes"] [data-lane="${lane.id}"]`).getAttribute('class'), lane.id).toContain('premise-card-lane--blocked');
    }
    for (const lane of laneDistances.filter((l) => l.d > 210)) {
      expect(await card.locator(`[data-testid="card-lanes"] [data-lane="${lane.id}"]`).count(), lane.id).toBe(0);
    }
    await shot(page, 'explore-card-overdue-major');
    await item.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(OUT, 'explore-card-timeline.png') });
    await card.locator('[data-testid="card-hydrants"]').scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(OUT, 'explore-card-surroundings.png') });

    // The link holds selection, filter and camera; a new page opened with it shows the same.
    await expect.poll(() => pageHash(page).get('sel'), POLL).toBe(premiseId);
    await expect.poll(() => pageHash(page).get('co'), POLL).toBe(community);
    await expect.poll(() => pageHash(page).get('c'), POLL).toBeDefined();
    // Written after the camera stopped (debounced): let the fly end and the hash catch up.
    let link = '';
    await expect.poll(async () => {
      const before = page.url();
      await new Promise((r) => setTimeout(r, 600));
      link = page.url();
      return before === link;
    }, { timeout: 30_000 }).toBe(true);
    const c = hashParams(link).get('c')!.split(',').map(Number);
    const reopened = await browser.context.newPage();
    await reopened.goto(link, { waitUntil: 'load' });
    await waitDrawn(reopened);
    const card2 = reopened.getByTestId('premise-card');
    await expect.poll(() => card2.getAttribute('data-premise'), { timeout: 30_000 }).toBe(premiseId);
    await openTab(reopened, 'filter');
    expect(await reopened.locator(`input[data-facet="communities"][data-value="${community}"]`).isChecked()).toBe(true);
    expect(await reopened.getByTestId('filter-active-count').getAttribute('data-count')).toBe('1');
    const cam = await camera(reopened);
    expect(metresBetween([cam.lon, cam.lat], [c[0]!, c[1]!])).toBeLessThan(5);
    expect(Math.abs(cam.zoom - c[2]!)).toBeLessThan(0.02);
    await reopened.screenshot({ path: path.join(OUT, 'explore-card-reopened.png') });

    // The route target of the demo: P00202 sits behind blocked lane L0005, which its card lists.
    const { premise: behind, lane } = meta.targets.blocked_route;
    await searchAndPick(reopened, behind, 'premises', behind);
    await expect.poll(() => card2.getAttribute('data-premise'), { timeout: 20_000 }).toBe(behind);
    expect(await card2.locator(`[data-testid="card-lanes"] [data-lane="${lane}"]`).getAttribute('class')).toContain('premise-card-lane--blocked');
    await reopened.close();
  }, 5 * SLOW_MS);

  it('logged no errors', () => {
    expect(rec.pageErrors).toEqual([]);
    expect(rec.consoleErrors).toEqual([]);
  });
});
