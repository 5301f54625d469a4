/**
 * The viewer's Content Security Policy and its single origin: the served index.html carries a CSP
 * meta that allows no inline script and no eval, has no inline script of its own, and a session that
 * goes through the whole explore mode (every tab, search and the card, an analysis in its worker, a
 * local file, another theme and language) reports no CSP violation and requests nothing but the
 * preview's own origin (data: and blob: URLs are in-page).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';
import { POLL, SLOW_MS, openTab, readGeoJson, record, shot, waitDrawn, type Recorder } from './explore-helpers.ts';

const viewerUrl = inject('viewerUrl');
const skipReason = inject('browserSkipReason');
if (!viewerUrl) console.warn(`[browser] CSP tests skipped: ${skipReason}`);

/** Directives of a CSP text: name → sources. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Decodes the few entities an attribute value of index.html may hold. */
const unescapeAttr = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

function recordViolations(): void {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
}

describe.skipIf(!viewerUrl)('Content Security Policy and origin', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let rec: Recorder;
  let html = '';

  beforeAll(async () => {
    html = await (await fetch(viewerUrl)).text();
    browser = await launchChromium();
    page = await browser.context.newPage();
    rec = record(browser.context, page);
    await page.addInitScript(recordViolations);
    await page.goto(`${viewerUrl}?test=1`, { waitUntil: 'load' });
    await waitDrawn(page);
  }, 2 * SLOW_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('index.html has a CSP meta without unsafe-inline or unsafe-eval for scripts, and no inline script', () => {
    const metas = [...html.matchAll(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)].map((m) => m[0]);
    expect(metas).toHaveLength(1);
    const content = /content="([^"]*)"/i.exec(metas[0]!)?.[1];
    expect(content).toBeTruthy();
    const csp = directives(unescapeAttr(content!));
    const scriptSources = csp.get('script-src') ?? csp.get('default-src') ?? [];
    expect(scriptSources.length).toBeGreaterThan(0);
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
      expect(scriptSources, `script-src ${bad}`).not.toContain(bad);
    }
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Everything the page fetches stays on its origin.
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // Inline scripts would need 'unsafe-inline' (or a hash) to run: the page must have none.
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc=/.test(m[1] ?? '') && (m[2] ?? '').trim() !== '');
    expect(inline.map((m) => m[0].slice(0, 120))).toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('goes through the explore mode without a CSP violation', async () => {
    for (const tab of ['filter', 'summary', 'analysis', 'data', 'layers'] as const) await openTab(page, tab);

    // Search and the card.
    const premise = readGeoJson('premises.geojson').features[0]!;
    const input = page.getByTestId('search-input');
    await input.fill(String(premise.properties['id']));
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('premise-card').getAttribute('data-premise'), { timeout: 30_000 }).toBe(String(premise.properties['id']));

    // An analysis in its worker (a quick one).
    await openTab(page, 'analysis');
    const item = page.locator('[data-analysis]').first();
    await item.locator('.analysis-button--primary').click();
    await expect.poll(() => item.getAttribute('class'), { timeout: 180_000 }).toMatch(/analysis-item--(done|error)/);

    // A local file, read in the page and parsed in the sources worker.
    const hydrants = readGeoJson('hydrants.geojson').features.slice(0, 1).map((h) => ({ ...h, properties: { ...h.properties, id: 'CSP-H1' } }));
    await page.locator('input.file-drop-input[type="file"]').setInputFiles({
      name: 'csp-hydrants.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: hydrants })),
    });
    await expect.poll(() => page.locator('[data-testid="drop-report"] [data-file="csp-hydrants.geojson"]').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('accepted');
    await page.locator('.drop-report-close').click();

    // Another theme (a new basemap style) and language, then back.
    await page.getByTestId('theme-dark').click();
    await expect.poll(() => page.getByTestId('explore').getAttribute('data-theme'), POLL).toBe('dark');
    await page.evaluate(() => window.__fireOneMap!.whenSettled());
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), POLL).toBe('en');
    await shot(page, 'csp-session');
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('theme-light').click();
    await expect.poll(() => page.getByTestId('explore').getAttribute('data-theme'), POLL).toBe('light');

    const events = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(events).toEqual([]);
    expect(rec.cspMessages).toEqual([]);
    expect(rec.pageErrors).toEqual([]);
  }, 5 * SLOW_MS);

  it('requested nothing outside the preview origin', () => {
    const origin = new URL(viewerUrl).origin;
    const foreign = rec.requests.filter((url) => {
      const u = new URL(url);
      return u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== origin;
    });
    expect(foreign).toEqual([]);
    expect(rec.requests.some((u) => u.startsWith(`${origin}/data/manifest.json`))).toBe(true);
    expect(rec.requests.some((u) => u.startsWith(`${origin}/tiles/`))).toBe(true);
  });

  it('would have seen a violation: an inline script added now is refused and reported', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = 1';
      document.head.append(script);
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length), POLL).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: number }).__inlineRan)).toBeUndefined();
    await expect.poll(() => rec.cspMessages.length, POLL).toBeGreaterThan(0);
  });
});
