/**
 * Launching the machine's Chromium for browser tests: playwright-core drives /usr/bin/chromium (never
 * a downloaded browser), with a fresh profile each time and flags that work headless on a machine
 * without a GPU (WebGL2 then runs on SwiftShader, so MapLibre and deck.gl really draw).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian's chromium package puts the browser; `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
] as const;

/** Null when Chromium can run here; otherwise why not, for the skip notice. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found (apt-get install -y chromium fonts-noto-cjk)`;
}

/**
 * Null when fontconfig knows a Simplified Chinese font; otherwise why not. Without one, Chromium
 * draws Chinese as boxes, in the page and in map labels, and the screenshots are worthless.
 */
export function cjkFontMissing(): string | null {
  const run = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  if (run.error) return 'fc-list not available (fontconfig), cannot check for CJK fonts';
  return run.stdout.trim() ? null : 'no Simplified Chinese font installed (apt-get install -y fonts-noto-cjk)';
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh user-data-dir (removed on close) and a 1280×800 window. */
export async function launchChromium(options: { locale?: string } = {}): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'fire-one-map-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
