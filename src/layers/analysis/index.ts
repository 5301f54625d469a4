/**
 * Analysis results on the map: one factory for every analysis, styled from the result's own
 * properties through the class table of classes.ts (severity, kind, status), with a legend built
 * from the same table.
 *
 * Layers of one analysis, all hidden and shown together:
 * - `analysis-<name>`: a GeoJsonLayer of the features that have a class (areas, lines, points), the
 *   most severe drawn last so they stay on top;
 * - `analysis-<name>-markers`: a dot at the representative point of each non-point finding of the
 *   analyses whose findings are small (separation gaps of a few metres, single buildings), so they
 *   stay visible when zoomed out; a gap of 0 (touching buildings) has no line to see at all;
 * - `analysis-<name>-labels` (clusters only): the number of premises in each hull.
 * Every pickable layer answers with the result feature itself, so `findingId` maps a pick to its row.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Geometry } from 'geojson';
import { GRID_LABEL_FONT_FAMILY } from '../grids/index.ts';
import type { LegendEntry, LegendItem } from '../legend-types.ts';
import { INK, WHITE, rgba } from '../palette-extra.ts';
import { OKABE_ITO, darken } from '../palette.ts';
import { ANALYSIS_CLASSES, MARKED_ANALYSES, classOf, findingId, isMajorFeature, type AnalysisClass } from './classes.ts';
import { representativePoint, type LonLat } from './geometry.ts';
import { ANALYSIS_NAMES, type AnalysisFeature, type AnalysisName, type AnalysisResult } from './types.ts';

export * from './types.ts';
export { ANALYSIS_CLASSES, MARKED_ANALYSES, analysisClass, classOf, findingId, gridCheckOf, isMajorFeature, type AnalysisClass, type GridCheck } from './classes.ts';
export { representativePoint, type LonLat } from './geometry.ts';
export { ANALYSIS_RULE_PATHS, citedRuleRows, ruleValueLines, type RuleRow } from './rules-cited.ts';

/** The id of an analysis' main layer, which the legend toggle names: `analysis-<name>`. */
export function analysisLayerId(name: AnalysisName): string {
  return `analysis-${name}`;
}

/** Sub-layer ids of an analysis (stable: picking and tests use them). */
export function analysisSubLayerIds(name: AnalysisName): { features: string; markers: string; labels: string } {
  const id = analysisLayerId(name);
  return { features: id, markers: `${id}-markers`, labels: `${id}-labels` };
}

/** Message key of an analysis' name (the legend title, the panel's heading). */
export const analysisTitleKey = (name: AnalysisName): string => `analysis.name.${name}`;
/** Message key of a class's legend label. */
export const analysisClassKey = (name: AnalysisName, classId: string): string => `analysis.class.${name}.${classId}`;

/** Options of {@link createAnalysisLayers}. */
export interface AnalysisLayerProps {
  /** Draw the layers; hidden layers keep their buffers. Default `true`. */
  visible?: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity?: number;
  /** The finding to highlight (a {@link findingId}), or null. Default `null`. */
  selectedId?: string | null;
  /** Answer hover and click picking. Default `true`. */
  pickable?: boolean;
}

/** How one drawn feature looks, worked out once per result. */
export interface DrawnFinding {
  readonly id: string;
  readonly cls: AnalysisClass;
  readonly major: boolean;
  readonly position: LonLat | null;
}

/** A result ready to draw: stable arrays per result object. */
export interface PreparedAnalysis {
  /** Features with a class, least severe first. */
  readonly features: readonly AnalysisFeature[];
  readonly info: ReadonlyMap<AnalysisFeature, DrawnFinding>;
  /** Non-point findings that get a dot (marked analyses only). */
  readonly markers: readonly AnalysisFeature[];
  /** Features with a representative point (for labels). */
  readonly placed: readonly AnalysisFeature[];
}

// deck.gl re-uploads attributes whenever `data` changes identity: the same result, the same arrays.
const prepared = new WeakMap<AnalysisResult, Map<AnalysisName, PreparedAnalysis>>();

