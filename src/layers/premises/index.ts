/**
 * Premises (场所): colour by risk (open, major and overdue hazards), symbol shape by category group,
 * symbol size by employees with key units larger and ringed; footprints where the export has them,
 * and a symbol at every premise's anchor (the point, or a point inside the footprint).
 *
 * Layers, bottom to top: footprints (`premises`: fill by risk, outline by group), the selection halo,
 * the symbols' dark outlines, the symbols (`premises-symbols`). All share `visible`, so the legend's
 * toggle for `premises` hides them together. Data-derived arrays (anchors, footprints, drawing
 * order, id index) are cached per data object, so a restyle only re-runs the accessors it triggers.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, IconLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { CollectionOf } from '../../sources/contract/index.ts';
import { WHITE, rgba } from '../palette-extra.ts';
import { symbolAtlasImage } from './atlas-canvas.ts';
import { indexById, premiseAnchor, premiseFootprints } from './anchors.ts';
import {
  PREMISES_HIGHLIGHT_LAYER_ID, PREMISES_LAYER_ID, PREMISES_SYMBOLS_LAYER_ID, PREMISES_SYMBOL_OUTLINES_LAYER_ID,
  resolvePremisesProps, type PremisesLayerProps,
} from './props.ts';
import {
  premiseColor, premiseFillColor, premiseIconName, premiseIconPixels, premiseLineColor, riskDay, symbolDrawOrder,
  type PremiseFeature,
} from './style.ts';
import { SYMBOL_ATLAS } from './symbols.ts';

export { PREMISE_GROUPS, PREMISE_GROUP_ORDER, premiseGroup, type PremiseGroup } from './groups.ts';
export * from './props.ts';
export { premisesLegend, PREMISES_I18N_KEYS } from './legend.ts';
export {
  premiseColor, premiseFillColor, premiseIconName, premiseIconPixels, premiseLineColor, premiseSymbolPixels, symbolDrawOrder,
  type PremiseFeature,
} from './style.ts';
export { PREMISE_GROUP_SHAPES } from './symbols.ts';
export { premiseAnchor } from './anchors.ts';

/** What the sub-layers share: resolved props and the caches' keys for restyling. */
interface Context {
  readonly p: PremisesLayerProps;
  readonly colourTriggers: readonly unknown[];
  readonly sizeTriggers: readonly unknown[];
}

function footprintsLayer(data: CollectionOf<'premises'>, { p, colourTriggers }: Context): Layer {
  const footprints = premiseFootprints(data);
  const selected = p.highlightId == null ? -1 : indexById(footprints.features).get(p.highlightId) ?? -1;
  return new GeoJsonLayer<PremiseFeature['properties']>({
    id: PREMISES_LAYER_ID,
    data: footprints as never, // deck's GeoJSON typing is looser than the contract's; the shape is the same
    visible: p.visible && p.footprintsVisible,
    pickable: p.pickable,
    opacity: p.opacity,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: p.lineWidthPixels,
    getFillColor: ((f: PremiseFeature) => premiseFillColor(f, p)) as never,
    getLineColor: ((f: PremiseFeature) => [...premiseLineColor(f, p)]) as never,
    highlightedObjectIndex: selected,
    highlightColor: rgba(p.highlightColor, 150),
    updateTriggers: {
      getFillColor: [...colourTriggers, p.areaAlpha],
      getLineColor: [p.groupColors, p.outlineDarken],
    },
  });
}

const NO_FEATURES: readonly PremiseFeature[] = [];
const singletons = new WeakMap<PremiseFeature, readonly PremiseFeature[]>();
/** The same one-element array per feature, so deck sees no data change while the selection stays. */
function singleton(feature: PremiseFeature): readonly PremiseFeature[] {
  let list = singletons.get(feature);
  if (!list) singletons.set(feature, (list = [feature]));
  return list;
}

function haloLayer(data: CollectionOf<'premises'>, { p, sizeTriggers }: Context): Layer {
  const index = p.highlightId == null ? undefined : indexById(data.features).get(p.highlightId);
  const selected = index === undefined ? undefined : data.features[index];
  return new ScatterplotLayer<PremiseFeature>({
    id: PREMISES_HIGHLIGHT_LAYER_ID,
    data: selected ? singleton(selected) : NO_FEATURES,
    visible: p.visible && selected !== undefined,
    pickable: false,
    opacity: p.opacity,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    filled: true,
    stroked: true,
    getPosition: premiseAnchor,
    getRadius: (f) => premiseIconPixels(f, p) / 2 + p.haloPaddingPixels,
    getFillColor: rgba(WHITE, 200),
    getLineColor: rgba(p.highlightColor, 255),
    getLineWidth: 2.5,
    updateTriggers: { getRadius: [...sizeTriggers, p.haloPaddingPixels] },
  });
}

function symbolLayers(data: CollectionOf<'premises'>, { p, colourTriggers, sizeTriggers }: Context): Layer[] {
  const atlas = symbolAtlasImage();
  const shared = {
    data: symbolDrawOrder(data.features, p),
    // Without a 2D canvas (node) there is no atlas; deck would then try to load icons by name.
    visible: p.visible && atlas !== null,
    pickable: p.pickable,
    opacity: p.opacity,
    iconAtlas: atlas as never, // deck types it as a URL or a Texture; a canvas is uploaded all the same
    iconMapping: SYMBOL_ATLAS.mapping,
    sizeUnits: 'pixels' as const,
    getPosition: premiseAnchor,
    getSize: (f: PremiseFeature) => premiseIconPixels(f, p),
  };
  return [
    new IconLayer<PremiseFeature>({
      ...shared,
      id: PREMISES_SYMBOL_OUTLINES_LAYER_ID,
      visible: shared.visible && p.symbolOutlinesVisible,
      getIcon: (f) => premiseIconName(f, 'outline'),
      getColor: rgba(p.symbolOutlineColor, 255),
      updateTriggers: { getSize: sizeTriggers },
    }),
    new IconLayer<PremiseFeature>({
      ...shared,
      id: PREMISES_SYMBOLS_LAYER_ID,
      getIcon: (f) => premiseIconName(f, 'fill'),
      getColor: (f) => rgba(premiseColor(f, p), 255),
      updateTriggers: { getColor: colourTriggers, getSize: sizeTriggers },
    }),
  ];
}

/**
 * Builds the premises layers.
 * @param data the validated premises collection; keep the same object between renders unless it changed.
 * @param props overrides of {@link DEFAULT_PREMISES_PROPS}; pass `now` (e.g. the wall's clock) to judge overdue hazards.
 * @returns footprints (id {@link PREMISES_LAYER_ID}), the selection halo, the symbol outlines and the
 *   symbols (id {@link PREMISES_SYMBOLS_LAYER_ID}), bottom to top.
 * @example createPremisesLayer(premises, { now, highlightId: selected.value, visible: isVisible('premises') })
 */
export function createPremisesLayer(data: CollectionOf<'premises'>, props: Partial<PremisesLayerProps> = {}): Layer[] {
  const p = resolvePremisesProps(props);
  const ctx: Context = {
    p,
    // The day, not the Date: a new Date each render must not recolour 1,000 premises.
    colourTriggers: [p.colorBy, p.riskColors, p.groupColors, p.riskRules, riskDay(p.now)],
    sizeTriggers: [p.sizeBy, p.symbolMinPixels, p.symbolMaxPixels, p.employeesAtMax, p.keyUnitStepPixels],
  };
  return [footprintsLayer(data, ctx), haloLayer(data, ctx), ...symbolLayers(data, ctx)];
}
