/**
 * Grid cells (网格) as outlines with their id (or name) as a label inside. Labels are a deck.gl
 * TextLayer whose font atlas is drawn at run time on a canvas from fonts installed on the machine
 * (`fontFamily`, the same CJK families as the page), so nothing is fetched: there is no glyph
 * server and no font file. The character set is exactly the characters of the labels (Chinese
 * names included), collected once per data, so the atlas stays small.
 *
 * Sub-layers: `grids-outlines` (GeoJsonLayer, outlines only) and `grids-labels` (TextLayer).
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import type { CollectionOf, FeatureOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { WHITE, rgba } from '../palette-extra.ts';
import { TOL_MUTED, type Rgb } from '../palette.ts';

/** The group id: the legend toggle and app state name the grid cells by it. */
export const GRIDS_LAYER_ID = 'grids';
/** Sub-layer ids (stable: picking and tests use them). */
export const GRIDS_OUTLINES_ID = `${GRIDS_LAYER_ID}-outlines`;
export const GRIDS_LABELS_ID = `${GRIDS_LAYER_ID}-labels`;

export type GridFeature = FeatureOf<'grids'>;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const GRIDS_I18N_KEYS = ['legend.grids.title', 'legend.grids.outline'] as const;

/** The page's CJK font families (src/map/theme.ts), local fonts only. */
export const GRID_LABEL_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface GridsLayerProps {
  /** Draw outlines and labels; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Outline colour. Default Tol muted indigo. */
  lineColor: Rgb;
  /** Outline alpha (0–255). Default `200`. */
  lineAlpha: number;
  /** Outline width in pixels. Default `1.5`. */
  lineWidthPixels: number;
  /** Draw labels (the page may hide them when zoomed far out). Default `true`. */
  labelsVisible: boolean;
  /** Which property labels a cell: its id (网格编号) or its name. Default `'grid_id'`. */
  labelField: 'grid_id' | 'name';
  /** Label size in pixels. Default `12`. */
  labelSizePixels: number;
  /** Label colour. Default the outline colour. */
  labelColor: Rgb;
  /** Halo around labels (drawn with a signed-distance-field font). Default white. */
  labelHaloColor: Rgb;
  /** Halo width, relative to the font size of the atlas (deck's `outlineWidth`). Default `2`. */
  labelHaloWidth: number;
  /** CSS font families for the label atlas, local fonts only. Default {@link GRID_LABEL_FONT_FAMILY}. */
  fontFamily: string;
  /** Answer hover and click picking on outlines. Default `false`: cells sit under everything else. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link GridsLayerProps}. */
export const DEFAULT_GRIDS_PROPS: Readonly<GridsLayerProps> = {
  visible: true,
  lineColor: TOL_MUTED.indigo,
  lineAlpha: 200,
  lineWidthPixels: 1.5,
  labelsVisible: true,
  labelField: 'grid_id',
  labelSizePixels: 12,
  labelColor: TOL_MUTED.indigo,
  labelHaloColor: WHITE,
  labelHaloWidth: 2,
  fontFamily: GRID_LABEL_FONT_FAMILY,
  pickable: false,
  opacity: 1,
};

/** A label to draw: the cell, its text and where. */
export interface GridLabel {
  readonly feature: GridFeature;
  readonly text: string;
  readonly position: readonly [number, number];
}

/** Signed area and centroid of a ring (planar, in degrees: fine for placing a label in a small cell). */
function ringCentroid(ring: readonly Position[]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] as Position;
    const [xj = 0, yj = 0] = ring[j] as Position;
    const cross = xj * yi - xi * yj;
    a += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  return { area: a / 2, x: a === 0 ? NaN : cx / (3 * a), y: a === 0 ? NaN : cy / (3 * a) };
}

