/**
 * The map theme the user chose: `?theme=` in the query string first (for shared links and the wall
 * display's kiosk URL), then the last choice kept in localStorage, else light. Kept in localStorage,
 * like the language, because the URL hash is the route of the mode (#/wall).
 */
import { isThemeName, type ThemeName } from '../map/theme.ts';

const STORAGE_KEY = 'fire-one-map.theme';
/** The query parameter that picks a theme, e.g. `?theme=dark`. */
export const THEME_PARAM = 'theme';
export const DEFAULT_THEME: ThemeName = 'light';

/** The theme to start with. */
export function detectTheme(location: { search: string } | undefined, storage: Pick<Storage, 'getItem'> | undefined): ThemeName {
  const fromQuery = location ? new URLSearchParams(location.search).get(THEME_PARAM) : null;
  if (isThemeName(fromQuery)) return fromQuery;
  try {
    const stored = storage?.getItem(STORAGE_KEY);
    if (isThemeName(stored)) return stored;
  } catch {
    // Storage can throw (privacy mode); the default is fine then.
  }
  return DEFAULT_THEME;
}

/** Remembers a choice for the next visit; not persisting is acceptable (the switch still works). */
export function rememberTheme(name: ThemeName, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, name);
  } catch {
    // Quota or privacy mode: keep the choice for this visit only.
  }
}
