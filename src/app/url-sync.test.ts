import { afterEach, describe, expect, it, vi } from 'vitest';
import { lang } from '../i18n/index.ts';
import { createAppState } from './state.ts';
import { hasKey, startUrlSync, type UrlHost } from './url-sync.ts';

function fakeHost(hash: string) {
  const listeners = new Set<() => void>();
  const host: UrlHost & { writes: string[]; navigate(h: string): void } = {
    location: { hash, pathname: '/', search: '' },
    writes: [],
    history: {
      replaceState(_data, _unused, url) {
        const h = (url ?? '').slice((url ?? '').indexOf('#'));
        host.location.hash = h;
        host.writes.push(h);
      },
    },
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
    navigate(h) {
      host.location.hash = h;
      for (const l of listeners) l();
    },
  };
  return host;
}

afterEach(() => {
  vi.useRealTimers();
  lang.value = 'zh-CN';
});

describe('URL sync', () => {
  it('restores camera, layers, filter and selection from a link', () => {
    const state = createAppState();
    const sync = startUrlSync(state, fakeHost('#/?c=118.58,24.8,16&l=hydrant-rings,-grids&co=锦和村&st=overdue&sev=major&sel=P00001'));
    expect(state.camera.value).toMatchObject({ lon: 118.58, lat: 24.8, zoom: 16 });
    expect(state.isLayerVisible('hydrant-rings')).toBe(true);
    expect(state.isLayerVisible('grids')).toBe(false);
    expect(state.filter.value.communities).toEqual(['锦和村']);
    expect(state.filter.value.statuses).toEqual(['overdue']);
    expect(state.filter.value.severities).toEqual(['major']);
    expect(state.selection.value).toBe('P00001');
    sync.stop();
  });

  it('keeps the default layers and the stored language when the link does not name them', () => {
    lang.value = 'en';
    const state = createAppState();
    const sync = startUrlSync(state, fakeHost('#/?sel=P00002'));
    expect(state.visibleLayers.value).toContain('premises');
    expect(state.isLayerVisible('sensors')).toBe(false);
    expect(lang.value).toBe('en');
    sync.stop();
  });

  it('writes changes back once, debounced, and reads back what it wrote', () => {
    vi.useFakeTimers();
    const host = fakeHost('');
    const state = createAppState();
    const sync = startUrlSync(state, host, { debounceMs: 100 });
    state.selection.value = 'P00003';
    state.filter.value = { ...state.filter.value, statuses: ['overdue'] };
    state.toggleLayer('sensors');
    expect(host.writes).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(host.writes).toHaveLength(1);
    const written = host.writes[0] ?? '';
    expect(written).toContain('sel=P00003');
    expect(written).toContain('st=overdue');
    expect(written).toContain('sensors');
    const reopened = createAppState();
    startUrlSync(reopened, fakeHost(written)).stop();
    expect(reopened.selection.value).toBe('P00003');
    expect(reopened.filter.value.statuses).toEqual(['overdue']);
    expect(reopened.isLayerVisible('sensors')).toBe(true);
    sync.stop();
  });

  it('follows back/forward (hashchange) and ignores its own writes', () => {
    vi.useFakeTimers();
    const host = fakeHost('');
    const state = createAppState();
    const sync = startUrlSync(state, host, { debounceMs: 10 });
    host.navigate('#/?sel=P00009');
    expect(state.selection.value).toBe('P00009');
    vi.advanceTimersByTime(50);
    expect(host.writes).toEqual([]);
    sync.stop();
  });

  it('applies a link\'s theme but does not write the person\'s theme or language into the address', () => {
    vi.useFakeTimers();
    const host = fakeHost('#/?theme=dark&sel=P1');
    const state = createAppState();
    const sync = startUrlSync(state, host, { debounceMs: 10 });
    expect(state.theme.value).toBe('dark');
    state.theme.value = 'field';
    state.selection.value = 'P2';
    vi.advanceTimersByTime(50);
    expect(host.writes.at(-1)).toBe('#/?sel=P2');
    sync.stop();
  });

  it('finds keys in routed and bare hashes', () => {
    expect(hasKey('#/?l=grids&sel=x', 'l')).toBe(true);
    expect(hasKey('#l=grids', 'l')).toBe(true);
    expect(hasKey('#/wall', 'l')).toBe(false);
    expect(hasKey('#/?lang=en', 'l')).toBe(false);
  });
});
