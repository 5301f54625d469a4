/** The header: product name, the map theme switch and the language switch. */
import { useEffect } from 'preact/hooks';
import { LANGS, lang, setLang, t, type MessageKey } from '../i18n/index.ts';
import { THEME_NAMES, type ThemeName } from '../map/theme.ts';
import { useAppState } from './state.ts';
import { rememberTheme } from './theme-choice.ts';

const THEME_LABELS: Readonly<Record<ThemeName, MessageKey>> = { light: 'theme.light', dark: 'theme.dark', field: 'theme.field' };

export function Header() {
  const state = useAppState();
  const current = lang.value;
  const theme = state.theme.value;
  useEffect(() => {
    document.title = t('app.title');
  }, [current]);
  const chooseTheme = (name: ThemeName) => {
    state.theme.value = name;
    rememberTheme(name);
  };
  return (
    <header class="app-header" data-testid="header">
      <h1 class="app-title">{t('app.title')}</h1>
      <span class="app-subtitle">{t('app.subtitle')}</span>
      <div class="header-switches">
        <div class="switch theme-switch" role="group" aria-label={t('theme.label')}>
          {THEME_NAMES.map((name) => (
            <button
              type="button"
              key={name}
              class={name === theme ? 'switch-option switch-option--active' : 'switch-option'}
              aria-pressed={name === theme}
              data-testid={`theme-${name}`}
              onClick={() => chooseTheme(name)}
            >
              {t(THEME_LABELS[name])}
            </button>
          ))}
        </div>
        <div class="switch lang-switch" role="group" aria-label={t('lang.label')}>
          {LANGS.map((l) => (
            <button
              type="button"
              key={l}
              lang={l}
              class={l === current ? 'switch-option switch-option--active' : 'switch-option'}
              aria-pressed={l === current}
              data-testid={`lang-${l}`}
              onClick={() => setLang(l)}
            >
              {t(l === 'en' ? 'lang.en' : 'lang.zh-CN')}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
