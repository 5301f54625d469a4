import { afterEach, describe, expect, it } from 'vitest';
import { hydrantsLegend } from '../layers/hydrants/index.ts';
import { premisesLegend } from '../layers/premises/index.ts';
import { REPORT_CODES } from '../sources/codes.ts';
import type { ReportEntry } from '../sources/report.ts';
import { en } from './en.ts';
import { detectLang, enumText, fieldText, hasMessage, kindText, lang, reportText, setLang, t } from './index.ts';
import { MESSAGE_PARTS } from './parts/index.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

afterEach(() => {
  lang.value = 'zh-CN';
});

describe('message tables', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have no empty message and the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
      // "|" separates plural forms; Chinese has none, so a "|" there would be a mistake.
      expect(zhCN[key], key).not.toContain('|');
    }
  });

  it('are made of parts that never share a key (a later part would silently win)', () => {
    const seen = new Map<string, string>();
    for (const [name, part] of Object.entries(MESSAGE_PARTS)) {
      expect(Object.keys(part.en).sort(), name).toEqual(Object.keys(part.zh).sort());
      for (const key of Object.keys(part.zh)) {
        expect(seen.get(key), `${key} in parts ${seen.get(key)} and ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it('translate every load-report code, and only real codes', () => {
    const codes = Object.keys(REPORT_CODES);
    for (const code of codes) expect(hasMessage(`report.${code}`), code).toBe(true);
    const reportKeys = Object.keys(zhCN).filter((k) => k.startsWith('report.')).map((k) => k.slice('report.'.length));
    expect(reportKeys.filter((k) => !codes.includes(k))).toEqual([]);
  });

  it('only use placeholders that the report code carries', () => {
    for (const [code, def] of Object.entries(REPORT_CODES)) {
      const key = `report.${code}`;
      if (!hasMessage(key)) continue;
      for (const p of placeholders(zhCN[key])) expect(def.params as readonly string[], `${code} uses {${p}}`).toContain(p);
    }
  });

  it('hold every label key the layer legends use', () => {
    for (const entry of [hydrantsLegend(), premisesLegend()]) {
      for (const ref of [entry.title, ...entry.items.map((i) => i.label)]) {
        if ('key' in ref) expect(hasMessage(ref.key), ref.key).toBe(true);
      }
    }
  });
});

describe('t', () => {
  it('translates into the current language and fills placeholders', () => {
    expect(t('app.title')).toBe('消防安全一张图');
    expect(t('status.loaded', { kept: 12 })).toBe('已加载 12 条');
    lang.value = 'en';
    expect(t('app.title')).toBe('Fire Safety One-Map');
    expect(t('status.loaded', { kept: 3 }, 'zh-CN')).toBe('已加载 3 条');
  });

  it('picks plural forms by count in English', () => {
    expect(t('status.errors', { count: 1 }, 'en')).toBe('1 error');
    expect(t('status.errors', { count: 3 }, 'en')).toBe('3 errors');
    expect(t('status.errors', { count: 1 }, 'zh-CN')).toBe('1 个错误');
  });

  it('leaves a missing placeholder visible', () => {
    expect(t('status.loaded')).toBe('已加载 {kept} 条');
  });
});

describe('labels from the data contract', () => {
  it('give enum values and kinds in both languages', () => {
    expect(enumText('hydrant_status', 'in_service')).toBe('正常');
    expect(enumText('hydrant_status', 'in_service', 'en')).toBe('in service');
    expect(enumText('hydrant_status', 'made-up')).toBe('made-up');
    expect(kindText('hydrants')).toBe('市政消火栓');
    expect(kindText('hydrants', 'en')).toBe('hydrants');
  });

  it('translate property paths, nested items included', () => {
    expect(fieldText('premises', 'hazards[2].deadline')).toBe('隐患[2].整改期限');
    expect(fieldText('premises', 'hazards[0].enforcement[1].type', 'en')).toBe('hazards[0].enforcement actions[1].action');
    expect(fieldText('hydrants', 'status')).toBe('状态');
    expect(fieldText('hydrants', 'geometry')).toBe('几何图形');
    expect(fieldText('hydrants', 'no_such_field')).toBe('no_such_field');
  });
});

describe('reportText', () => {
  const entry = (code: string, params: ReportEntry['params'] = {}): ReportEntry => ({ severity: 'warning', file: 'h.geojson', code, message: `English: ${code}`, params });

  it('translates by code with params, naming the enumeration', () => {
    expect(reportText(entry('enum.unknown', { value: '坏了', enum: 'hydrant_status' }))).toBe('无法识别的消火栓状态取值“坏了”');
    expect(reportText(entry('enum.unknown', { value: 'x', enum: 'hydrant_status' }), 'en')).toBe('Unrecognised hydrant status value "x"');
    expect(reportText(entry('file.too_large', { limitMiB: 64 }))).toBe('文件超过 64 MiB 上限，未读取');
  });

  it('falls back to the loader message for a code it does not know', () => {
    expect(reportText(entry('brand.new'))).toBe('English: brand.new');
  });
});

describe('language choice', () => {
  const store = (value: string | null) => ({ getItem: () => value });

  it('prefers ?lang=, then storage, then Chinese', () => {
    expect(detectLang({ search: '?lang=en' }, store('zh-CN'))).toBe('en');
    expect(detectLang({ search: '' }, store('en'))).toBe('en');
    expect(detectLang({ search: '?lang=fr' }, store('nonsense'))).toBe('zh-CN');
    expect(detectLang(undefined, undefined)).toBe('zh-CN');
  });

  it('survives a storage that throws', () => {
    const throwing = { getItem: () => { throw new Error('denied'); } };
    expect(detectLang({ search: '' }, throwing)).toBe('zh-CN');
  });

  it('persists a switch', () => {
    const saved: Record<string, string> = {};
    setLang('en', { setItem: (k, v) => { saved[k] = v; } });
    expect(lang.value).toBe('en');
    expect(Object.values(saved)).toEqual(['en']);
    expect(detectLang({ search: '' }, { getItem: (k) => saved[k] ?? null })).toBe('en');
  });
});
