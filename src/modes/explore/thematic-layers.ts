/**
 * The thematic layers of the map, in the catalog's drawing order, each rebuilt only when its own
 * inputs change (its collection, visibility, opacity, or the clock for layers that age), so a
 * toggle or a poll of one source never re-creates the others. Grid labels go on top of
 * everything: a cell id under a premise symbol is no use.
 */
import type { Layer } from '@deck.gl/core';
import { useMemo } from 'preact/hooks';
import type { Collections } from '../../app/filters.ts';
import { ALARMS_LAYER_ID, createAlarmsLayer } from '../../layers/alarms/index.ts';
import { LAYER_DRAW_ORDER, type ThematicLayerId } from '../../layers/catalog/index.ts';
import { FIRE_LANES_LAYER_ID, createFireLanesLayer } from '../../layers/fire-lanes/index.ts';
import { GRIDS_LABELS_ID, GRIDS_LAYER_ID, createGridsLayer } from '../../layers/grids/index.ts';
import { HAZARD_AREAS_LAYER_ID, createHazardAreasLayer } from '../../layers/hazard-areas/index.ts';
import { HYDRANT_RINGS_LAYER_ID, createHydrantRingsLayer } from '../../layers/hydrant-rings/index.ts';
import { HYDRANTS_LAYER_ID, createHydrantsLayer } from '../../layers/hydrants/index.ts';
import { PREMISES_LAYER_ID, createPremisesLayer } from '../../layers/premises/index.ts';
import { SENSORS_LAYER_ID, createSensorsLayer } from '../../layers/sensors/index.ts';
import { STATIONS_LAYER_ID, createStationsLayer } from '../../layers/stations/index.ts';
import type { Detail } from '../../layers/detail/index.ts';
import type { CollectionOf, Kind } from '../../sources/contract/index.ts';

export interface LayerLook {
  visible: boolean;
  opacity: number;
}

export interface ThematicInputs {
  collections: Collections;
  look: (id: ThematicLayerId) => LayerLook;
  /** The time ages and overdue are judged at (rounded by the caller to a minute). */
  now: Date;
  /** Animation clock for the alarm pulse; constant when motion is reduced. */
  pulseTime: number;
  /** The selected premise, highlighted. */
  selectedId: string | null;
  /** What is drawn at the map's zoom (layers/detail): footprints, grid labels, symbol outlines. */
  detail: Detail;
  /**
   * What deck is given, in the order the first map is built: `none` while the basemap's first tiles
   * load (setting up deck layers blocks the main thread, which fetches those tiles for MapLibre);
   * `first`, the symbols of the first view (`FIRST_VIEW_LAYERS`, premise footprints left out), so
   * the first map is not held up compiling shaders for layers nobody has looked at yet; `all` once
   * it is drawn.
   */
  stage: ThematicStage;
}

export type ThematicStage = 'none' | 'first' | 'all';

/** What the first map shows: premises and hydrants (the basemap comes from tiles). */
export const FIRST_VIEW_LAYERS: readonly ThematicLayerId[] = [PREMISES_LAYER_ID, HYDRANTS_LAYER_ID];

const EMPTY: { [K in Kind]?: CollectionOf<K> } = {};
function empty<K extends Kind>(kind: K): CollectionOf<K> {
  const cached = EMPTY[kind];
  if (cached) return cached as CollectionOf<K>;
  const made = { type: 'FeatureCollection', features: [] } as unknown as CollectionOf<K>;
  (EMPTY as Record<string, unknown>)[kind] = made;
  return made;
}