/** The drawn features of a result in drawing order, with their style info. Stable per result object. */
export function prepareAnalysis(name: AnalysisName, result: AnalysisResult): PreparedAnalysis {
  let byName = prepared.get(result);
  if (!byName) prepared.set(result, (byName = new Map()));
  let out = byName.get(name);
  if (out) return out;
  const order = ANALYSIS_CLASSES[name];
  const info = new Map<AnalysisFeature, DrawnFinding>();
  const ranked: { f: AnalysisFeature; rank: number }[] = [];
  result.features.forEach((f, i) => {
    const cls = classOf(name, f);
    if (!cls || !f.geometry) return;
    info.set(f, { id: findingId(name, f, i), cls, major: isMajorFeature(name, f), position: representativePoint(f.geometry) });
    ranked.push({ f, rank: order.indexOf(cls) });
  });
  // Stable sort: within a class the result's own order stays.
  const features = ranked.sort((a, b) => b.rank - a.rank).map((r) => r.f);
  const markers = MARKED_ANALYSES.has(name)
    ? features.filter((f) => info.get(f)?.cls.finding && info.get(f)?.position && !isPointy(f.geometry))
    : [];
  out = { features, info, markers, placed: features.filter((f) => info.get(f)?.position) };
  byName.set(name, out);
  return out;
}

const isPointy = (g: Geometry | null): boolean => g?.type === 'Point' || g?.type === 'MultiPoint';
const isLine = (g: Geometry | null): boolean => g?.type === 'LineString' || g?.type === 'MultiLineString';

type Color = [number, number, number, number];
const GREY = OKABE_ITO.grey;

/** Fill colour of a drawn feature: opaque points, translucent areas (faint for context classes), stronger when selected. */
export function analysisFillColor(d: DrawnFinding | undefined, geometry: Geometry | null, selected: boolean): Color {
  if (!d) return rgba(GREY, 0);
  if (isPointy(geometry)) return rgba(d.cls.color, 255);
  return rgba(d.cls.color, selected ? 200 : d.cls.finding ? 120 : 45);
}

/** Outline / line colour: lines in their class colour, area outlines a shade darker, points white; ink when selected. */
export function analysisLineColor(d: DrawnFinding | undefined, geometry: Geometry | null, selected: boolean): Color {
  if (!d) return rgba(GREY, 0);
  if (selected) return rgba(INK, 255);
  if (isPointy(geometry)) return rgba(d.major ? INK : WHITE, 255);
  if (isLine(geometry)) return rgba(d.cls.color, 255);
  return rgba(darken(d.cls.color, 0.25), d.cls.finding ? 220 : 90);
}

/** Line width in pixels: severe lines wider, areas thin, selection wider still. */
export function analysisLineWidth(d: DrawnFinding | undefined, geometry: Geometry | null, selected: boolean): number {
  if (!d) return 0;
  const base = isLine(geometry) ? (d.major ? 4 : 2.5) : 1;
  return selected ? base + 2 : base;
}

/** Radius in pixels of a point finding: major ones larger, the selected one largest. */
export function analysisPointRadius(d: DrawnFinding | undefined, selected: boolean): number {
  if (!d) return 0;
  return selected ? 9 : d.major ? 6 : 4;
}

/** Radius in pixels of a marker dot: smaller than a point finding, as it only says "here" over a line or an area. */
export function analysisMarkerRadius(d: DrawnFinding | undefined, selected: boolean): number {
  if (!d) return 0;
  return selected ? 7 : d.major ? 4.5 : 3;
}

/**
 * Builds the layers of one analysis result.
 * @param name which analysis produced `result` (it decides how properties are read).
 * @param result the FeatureCollection the analysis returned; keep it the same object between renders.
 * @param props visibility, opacity, the selected finding.
 * @returns `analysis-<name>` (GeoJsonLayer), plus `-markers` (ScatterplotLayer) for separation,
 *   mixing and hydrant coverage, plus `-labels` (TextLayer) for clusters.
 * @example createAnalysisLayers('separation', result, { selectedId: 'B0012|B0013' })
 */
