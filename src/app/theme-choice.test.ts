import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, detectTheme, rememberTheme } from './theme-choice.ts';
import { createAppState } from './state.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('theme choice', () => {
  it('defaults to light', () => {
    expect(DEFAULT_THEME).toBe('light');
    expect(detectTheme({ search: '' }, memoryStorage())).toBe('light');
    expect(detectTheme(undefined, undefined)).toBe('light');
  });

  it('remembers a choice, and ?theme= overrides it', () => {
    const storage = memoryStorage();
    rememberTheme('dark', storage);
    expect(detectTheme({ search: '' }, storage)).toBe('dark');
    expect(detectTheme({ search: '?theme=field&lang=en' }, storage)).toBe('field');
  });

  it('ignores unknown names and storage that throws', () => {
    expect(detectTheme({ search: '?theme=sepia' }, memoryStorage({ 'fire-one-map.theme': 'neon' }))).toBe('light');
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } };
    expect(detectTheme({ search: '' }, throwing)).toBe('light');
    expect(() => rememberTheme('dark', throwing)).not.toThrow();
  });

  it('is part of the app state, per instance', () => {
    const a = createAppState({ theme: 'dark' });
    const b = createAppState();
    expect(a.theme.value).toBe('dark');
    expect(b.theme.value).toBe('light');
    a.theme.value = 'field';
    expect(b.theme.value).toBe('light');
  });
});
