import { describe, expect, it } from 'vitest';
import { FILTER_I18N_KEYS } from '../../app/filters.ts';
import { hasMessage } from '../../i18n/index.ts';
import { luminance } from '../palette-extra.ts';
import { DEFAULT_VISIBLE_LAYERS, LAYER_DRAW_ORDER, LAYER_I18N_KEYS, defaultLegends } from './index.ts';

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

describe('layer messages (src/i18n/parts/layers.ts)', () => {
  const keys = [...new Set([...LAYER_I18N_KEYS, ...FILTER_I18N_KEYS])].sort();

  it('are in the one message table for every key the layers and the filter use', () => {
    for (const key of keys) expect(hasMessage(key), key).toBe(true);
  });

  it('cover every message-key label of every legend', () => {
    const labels = defaultLegends().flatMap((l) => [l.title, ...l.items.map((i) => i.label)]).flatMap((label) => ('key' in label ? [label.key] : []));
    for (const key of labels) expect(hasMessage(key), key).toBe(true);
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