export function createAnalysisLayers(name: AnalysisName, result: AnalysisResult, props: AnalysisLayerProps = {}): Layer[] {
  const visible = props.visible ?? true, opacity = props.opacity ?? 1, pickable = props.pickable ?? true, selectedId = props.selectedId ?? null;
  const ids = analysisSubLayerIds(name);
  const { features, info, markers, placed } = prepareAnalysis(name, result);
  const sel = (f: AnalysisFeature): boolean => selectedId !== null && info.get(f)?.id === selectedId;
  const layers: Layer[] = [
    new GeoJsonLayer({
      id: ids.features,
      data: features as never, // deck's GeoJSON typing is looser than ours; the shape is the same
      visible, opacity, pickable,
      filled: true,
      stroked: true,
      pointType: 'circle',
      pointRadiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      lineJointRounded: true,
      lineCapRounded: true,
      getFillColor: ((f: AnalysisFeature) => analysisFillColor(info.get(f), f.geometry, sel(f))) as never,
      getLineColor: ((f: AnalysisFeature) => analysisLineColor(info.get(f), f.geometry, sel(f))) as never,
      getLineWidth: ((f: AnalysisFeature) => analysisLineWidth(info.get(f), f.geometry, sel(f))) as never,
      getPointRadius: ((f: AnalysisFeature) => analysisPointRadius(info.get(f), sel(f))) as never,
      updateTriggers: { getFillColor: [selectedId], getLineColor: [selectedId], getLineWidth: [selectedId], getPointRadius: [selectedId] },
    }),
  ];
  if (MARKED_ANALYSES.has(name)) {
    layers.push(new ScatterplotLayer<AnalysisFeature>({
      id: ids.markers,
      data: markers as AnalysisFeature[],
      visible, opacity, pickable,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getPosition: (f) => [info.get(f)?.position?.[0] ?? 0, info.get(f)?.position?.[1] ?? 0],
      getRadius: (f) => analysisMarkerRadius(info.get(f), sel(f)),
      getFillColor: (f) => rgba(info.get(f)?.cls.color ?? GREY, 255),
      getLineColor: (f) => (sel(f) || info.get(f)?.major ? rgba(INK, 255) : rgba(WHITE, 255)),
      getLineWidth: (f) => (sel(f) ? 2 : 1),
      updateTriggers: { getRadius: [selectedId], getLineColor: [selectedId], getLineWidth: [selectedId] },
    }));
  }
  if (name === 'clusters') {
    layers.push(new TextLayer<AnalysisFeature>({
      id: ids.labels,
      data: placed as AnalysisFeature[],
      visible, opacity,
      pickable: false,
      getText: (f) => String((f.properties as { premises?: unknown } | null)?.premises ?? ''),
      getPosition: (f) => [info.get(f)?.position?.[0] ?? 0, info.get(f)?.position?.[1] ?? 0],
      getSize: 14,
      sizeUnits: 'pixels',
      getColor: rgba(INK, 255),
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789',
      fontFamily: GRID_LABEL_FONT_FAMILY,
      fontWeight: 700,
      fontSettings: { sdf: true, fontSize: 48, buffer: 6, radius: 12 },
      outlineWidth: 3,
      outlineColor: rgba(WHITE, 230),
    }));
  }
  return layers;
}

/**
 * The legend block of an analysis: one item per class (message `analysis.class.<name>.<id>`), most
 * severe first; mixing adds how a major finding looks (larger, with a dark outline).
 */
export function analysisLegend(name: AnalysisName): LegendEntry {
  const items: LegendItem[] = ANALYSIS_CLASSES[name].map((k) => ({
    id: k.id,
    label: { key: analysisClassKey(name, k.id) },
    fill: k.color,
    stroke: darken(k.color, 0.25),
    shape: k.shape,
  }));
  if (name === 'mixing') items.push({ id: 'major', label: { key: analysisClassKey(name, 'major') }, fill: GREY, stroke: INK, shape: 'circle' });
  return { layerId: analysisLayerId(name), title: { key: analysisTitleKey(name) }, items };
}

/** Every message key the analysis legends use (texts in src/i18n/parts/analysis.ts). */
export const ANALYSIS_LEGEND_I18N_KEYS: readonly string[] = ANALYSIS_NAMES.flatMap((name) => [
  analysisTitleKey(name),
  ...analysisLegend(name).items.map((item) => ('key' in item.label ? item.label.key : '')).filter(Boolean),
]);
