import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Layer } from '@deck.gl/core';
import type { CollectionOf, Hazard } from '../../sources/contract/index.ts';
import { ALL_PREMISE_CATEGORIES } from './groups.ts';
import {
  PREMISES_HIGHLIGHT_LAYER_ID, PREMISES_LAYER_ID, PREMISES_SYMBOLS_LAYER_ID, PREMISES_SYMBOL_OUTLINES_LAYER_ID, PREMISE_GROUPS,
  PREMISE_GROUP_ORDER, PREMISE_GROUP_SHAPES, createPremisesLayer, premiseGroup, premisesLegend, type PremiseFeature,
} from './index.ts';
import { RISK_COLORS, RISK_LEVELS } from './risk.ts';
import { SYMBOL_ATLAS } from './symbols.ts';

/** Node has no canvas: a stand-in whose 2D context accepts every call, so the symbol layers get an atlas. */
class FakeOffscreenCanvas {
  constructor(readonly width: number, readonly height: number) {}
  getContext() {
    return new Proxy({}, { get: () => () => undefined, set: () => true });
  }
}
beforeAll(() => vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas));
afterAll(() => vi.unstubAllGlobals());

const NOW = new Date('2026-11-27T08:00:00+08:00');
const OVERDUE_MAJOR: Hazard = { id: 'H1', type: 'other', severity: 'major', status: 'open', found_at: '2026-01-01', deadline: '2026-11-20' };
const point = (id: string, categories: PremiseFeature['properties']['categories'], more: Partial<PremiseFeature['properties']> = {}): PremiseFeature => ({
  type: 'Feature',
  properties: { id, name: id, categories, ...more },
  geometry: { type: 'Point', coordinates: [120.1, 30.2] },
});
const area = (id: string, categories: PremiseFeature['properties']['categories']): PremiseFeature => ({
  type: 'Feature',
  properties: { id, name: id, categories },
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const school = point('a', ['school'], { hazards: [OVERDUE_MAJOR], employees: 80, key_unit: true });
const factory = area('b', ['factory']);
const data: CollectionOf<'premises'> = { type: 'FeatureCollection', features: [school, factory] };

const byId = (layers: Layer[], id: string): Layer => {
  const layer = layers.find((l) => l.id === id);
  if (!layer) throw new Error(`no layer ${id}`);
  return layer;
};
const props = (layer: Layer) => layer.props as unknown as Record<string, unknown>;
const accessor = <T>(layer: Layer, name: string) => props(layer)[name] as (f: PremiseFeature) => T;

describe('premise groups', () => {
  it('put every contract category in exactly one group', () => {
    const all = PREMISE_GROUP_ORDER.flatMap((g) => PREMISE_GROUPS[g]);
    expect([...all].sort()).toEqual([...ALL_PREMISE_CATEGORIES].sort());
  });

  it('pick the most urgent group of several categories', () => {
    expect(premiseGroup(['restaurant', 'three_in_one'])).toBe('mixed_use');
    expect(premiseGroup(['factory', 'kindergarten'])).toBe('people_at_risk');
    expect(premiseGroup([])).toBe('other');
    expect(premiseGroup(['not-a-category'])).toBe('other');
  });
});

describe('createPremisesLayer', () => {
  it('returns footprints, halo, symbol outlines and symbols, bottom to top, with stable ids', () => {
    expect(createPremisesLayer(data, { now: NOW }).map((l) => l.id)).toEqual([
      PREMISES_LAYER_ID, PREMISES_HIGHLIGHT_LAYER_ID, PREMISES_SYMBOL_OUTLINES_LAYER_ID, PREMISES_SYMBOLS_LAYER_ID,
    ]);
    expect([PREMISES_LAYER_ID, PREMISES_SYMBOLS_LAYER_ID]).toEqual(['premises', 'premises-symbols']);
  });

  it('is visible by default (the halo only with a selection) and hides every part with visible: false', () => {
    const shown = createPremisesLayer(data, { now: NOW });
    expect(shown.map((l) => [l.id, l.props.visible])).toEqual([
      [PREMISES_LAYER_ID, true], [PREMISES_HIGHLIGHT_LAYER_ID, false], [PREMISES_SYMBOL_OUTLINES_LAYER_ID, true], [PREMISES_SYMBOLS_LAYER_ID, true],
    ]);
    const hidden = createPremisesLayer(data, { now: NOW, visible: false, highlightId: 'a' });
    expect(hidden.every((l) => l.props.visible === false)).toBe(true);
  });

  it('leaves out footprints and symbol outlines when told (zoomed far out), never the symbols', () => {
    const far = createPremisesLayer(data, { now: NOW, footprintsVisible: false, symbolOutlinesVisible: false });
    expect(far.map((l) => [l.id, l.props.visible])).toEqual([
      [PREMISES_LAYER_ID, false], [PREMISES_HIGHLIGHT_LAYER_ID, false], [PREMISES_SYMBOL_OUTLINES_LAYER_ID, false], [PREMISES_SYMBOLS_LAYER_ID, true],
    ]);
    // Hidden by the legend toggle, nothing comes back through these.
    const off = createPremisesLayer(data, { now: NOW, visible: false, footprintsVisible: true, symbolOutlinesVisible: true });
    expect(off.every((l) => l.props.visible === false)).toBe(true);
  });

  it('draws footprints only for polygon premises, symbols for all, on the painted atlas', () => {
    const layers = createPremisesLayer(data, { now: NOW });
    expect((props(byId(layers, PREMISES_LAYER_ID))['data'] as CollectionOf<'premises'>).features).toEqual([factory]);
    const symbols = byId(layers, PREMISES_SYMBOLS_LAYER_ID);
    expect(new Set(props(symbols)['data'] as PremiseFeature[])).toEqual(new Set([school, factory]));
    expect(props(symbols)['iconAtlas']).toBeInstanceOf(FakeOffscreenCanvas);
    expect(props(symbols)['iconMapping']).toBe(SYMBOL_ATLAS.mapping);
  });

  it('colours symbols by risk: an overdue major hazard is high, none is grey', () => {
    const symbols = byId(createPremisesLayer(data, { now: NOW }), PREMISES_SYMBOLS_LAYER_ID);
    const getColor = accessor<number[]>(symbols, 'getColor');
    expect(getColor(school)).toEqual([...RISK_COLORS.high, 255]);
    expect(getColor(factory)).toEqual([...RISK_COLORS.none, 255]);
    const footprints = byId(createPremisesLayer(data, { now: NOW, areaAlpha: 99 }), PREMISES_LAYER_ID);
    expect(accessor<number[]>(footprints, 'getFillColor')(factory)).toEqual([...RISK_COLORS.none, 99]);
  });

  it('picks the icon by group with the ringed variant for key units, and sizes key units larger', () => {
    const layers = createPremisesLayer(data, { now: NOW });
    const symbols = byId(layers, PREMISES_SYMBOLS_LAYER_ID);
    const outlines = byId(layers, PREMISES_SYMBOL_OUTLINES_LAYER_ID);
    expect(accessor<string>(symbols, 'getIcon')(school)).toBe('people_at_risk.key');
    expect(accessor<string>(outlines, 'getIcon')(factory)).toBe('industrial.outline');
    const getSize = accessor<number>(symbols, 'getSize');
    expect(getSize(school)).toBeGreaterThan(getSize(point('c', ['school'], { employees: 80 })));
    expect(accessor<number>(outlines, 'getSize')(school)).toBe(getSize(school));
  });

  it('restyles without new data: same arrays, same triggers within a day; the day changes the colour trigger', () => {
    const a = createPremisesLayer(data, { now: NOW });
    const b = createPremisesLayer(data, { now: new Date(NOW.getTime() + 3_600_000), sizeBy: 'none' });
    const c = createPremisesLayer(data, { now: new Date(NOW.getTime() + 86_400_000) });
    for (const id of [PREMISES_LAYER_ID, PREMISES_SYMBOLS_LAYER_ID]) expect(props(byId(b, id))['data']).toBe(props(byId(a, id))['data']);
    const triggers = (layers: Layer[]) => props(byId(layers, PREMISES_SYMBOLS_LAYER_ID))['updateTriggers'] as Record<string, unknown[]>;
    expect(triggers(b)['getColor']).toEqual(triggers(a)['getColor']);
    expect(triggers(b)['getSize']).not.toEqual(triggers(a)['getSize']);
    expect(triggers(c)['getColor']).not.toEqual(triggers(a)['getColor']);
  });

  it('shows the selected premise with a halo and tints a selected footprint', () => {
    const layers = createPremisesLayer(data, { now: NOW, highlightId: 'b' });
    const halo = byId(layers, PREMISES_HIGHLIGHT_LAYER_ID);
    expect(halo.props.visible).toBe(true);
    expect(props(halo)['data']).toEqual([factory]);
    expect(props(byId(layers, PREMISES_LAYER_ID))['highlightedObjectIndex']).toBe(0);
    const again = createPremisesLayer(data, { now: NOW, highlightId: 'b' });
    expect(props(byId(again, PREMISES_HIGHLIGHT_LAYER_ID))['data']).toBe(props(halo)['data']);
    const unknown = createPremisesLayer(data, { now: NOW, highlightId: 'nope' });
    expect(byId(unknown, PREMISES_HIGHLIGHT_LAYER_ID).props.visible).toBe(false);
    expect(props(byId(unknown, PREMISES_LAYER_ID))['highlightedObjectIndex']).toBe(-1);
  });
});

describe('premisesLegend', () => {
  it('by risk: the levels most serious first, then one shape per group, then the key-unit ring', () => {
    const legend = premisesLegend();
    expect(legend.layerId).toBe(PREMISES_LAYER_ID);
    expect(legend.title).toEqual({ key: 'legend.premises.by_risk' });
    expect(legend.items.map((i) => i.id)).toEqual([...[...RISK_LEVELS].reverse(), ...PREMISE_GROUP_ORDER, 'key_unit']);
    for (const level of RISK_LEVELS) expect(legend.items.find((i) => i.id === level)?.fill).toEqual(RISK_COLORS[level]);
    for (const group of PREMISE_GROUP_ORDER) {
      const item = legend.items.find((i) => i.id === group);
      expect(item?.shape).toBe(PREMISE_GROUP_SHAPES[group]);
      expect(item?.label).toEqual({ key: `premises.group.${group}` });
    }
    expect(legend.items.at(-1)?.shape).toBe('ring');
  });

  it('by category: group colours on the shapes, no risk levels', () => {
    const legend = premisesLegend({ colorBy: 'category' });
    expect(legend.title).toEqual({ key: 'legend.premises.by_category' });
    expect(legend.items.map((i) => i.id)).toEqual([...PREMISE_GROUP_ORDER, 'key_unit']);
    expect(new Set(legend.items.slice(0, -1).map((i) => i.fill.join())).size).toBe(PREMISE_GROUP_ORDER.length);
  });
});
