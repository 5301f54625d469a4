/**
 * Translation: one `t(key, params)` for UI text, plus helpers that take labels of data-contract
 * values (enums, kinds) from the contract itself and translate load-report entries by their code.
 *
 * The current language is a signal, so a Preact component that calls `t` during render re-renders
 * when the language changes. The choice is kept in localStorage (not the URL hash: the hash is the
 * route of the mode, e.g. `#/wall`); `?lang=en` in the query string overrides it for shared links.
 */
import { signal } from '@preact/signals';
import { ENUMS, KINDS, enumLabel, type EnumName, type FieldDef, type Kind } from '../sources/contract/index.ts';
import type { ReportEntry } from '../sources/report.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

/** Languages of the UI; the first is the default. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

const TABLES: Readonly<Record<Lang, { readonly [K in MessageKey]: string }>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'fire-one-map.lang';

/** The current UI language. Write through `setLang` so the choice is persisted and <html lang> follows. */
export const lang = signal<Lang>('zh-CN');

/** Narrows an arbitrary string to a supported language. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Whether `key` is a message key (for keys built at run time, such as report codes). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/**
 * Translates a message key into the current language, filling `{name}` placeholders. A message
 * written `one|other` is a plural, picked by the numeric param `count`.
 * An unknown placeholder is left as written, so a missing parameter is visible rather than blank.
 * @example t('status.loaded', { kept: 12 }) // '已加载 12 条'
 */
export function t(key: MessageKey, params?: MessageParams, language: Lang = lang.value): string {
  let template = TABLES[language][key];
  if (!params) return template;
  // Plurals: "one form|other form", chosen by a numeric `count` (English needs it; Chinese does not).
  const count = params['count'];
  if (typeof count === 'number' && template.includes('|')) {
    const [one = '', other = one] = template.split('|');
    template = new Intl.PluralRules(language).select(count) === 'one' ? one : other;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Label of a contract enum value in the current language (the value itself when unknown). */
export function enumText(name: EnumName, value: string, language: Lang = lang.value): string {
  return enumLabel(name, value, language === 'zh-CN' ? 'zh' : 'en');
}

/** Name of an enumeration itself, e.g. 消火栓状态 / hydrant status. */
export function enumTitle(name: EnumName, language: Lang = lang.value): string {
  return language === 'zh-CN' ? ENUMS[name].zh : ENUMS[name].en;
}

/** Label of a kind of export, e.g. 市政消火栓 / hydrants. */
export function kindText(kind: Kind, language: Lang = lang.value): string {
  return language === 'zh-CN' ? KINDS[kind].zh : KINDS[kind].en;
}

/** First letter upper-cased, for contract labels (written lower-case for use in sentences) used as titles. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * Label of a property path of a kind in the current language, e.g. `hazards[2].deadline` of premises
 * → `隐患[2].整改期限`. Segments the contract does not know are kept as written.
 */
export function fieldText(kind: Kind, path: string, language: Lang = lang.value): string {
  let fields: Readonly<Record<string, FieldDef>> | undefined = KINDS[kind].fields;
  return path
    .split('.')
    .map((segment) => {
      const match = /^([^[]+)(.*)$/.exec(segment);
      const name = match?.[1] ?? segment;
      const def: FieldDef | undefined = fields?.[name];
      if (!def && name === 'geometry' && fields === KINDS[kind].fields) return t('field.geometry', undefined, language);
      fields = def && def.type === 'object[]' ? def.item.fields : undefined;
      return def ? (language === 'zh-CN' ? def.zh : def.en) + (match?.[2] ?? '') : segment;
    })
    .join('.');
}

/**
 * A load-report entry as a sentence in the current language, translated by its code with its params
 * (an `enum` param becomes the enumeration's name). A code without a translation falls back to the
 * loader's English message, so a new code is never hidden, only untranslated.
 */
export function reportText(entry: ReportEntry, language: Lang = lang.value): string {
  const key = `report.${entry.code}`;
  if (!hasMessage(key)) return entry.message;
  const params: Record<string, string | number> = { ...entry.params };
  const enumName = params['enum'];
  if (typeof enumName === 'string' && Object.hasOwn(ENUMS, enumName)) params['enum'] = enumTitle(enumName as EnumName, language);
  return t(key, params, language);
}

/** Reads the language chosen earlier: `?lang=` first, then localStorage, else the default. */
export function detectLang(location: { search: string } | undefined, storage: Pick<Storage, 'getItem'> | undefined): Lang {
  const fromQuery = location ? new URLSearchParams(location.search).get('lang') : null;
  if (isLang(fromQuery)) return fromQuery;
  try {
    const stored = storage?.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage can throw (privacy mode, file:// in some browsers); the default is fine then.
  }
  return LANGS[0];
}

/**
 * Switches the language, remembers it, and updates `<html lang>` so the browser picks CJK or Latin
 * fonts and screen readers the right voice.
 */
export function setLang(next: Lang, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  lang.value = next;
  try {
    storage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisting is acceptable; the switch still works for this visit.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** Boot: adopt the remembered language without writing it back. */
export function initLang(): Lang {
  const found = detectLang(globalThis.location, globalThis.localStorage);
  lang.value = found;
  if (typeof document !== 'undefined') document.documentElement.lang = found;
  return found;
}