/**
 * Where a cell's label goes: the centroid of the outer ring of its largest part, or the middle of
 * its bounding box when that ring is degenerate. (A centroid can fall outside a strongly concave
 * cell; grid cells are blocks of streets, so that is rare and only moves a label.)
 */
export function gridLabelPosition(feature: GridFeature): [number, number] {
  const g = feature.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: { area: number; x: number; y: number } | undefined;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer) continue;
    for (const [x = 0, y = 0] of outer) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const c = ringCentroid(outer);
    if (Number.isFinite(c.x) && Number.isFinite(c.y) && (!best || Math.abs(c.area) > Math.abs(best.area))) best = c;
  }
  if (best) return [best.x, best.y];
  return Number.isFinite(minX) ? [(minX + maxX) / 2, (minY + maxY) / 2] : [0, 0];
}

const labelCache = new WeakMap<readonly GridFeature[], Map<string, { labels: readonly GridLabel[]; characters: string }>>();

/**
 * The labels of all cells and the set of characters they use (for the font atlas), computed once
 * per input array and label field. A cell with no text in that field falls back to its grid_id.
 */
export function gridLabels(features: readonly GridFeature[], field: GridsLayerProps['labelField'] = 'grid_id'): { labels: readonly GridLabel[]; characters: string } {
  let byField = labelCache.get(features);
  if (!byField) labelCache.set(features, (byField = new Map()));
  let out = byField.get(field);
  if (!out) {
    const chars = new Set<string>();
    const labels = features.map((feature) => {
      const text = (field === 'name' ? feature.properties.name : undefined) || feature.properties.grid_id;
      for (const ch of text) chars.add(ch);
      return { feature, text, position: gridLabelPosition(feature) };
    });
    out = { labels, characters: [...chars].sort().join('') };
    byField.set(field, out);
  }
  return out;
}

/**
 * Builds the grid layers.
 * @param data the validated grids collection (or its features); keep it the same object between renders.
 * @param props overrides of {@link DEFAULT_GRIDS_PROPS}.
 * @returns a GeoJsonLayer {@link GRIDS_OUTLINES_ID} and a TextLayer {@link GRIDS_LABELS_ID}.
 */
export function createGridsLayer(data: CollectionOf<'grids'> | readonly GridFeature[], props: Partial<GridsLayerProps> = {}): Layer[] {
  const p: GridsLayerProps = { ...DEFAULT_GRIDS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  const { labels, characters } = gridLabels(features, p.labelField);
  return [
    new GeoJsonLayer<GridFeature['properties']>({
      id: GRIDS_OUTLINES_ID,
      data: features as never, // deck's GeoJSON typing is looser than the contract's; the shape is the same
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.lineWidthPixels,
      getLineColor: rgba(p.lineColor, p.lineAlpha),
    }),
    new TextLayer<GridLabel>({
      id: GRIDS_LABELS_ID,
      data: labels,
      visible: p.visible && p.labelsVisible,
      pickable: false,
      opacity: p.opacity,
      getText: (d) => d.text,
      getPosition: (d) => [d.position[0], d.position[1]],
      getSize: p.labelSizePixels,
      sizeUnits: 'pixels',
      getColor: rgba(p.labelColor, 255),
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      // The atlas is drawn locally from these fonts: no request for glyphs, ever.
      characterSet: characters,
      fontFamily: p.fontFamily,
      fontWeight: 600,
      fontSettings: { sdf: true, fontSize: 48, buffer: 6, radius: 12 },
      outlineWidth: p.labelHaloWidth,
      outlineColor: rgba(p.labelHaloColor, 230),
    }),
  ];
}

/** The legend block: one line swatch for a cell's outline. */
export function gridsLegend(props: Partial<GridsLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_GRIDS_PROPS, ...props };
  return {
    layerId: GRIDS_LAYER_ID,
    title: { key: 'legend.grids.title' },
    items: [{ id: 'outline', label: { key: 'legend.grids.outline' }, fill: p.lineColor, shape: 'line' }],
  };
}
