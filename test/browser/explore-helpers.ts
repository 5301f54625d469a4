/**
 * Shared helpers of the explore-mode browser tests: opening the viewer and waiting until everything
 * is drawn, recording what the page asks for and complains about, reading the URL hash, the camera
 * and the deck layers (through `window.__fireOneMap`, set with `?test=1`), the side-panel tabs, and
 * the demo district's files as the tests' source of expectations (never hard-coded counts).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Where screenshots go (the folder viewer.test.ts and basemap.test.ts use). */
export const OUT = path.resolve('test-output');
/** The map has drawn its first view. */
export const READY = '[data-testid="explore"][data-map-status="ready"]';
/** Every source has settled and the map has drawn all of it. */
export const ALL_DRAWN = '[data-testid="explore"][data-all-drawn="true"]';
/** Generous: SwiftShader on a busy 2-core machine takes 30 s and more for the first map. */
export const SLOW_MS = 120_000;
/** Options for expect.poll: vitest waits only 1 s by default, too short for a render on SwiftShader. */
export const POLL = { timeout: 30_000 } as const;

export type LonLat = readonly [number, number];

/** What a page did that a test may want to judge afterwards. */
export interface Recorder {
  /** Every request URL (page and its workers). */
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  /** Console messages that mention a Content Security Policy (Chromium reports violations there). */
  cspMessages: string[];
}

/** Starts recording a page's requests, console errors, page errors and CSP reports. */
export function record(context: BrowserContext, page: Page): Recorder {
  const rec: Recorder = { requests: [], consoleErrors: [], pageErrors: [], cspMessages: [] };
  context.on('request', (request) => rec.requests.push(request.url()));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) rec.cspMessages.push(text);
    if (message.type() === 'error') rec.consoleErrors.push(`${text} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => rec.pageErrors.push(String(error)));
  return rec;
}

/** Opens `viewerUrl` with `?test=1` (plus `hash`) in a new page and waits until everything is drawn. */
export async function openExplore(context: BrowserContext, viewerUrl: string, hash = ''): Promise<{ page: Page; rec: Recorder }> {
  const page = await context.newPage();
  const rec = record(context, page);
  await page.goto(`${viewerUrl}?test=1${hash}`, { waitUntil: 'load' });
  await waitDrawn(page);
  return { page, rec };
}

/** Waits for the first map, then for every source to be drawn. */
export async function waitDrawn(page: Page): Promise<void> {
  await page.waitForSelector(READY, { timeout: SLOW_MS });
  await page.waitForSelector(ALL_DRAWN, { timeout: SLOW_MS });
}

/** Waits until the map has drawn what it was last given (camera moves included). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => window.__fireOneMap!.whenSettled());
}

/**
 * Reads a value until it satisfies `ok` or `timeoutMs` passes, and returns the last value read, so a
 * soft assertion can judge it and the test go on.
 */
export async function pollValue<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

/**
 * Takes a screenshot of the whole page into {@link OUT}, once the map has settled (on a CPU renderer
 * the overlay's frame for a new camera arrives a moment after the move ends; 10 s at most).
 */
export async function shot(page: Page, name: string): Promise<string> {
  await page.evaluate(() => {
    const handle = window.__fireOneMap;
    return handle ? Promise.race([handle.whenSettled(), new Promise((done) => setTimeout(done, 10_000))]) : undefined;
  }).catch(() => undefined);
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens a side-panel tab (layers, filter, summary, analysis, data). */
export async function openTab(page: Page, tab: 'layers' | 'filter' | 'summary' | 'analysis' | 'data'): Promise<void> {
  await page.locator(`[data-tab="${tab}"]`).click();
  await page.locator(`[data-tab="${tab}"][aria-selected="true"]`).waitFor({ timeout: 10_000 });
}

/**
 * The query of the URL's hash as key → decoded value (`#/?c=1,2,3&co=锦和村` → c, co). Values are
 * decoded whole, so a list reads `a,b`; absent keys are absent.
 */
export function hashParams(url: string): Map<string, string> {
  const hash = new URL(url).hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  const query = q >= 0 ? hash.slice(q + 1) : hash.includes('=') ? hash : '';
  const out = new Map<string, string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    out.set(decodeURIComponent(pair.slice(0, eq)), decodeURIComponent(pair.slice(eq + 1)));
  }
  return out;
}

/** The hash parameters of the page's current URL. */
export function pageHash(page: Page): Map<string, string> {
  return hashParams(page.url());
}

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