/** Deck layers for every thematic layer, bottom to top, grid labels last. */
export function useThematicLayers(input: ThematicInputs): Layer[] {
  const { collections: c, look, now, pulseTime, selectedId, stage, detail } = input;
  const l = (id: ThematicLayerId) => look(id);
  const key = (id: ThematicLayerId) => {
    const v = l(id);
    return `${v.visible}|${v.opacity}`;
  };
  const minute = Math.floor(now.getTime() / 60_000);

  const grids = useMemo(
    () => createGridsLayer(c.grids ?? empty('grids'), { ...l(GRIDS_LAYER_ID), labelsVisible: detail.gridLabels }),
    [c.grids, key(GRIDS_LAYER_ID), detail.gridLabels],
  );
  const areas = useMemo(() => createHazardAreasLayer(c.hazard_areas ?? empty('hazard_areas'), l(HAZARD_AREAS_LAYER_ID)), [c.hazard_areas, key(HAZARD_AREAS_LAYER_ID)]);
  const rings = useMemo(() => createHydrantRingsLayer(c.hydrants ?? empty('hydrants'), l(HYDRANT_RINGS_LAYER_ID)), [c.hydrants, key(HYDRANT_RINGS_LAYER_ID)]);
  const lanes = useMemo(() => createFireLanesLayer(c.fire_lanes ?? empty('fire_lanes'), l(FIRE_LANES_LAYER_ID)), [c.fire_lanes, key(FIRE_LANES_LAYER_ID)]);
  const premises = useMemo(
    () => createPremisesLayer(c.premises ?? empty('premises'), {
      ...l(PREMISES_LAYER_ID), now, highlightId: selectedId, footprintsVisible: detail.footprints, symbolOutlinesVisible: detail.symbolOutlines,
    }),
    [c.premises, key(PREMISES_LAYER_ID), minute, selectedId, detail.footprints, detail.symbolOutlines],
  );
  const hydrants = useMemo(() => createHydrantsLayer(c.hydrants ?? empty('hydrants'), l(HYDRANTS_LAYER_ID)), [c.hydrants, key(HYDRANTS_LAYER_ID)]);
  const stations = useMemo(() => createStationsLayer(c.stations ?? empty('stations'), l(STATIONS_LAYER_ID)), [c.stations, key(STATIONS_LAYER_ID)]);
  const sensors = useMemo(() => createSensorsLayer(c.sensors ?? empty('sensors'), l(SENSORS_LAYER_ID)), [c.sensors, key(SENSORS_LAYER_ID)]);
  const alarms = useMemo(
    () => createAlarmsLayer(c.alarms ?? empty('alarms'), { ...l(ALARMS_LAYER_ID), now, time: pulseTime }),
    [c.alarms, key(ALARMS_LAYER_ID), minute, pulseTime],
  );

  return useMemo(() => {
    const byId: Record<ThematicLayerId, Layer[]> = {
      [GRIDS_LAYER_ID]: grids,
      [HAZARD_AREAS_LAYER_ID]: areas,
      [HYDRANT_RINGS_LAYER_ID]: rings,
      [FIRE_LANES_LAYER_ID]: lanes,
      [PREMISES_LAYER_ID]: premises,
      [HYDRANTS_LAYER_ID]: hydrants,
      [STATIONS_LAYER_ID]: stations,
      [SENSORS_LAYER_ID]: sensors,
      [ALARMS_LAYER_ID]: alarms,
    };
    if (stage === 'none') return [];
    const drawn = stage === 'all' ? LAYER_DRAW_ORDER : LAYER_DRAW_ORDER.filter((id) => FIRST_VIEW_LAYERS.includes(id));
    // Footprints are specks at the district-wide first zoom, and their polygon and outline shaders
    // would double the first map's set-up: they join with the rest.
    const all = drawn.flatMap((id) => byId[id]).filter((layer) => stage === 'all' || layer.id !== PREMISES_LAYER_ID);
    const labels = all.filter((layer) => layer.id === GRIDS_LABELS_ID);
    return [...all.filter((layer) => layer.id !== GRIDS_LABELS_ID), ...labels];
  }, [grids, areas, rings, lanes, premises, hydrants, stations, sensors, alarms, stage]);
}
