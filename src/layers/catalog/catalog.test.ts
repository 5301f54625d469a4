import { describe, expect, it } from 'vitest';
import { FILTER_I18N_KEYS } from '../../app/filters.ts';
import { pendingLayerMessages } from '../../i18n/pending-layers.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { luminance } from '../palette-extra.ts';
import { DEFAULT_VISIBLE_LAYERS, LAYER_DRAW_ORDER, LAYER_I18N_KEYS, defaultLegends } from './index.ts';

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('layer catalog', () => {
  it('has unique ids, every legend belongs to a listed layer, and each layer has one legend', () => {
    expect(new Set(LAYER_DRAW_ORDER).size).toBe(LAYER_DRAW_ORDER.length);
    const legends = defaultLegends();
    expect(legends.map((l) => l.layerId).sort()).toEqual([...LAYER_DRAW_ORDER].sort());
    for (const legend of legends) expect(new Set(legend.items.map((i) => i.id)).size, legend.layerId).toBe(legend.items.length);
    expect(DEFAULT_VISIBLE_LAYERS.every((id) => LAYER_DRAW_ORDER.includes(id))).toBe(true);
    expect(DEFAULT_VISIBLE_LAYERS).not.toContain('hydrant-rings');
  });

  it('draws areas under lines under points, alarms last', () => {
    const at = (id: string) => LAYER_DRAW_ORDER.indexOf(id as never);
    expect(at('grids')).toBeLessThan(at('hazard-areas'));
    expect(at('hazard-areas')).toBeLessThan(at('fire-lanes'));
    expect(at('fire-lanes')).toBeLessThan(at('premises'));
    expect(LAYER_DRAW_ORDER.at(-1)).toBe('alarms');
  });
});

describe('pending messages (src/i18n/pending-layers.ts)', () => {
  const zh = pendingLayerMessages['zh-CN'] as Record<string, string>;
  const en = pendingLayerMessages.en as Record<string, string>;
  const wanted = [...new Set([...LAYER_I18N_KEYS, ...FILTER_I18N_KEYS])].sort();

  it('hold exactly the keys the layers and the filter use, in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(wanted);
    expect(Object.keys(en).sort()).toEqual(wanted);
  });

  it('have no empty text, the same placeholders, and no clash with the merged tables', () => {
    for (const key of wanted) {
      expect(zh[key]?.trim(), key).not.toBe('');
      expect(en[key]?.trim(), key).not.toBe('');
      expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
      expect(zh[key], key).not.toContain('|');
      expect(Object.hasOwn(zhCN, key), `${key} already in zh-CN.ts`).toBe(false);
    }
  });

  it('cover every message-key label of every legend (new keys pending, old ones in the tables)', () => {
    const keys = defaultLegends().flatMap((l) => [l.title, ...l.items.map((i) => i.label)]).flatMap((label) => ('key' in label ? [label.key] : []));
    for (const key of keys) expect(Object.hasOwn(zh, key) || Object.hasOwn(zhCN, key), key).toBe(true);
  });
});

describe('legend colours', () => {
  it('never use pure white or near-invisible fills except the hollow offline swatch', () => {
    for (const legend of defaultLegends()) {
      for (const item of legend.items) {
        if (legend.layerId === 'sensors' && item.id === 'offline') continue;
        expect(luminance(item.fill), `${legend.layerId}/${item.id}`).toBeLessThan(0.95);
      }
    }
  });
});