/** The map's camera now. */
export function camera(page: Page): Promise<Camera> {
  return page.evaluate(() => {
    const map = window.__fireOneMap!.map;
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
  });
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance in metres from a point to a segment, in a local flat projection around the point. */
export function metresToSegment(p: LonLat, a: LonLat, b: LonLat): number {
  const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
  const ky = 110_574;
  const ax = (a[0] - p[0]) * kx, ay = (a[1] - p[1]) * ky;
  const bx = (b[0] - p[0]) * kx, by = (b[1] - p[1]) * ky;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** One deck layer as `window.__fireOneMap.deckLayers()` reports it. */
export interface DeckLayerLook {
  id: string;
  visible: boolean;
  opacity: number;
}

/** The deck layers as last handed to the map. */
export function deckLayers(page: Page): Promise<DeckLayerLook[]> {
  return page.evaluate(() => window.__fireOneMap!.deckLayers());
}

/** The deck layers drawn for a thematic layer: its own id or `<id>-…` (the premises highlight excluded: it shows only a selection). */
export function layersOf(all: readonly DeckLayerLook[], layerId: string): DeckLayerLook[] {
  return all.filter((l) => (l.id === layerId || l.id.startsWith(`${layerId}-`)) && l.id !== 'premises-highlight');
}

/** Moves the map to a camera without animation and waits until it is drawn. */
export async function jumpTo(page: Page, at: LonLat, zoom: number): Promise<void> {
  await page.evaluate(([lon, lat, z]) => window.__fireOneMap!.map.jumpTo({ center: [lon, lat], zoom: z }), [at[0], at[1], zoom] as const);
  await settled(page);
}

/** Page coordinates (CSS pixels) of a longitude/latitude on the map. */
export async function screenPoint(page: Page, at: LonLat): Promise<{ x: number; y: number }> {
  const local = await page.evaluate(([lon, lat]) => {
    const p = window.__fireOneMap!.map.project([lon, lat]);
    return { x: p.x, y: p.y };
  }, [at[0], at[1]] as const);
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('the map element has no box');
  return { x: box.x + local.x, y: box.y + local.y };
}

/** A value made safe inside a double-quoted CSS attribute selector (data values may hold quotes). */
export function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/** Types into the search box, makes the hit of `kind`/`id` active with ArrowDown, and picks it with Enter. */
export async function searchAndPick(page: Page, query: string, kind: string, id: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.waitFor();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="search-input"]') as HTMLInputElement | null)?.disabled, undefined, { timeout: SLOW_MS });
  await input.fill(query);
  const list = page.locator('[data-testid="search-results"]');
  await list.locator(`[role="option"][data-kind="${kind}"][data-id="${cssString(id)}"]`).waitFor({ state: 'attached', timeout: 20_000 });
  await list.waitFor({ state: 'visible', timeout: 20_000 });
  const options = await list.locator('[role="option"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-id')}`));
  const at = options.indexOf(`${kind}:${id}`);
  if (at < 0) throw new Error(`${kind} ${id} is not among the hits: ${options.join(' ')}`);
  for (let i = 0; i <= at; i++) await input.press('ArrowDown');
  await page.waitForFunction(
    ([k, i]) => {
      const active = document.querySelector('[data-testid="search-results"] [aria-selected="true"]');
      return active?.getAttribute('data-kind') === k && active.getAttribute('data-id') === i;
    },
    [kind, id] as const,
    { timeout: 20_000 },
  );
  await input.press('Enter');
}

// ---------------------------------------------------------------------------------------------
// The demo district on disk

interface RawFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

/** A GeoJSON file of the data folder (or another folder), parsed. */
export function readGeoJson(file: string, folder = path.resolve('data')): { type: string; features: RawFeature[] } {
  return JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { type: string; features: RawFeature[] };
}

/**
 * Where the viewer anchors a feature: a point itself, else the vertex mean of the first outer ring
 * (the closing vertex left out), as src/analysis/common.ts's anchor does for premises.
 */
export function anchorOf(geometry: RawFeature['geometry']): LonLat {
  if (geometry.type === 'Point') return geometry.coordinates as LonLat;
  const ring = geometry.type === 'Polygon'
    ? (geometry.coordinates as number[][][])[0]
    : (geometry.coordinates as number[][][][])[0]?.[0];
  if (!ring || ring.length < 2) throw new Error(`no ring in ${geometry.type}`);
  const open = ring.slice(0, -1);
  return [open.reduce((s, p) => s + (p[0] ?? 0), 0) / open.length, open.reduce((s, p) => s + (p[1] ?? 0), 0) / open.length];
}

/** Line parts of a LineString or MultiLineString. */
export function lineParts(geometry: RawFeature['geometry']): LonLat[][] {
  return (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates) as LonLat[][];
}

/** Shortest distance in metres from a point to a line geometry. */
export function metresToLine(p: LonLat, geometry: RawFeature['geometry']): number {
  let best = Infinity;
  for (const part of lineParts(geometry)) {
    for (let i = 0; i + 1 < part.length; i++) best = Math.min(best, metresToSegment(p, part[i] as LonLat, part[i + 1] as LonLat));
  }
  return best;
}

/** The number in a text such as "39 米" or "1,234 m". */
export function numberIn(text: string): number {
  const m = /-?\d[\d,]*(\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0].replaceAll(',', ''));
}
