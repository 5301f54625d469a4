/**
 * Premises (场所) coloured by category group: points as dots, footprints as translucent areas with a
 * darker outline. One GeoJsonLayer handles both, since an export may mix points and polygons.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { CollectionOf, FeatureOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { TOL_MUTED, darken, type Rgb } from '../palette.ts';
import { PREMISE_GROUP_ORDER, premiseGroup, type PremiseGroup } from './groups.ts';

export { PREMISE_GROUPS, PREMISE_GROUP_ORDER, premiseGroup, type PremiseGroup } from './groups.ts';

/** The deck layer id (sub-layers get deck's suffixes, e.g. `premises-points-circle`). */
export const PREMISES_LAYER_ID = 'premises';

export type PremiseFeature = FeatureOf<'premises'>;

/** Colours per group from Paul Tol's muted scheme (colour-vision-deficiency safe). */
export const PREMISE_GROUP_COLORS: Readonly<Record<PremiseGroup, Rgb>> = {
  people_at_risk: TOL_MUTED.wine,
  hazmat: TOL_MUTED.rose,
  mixed_use: TOL_MUTED.sand,
  industrial: TOL_MUTED.olive,
  crowded: TOL_MUTED.purple,
  residential: TOL_MUTED.teal,
  other: TOL_MUTED.grey,
};

export interface PremisesLayerProps {
  /** Draw the layer; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Fill colour per group. Default {@link PREMISE_GROUP_COLORS}. */
  colors: Readonly<Record<PremiseGroup, Rgb>>;
  /** Fill alpha (0–255) of footprints; points are drawn opaque. Default `110`, so buildings show through. */
  areaAlpha: number;
  /**
   * Radius of point premises in metres, so dense blocks stay readable when zoomed out and points
   * grow when zoomed in; clamped to `pointRadiusMinPixels`–`pointRadiusMaxPixels`. Default `6`.
   */
  pointRadiusMeters: number;
  /** Smallest on-screen radius of a point premise. Default `2.5`. */
  pointRadiusMinPixels: number;
  /** Largest on-screen radius of a point premise. Default `9`. */
  pointRadiusMaxPixels: number;
  /** How much darker than the fill the outline is (0–1). Default `0.45`. */
  outlineDarken: number;
  /** Outline width in screen pixels. Default `1`. */
  lineWidthPixels: number;
  /** Answer hover and click picking. Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link PremisesLayerProps}. */
export const DEFAULT_PREMISES_PROPS: Readonly<PremisesLayerProps> = {
  visible: true,
  colors: PREMISE_GROUP_COLORS,
  areaAlpha: 110,
  pointRadiusMeters: 6,
  pointRadiusMinPixels: 2.5,
  pointRadiusMaxPixels: 9,
  outlineDarken: 0.45,
  lineWidthPixels: 1,
  pickable: true,
  opacity: 1,
};

/** Fill colour of one premise (RGBA: points opaque, areas at `areaAlpha`). */
export function premiseFillColor(feature: PremiseFeature, props: Partial<PremisesLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_PREMISES_PROPS, ...props };
  const rgb = p.colors[premiseGroup(feature.properties.categories)];
  const alpha = feature.geometry.type === 'Point' ? 255 : p.areaAlpha;
  return [rgb[0], rgb[1], rgb[2], alpha];
}

/**
 * Builds the premises layers.
 * @param data the validated premises collection; keep the same object between renders unless it changed.
 * @param props overrides of {@link DEFAULT_PREMISES_PROPS}.
 * @returns one GeoJsonLayer with id {@link PREMISES_LAYER_ID}.
 */
export function createPremisesLayer(data: CollectionOf<'premises'>, props: Partial<PremisesLayerProps> = {}): Layer[] {
  const p: PremisesLayerProps = { ...DEFAULT_PREMISES_PROPS, ...props };
  const fill = (f: PremiseFeature) => premiseFillColor(f, p);
  const line = (f: PremiseFeature): [number, number, number] => [...darken(p.colors[premiseGroup(f.properties.categories)], p.outlineDarken)];
  return [
    new GeoJsonLayer<PremiseFeature['properties']>({
      id: PREMISES_LAYER_ID,
      data: data as never, // deck's GeoJSON typing is looser than the contract's; the shape is the same
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      filled: true,
      stroked: true,
      pointType: 'circle',
      pointRadiusUnits: 'meters',
      getPointRadius: p.pointRadiusMeters,
      pointRadiusMinPixels: p.pointRadiusMinPixels,
      pointRadiusMaxPixels: p.pointRadiusMaxPixels,
      lineWidthUnits: 'pixels',
      getLineWidth: p.lineWidthPixels,
      getFillColor: fill as never,
      getLineColor: line as never,
      updateTriggers: {
        getFillColor: [p.colors, p.areaAlpha],
        getLineColor: [p.colors, p.outlineDarken],
      },
    }),
  ];
}

/** The legend block: one swatch per group, in urgency order. */
export function premisesLegend(props: Partial<PremisesLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_PREMISES_PROPS, ...props };
  return {
    layerId: PREMISES_LAYER_ID,
    title: { key: 'legend.premises.title' },
    items: PREMISE_GROUP_ORDER.map((group) => ({
      id: group,
      label: { key: `premises.group.${group}` },
      fill: p.colors[group],
      stroke: darken(p.colors[group], p.outlineDarken),
      shape: 'square' as const,
    })),
  };
}
