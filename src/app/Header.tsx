/** The header: product name and the language switch. */
import { useEffect } from 'preact/hooks';
import { LANGS, lang, setLang, t } from '../i18n/index.ts';

export function Header() {
  const current = lang.value;
  useEffect(() => {
    document.title = t('app.title');
  }, [current]);
  return (
    <header class="app-header" data-testid="header">
      <h1 class="app-title">{t('app.title')}</h1>
      <span class="app-subtitle">{t('app.subtitle')}</span>
      <div class="lang-switch" role="group" aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <button
            type="button"
            key={l}
            lang={l}
            class={l === current ? 'lang-option lang-option--active' : 'lang-option'}
            aria-pressed={l === current}
            data-testid={`lang-${l}`}
            onClick={() => setLang(l)}
          >
            {t(l === 'en' ? 'lang.en' : 'lang.zh-CN')}
          </button>
        ))}
      </div>
    </header>
  );
}
