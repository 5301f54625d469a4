/**
 * Keeps the URL hash and the app state in step: a link opens the view it was copied from, and the
 * address bar always holds a link to what is on screen. Reading happens at boot and on `hashchange`
 * (back/forward, a pasted link); writing uses `history.replaceState`, debounced, so panning does not
 * fill the history with entries.
 */
import { effect } from '@preact/signals';
import { lang, setLang } from '../i18n/index.ts';
import type { AppState } from './state.ts';
import { DEFAULT_URL_STATE, parseUrlState, sameUrlState, serializeUrlState, type Mode, type UrlState } from './url-state.ts';

/** What the sync needs of the page; tests pass their own. */
export interface UrlHost {
  readonly location: { hash: string; pathname: string; search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

export interface UrlSyncOptions {
  /** Milliseconds between the last change and the write. Default 250. */
  debounceMs?: number;
}

/**
 * The state's part of a link, now. `mode` is kept from the link (one mode per route). Language and
 * theme are a person's own settings (kept in localStorage): a link may carry them, and they apply
 * when it is opened, but the address is not rewritten with them, so a reload keeps what the person
 * last chose rather than what an old link said.
 */
export function urlStateOf(state: AppState, mode: Mode): UrlState {
  const camera = state.camera.value;
  return {
    camera: camera ? { lon: camera.lon, lat: camera.lat, zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch } : null,
    mode,
    layers: state.visibleLayers.value,
    filter: state.filter.value,
    selection: state.selection.value,
    lang: DEFAULT_URL_STATE.lang,
    theme: DEFAULT_URL_STATE.theme,
  };
}

/**
 * Puts a link's state into the app. Camera, layers, language and theme only when the link names
 * them: otherwise the person's own choice (stored language and theme, default layers) stays.
 */
export function applyUrlState(state: AppState, url: UrlState, hash: string): void {
  if (url.camera) state.camera.value = { ...url.camera };
  if (hasKey(hash, 'l')) state.showOnly(url.layers);
  state.filter.value = url.filter;
  state.selection.value = url.selection;
  if (hasKey(hash, 'theme')) state.theme.value = url.theme;
  if (hasKey(hash, 'lang') && url.lang !== lang.value) setLang(url.lang);
}

/** Whether a hash carries `key` in its query. */
export function hasKey(hash: string, key: string): boolean {
  const q = hash.indexOf('?');
  const query = q >= 0 ? hash.slice(q + 1) : hash.includes('=') ? hash.replace(/^#/, '') : '';
  return query.split('&').some((part) => part.split('=')[0] === key);
}

/**
 * Reads the hash into `state`, then writes every later change back. Returns the mode of the link
 * and a function that stops the sync.
 */
export function startUrlSync(state: AppState, host: UrlHost, options: UrlSyncOptions = {}): { mode: Mode; stop(): void } {
  const debounceMs = options.debounceMs ?? 250;
  applyUrlState(state, parseUrlState(host.location.hash), host.location.hash);
  let current = urlStateOf(state, parseUrlState(host.location.hash).mode);
  const mode = current.mode;
  // Written only after a change: opening a bare link leaves the address as it was.
  let written = host.location.hash.replace(/^#/, '');
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = () => {
    timer = undefined;
    const next = urlStateOf(state, mode);
    if (sameUrlState(next, current)) return;
    current = next;
    const text = serializeUrlState(next);
    written = text.replace(/^#/, '');
    host.history.replaceState(null, '', `${host.location.pathname}${host.location.search}${text}`);
  };
  const stopEffect = effect(() => {
    // Read every signal the link holds, so the effect re-runs when any changes.
    urlStateOf(state, mode);
    if (timer === undefined) timer = setTimeout(write, debounceMs);
  });
  const onHashChange = () => {
    const hash = host.location.hash.replace(/^#/, '');
    if (hash === written) return;
    written = hash;
    applyUrlState(state, parseUrlState(hash), hash);
    current = urlStateOf(state, mode);
  };
  host.addEventListener('hashchange', onHashChange);
  return {
    mode,
    stop() {
      stopEffect();
      if (timer !== undefined) clearTimeout(timer);
      host.removeEventListener('hashchange', onHashChange);
    },
  };
}
