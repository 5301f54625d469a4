import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lightTheme } from '../../map/theme.ts';
import type { CollectionOf } from '../../sources/contract/index.ts';
import {
  DEFAULT_GRIDS_PROPS, GRIDS_LABELS_ID, GRIDS_LAYER_ID, GRIDS_OUTLINES_ID, GRID_LABEL_FONT_FAMILY, createGridsLayer, gridLabelPosition,
  gridLabels, gridsLegend, type GridFeature,
} from './index.ts';

const cell = (grid_id: string, name: string | undefined, x0: number): GridFeature => ({
  type: 'Feature',
  properties: { grid_id, community: '锦和村', ...(name ? { name } : {}) },
  geometry: { type: 'Polygon', coordinates: [[[x0, 0], [x0 + 2, 0], [x0 + 2, 1], [x0, 1], [x0, 0]]] },
});
const data: CollectionOf<'grids'> = { type: 'FeatureCollection', features: [cell('W4-01', '锦和村第一网格', 0), cell('W4-02', undefined, 10)] };
const props = (layer: unknown) => (layer as { props: Record<string, unknown> }).props;

afterEach(() => vi.unstubAllGlobals());

describe('createGridsLayer', () => {
  it('returns outlines and labels with stable ids; both hide with visible: false', () => {
    const layers = createGridsLayer(data);
    expect(layers.map((l) => l.id)).toEqual([GRIDS_OUTLINES_ID, GRIDS_LABELS_ID]);
    expect(GRIDS_LAYER_ID).toBe('grids');
    expect(layers.map((l) => l.props.visible)).toEqual([true, true]);
    expect(createGridsLayer(data, { visible: false }).map((l) => l.props.visible)).toEqual([false, false]);
    expect(createGridsLayer(data, { labelsVisible: false }).map((l) => l.props.visible)).toEqual([true, false]);
    expect(props(layers[0])['filled']).toBe(false);
  });

  it('labels each cell at its centroid with its id, or its name on request', () => {
    expect(gridLabelPosition(data.features[0] as GridFeature)).toEqual([1, 0.5]);
    const byId = gridLabels(data.features);
    expect(byId.labels.map((l) => l.text)).toEqual(['W4-01', 'W4-02']);
    const byName = gridLabels(data.features, 'name');
    expect(byName.labels.map((l) => l.text)).toEqual(['锦和村第一网格', 'W4-02']);
    expect(gridLabels(data.features, 'name')).toBe(byName);
    expect(createGridsLayer(data)[1]?.props.data).toBe(byId.labels);
  });

  it('falls back to the bounding box for a degenerate ring and uses the largest part of a multipolygon', () => {
    const flat: GridFeature = { ...cell('x', undefined, 0), geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [4, 0], [0, 0]]] } };
    expect(gridLabelPosition(flat)).toEqual([2, 0]);
    const multi: GridFeature = {
      ...cell('m', undefined, 0),
      geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[10, 0], [14, 0], [14, 4], [10, 4], [10, 0]]]] },
    };
    expect(gridLabelPosition(multi)).toEqual([12, 2]);
  });

  it('builds the font atlas from exactly the labels\' characters (Chinese included) and local fonts', () => {
    const labels = props(createGridsLayer(data, { labelField: 'name' })[1]);
    const charset = labels['characterSet'] as string;
    for (const ch of '锦和村第一网格W4-02') expect(charset).toContain(ch);
    expect(new Set(charset).size).toBe([...charset].length);
    expect(labels['fontFamily']).toBe(GRID_LABEL_FONT_FAMILY);
    expect(GRID_LABEL_FONT_FAMILY).toBe(lightTheme.fontFamily); // the page's map labels use the same local fonts
    expect(GRID_LABEL_FONT_FAMILY).not.toMatch(/url\(|https?:|\/\//);
    expect((labels['fontSettings'] as { sdf: boolean }).sdf).toBe(true);
  });

  it('fetches nothing: no request while building, and deck\'s text layer has no loading code', () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('no network')));
    vi.stubGlobal('fetch', fetchSpy);
    createGridsLayer(data, { labelField: 'name' });
    expect(fetchSpy).not.toHaveBeenCalled();
    // The atlas is drawn on a canvas by deck's FontAtlasManager (TinySDF); check its sources load nothing.
    const dir = join(process.cwd(), 'node_modules/@deck.gl/layers/dist/text-layer');
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/\bfetch\(|XMLHttpRequest|\bload\(|new FontFace|@font-face/);
  });

  it('documents its defaults', () => {
    expect(DEFAULT_GRIDS_PROPS.labelField).toBe('grid_id');
    expect(DEFAULT_GRIDS_PROPS.pickable).toBe(false);
  });
});

describe('gridsLegend', () => {
  it('has one line item with a message-key label', () => {
    const legend = gridsLegend();
    expect(legend.layerId).toBe(GRIDS_LAYER_ID);
    expect(legend.items).toEqual([{ id: 'outline', label: { key: 'legend.grids.outline' }, fill: DEFAULT_GRIDS_PROPS.lineColor, shape: 'line' }]);
  });
});
