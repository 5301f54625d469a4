/**
 * App state: UI state as signals from one factory, per app instance (tests make their own). Server
 * data never lives here: collections stay in the TanStack Query cache, so there is one copy and
 * one place that knows when it is stale.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_VISIBLE_LAYERS, LAYER_DRAW_ORDER } from '../layers/catalog/index.ts';
import type { CameraView } from '../map/map-shell.ts';
import type { ThemeName } from '../map/theme.ts';
import { emptyFilter, type Filter } from './filters.ts';

/** Catalog layers off until asked for (protection rings, sensors); any other id is on by default. */
const HIDDEN_BY_DEFAULT: ReadonlySet<string> = new Set(LAYER_DRAW_ORDER.filter((id) => !DEFAULT_VISIBLE_LAYERS.includes(id)));

/** [west, south, east, north] in degrees. */
export type ViewBounds = readonly [number, number, number, number];

/** Where the map is: waiting for data or the first draw, drawn with every source settled, or failed. */
export type MapStatus = 'loading' | 'ready' | 'error';

export interface AppState {
  /** Visibility per layer id, where set; an id not listed has its default (see `isLayerVisible`). */
  readonly layerVisibility: Signal<Readonly<Record<string, boolean>>>;
  /** Opacity 0–1 per layer id, where set; 1 otherwise. A person's preference, not part of a link. */
  readonly layerOpacity: Signal<Readonly<Record<string, number>>>;
  /** What the counts, lists and layers show. */
  readonly filter: Signal<Filter>;
  /** The selected premise id: its card is open and its symbol highlighted. */
  readonly selection: Signal<string | null>;
  /** The camera as last reported by the map (null until placed): the link stores it. */
  readonly camera: Signal<CameraView | null>;
  /** What the map shows, for "in view" counts (null until placed). */
  readonly viewBounds: Signal<ViewBounds | null>;
  /** Mask names and phone numbers (the wall display forces it). */
  readonly maskPersonal: Signal<boolean>;
  /** Catalog layer ids that are visible, in drawing order: what a link stores. */
  readonly visibleLayers: ReadonlySignal<readonly string[]>;
  readonly mapStatus: Signal<MapStatus>;
  /** Why the map failed (already translated), when `mapStatus` is `error`. */
  readonly mapError: Signal<string | null>;
  /** Milliseconds from navigation start until the map first settled with all sources: a health figure. */
  readonly firstReadyMs: Signal<number | null>;
  /** The map theme (basemap colours and sizes). */
  readonly theme: Signal<ThemeName>;
  /** Ids of the hidden layers, sorted: for toggles' update triggers and for persistence later. */
  readonly hiddenLayers: ReadonlySignal<readonly string[]>;
  isLayerVisible(layerId: string): boolean;
  setLayerVisible(layerId: string, visible: boolean): void;
  toggleLayer(layerId: string): void;
  opacityOf(layerId: string): number;
  setLayerOpacity(layerId: string, opacity: number): void;
  /** Shows exactly these catalog layers (from a link), hiding the other catalog layers. */
  showOnly(layerIds: readonly string[]): void;
  /** Records the first time the map is ready (later calls keep the first figure). */
  markMapReady(msSinceStart: number): void;
  markMapError(message: string): void;
}

/** Creates a fresh state; `initial` overrides defaults (tests, a saved view later). */
export function createAppState(initial: {
  layerVisibility?: Record<string, boolean>;
  theme?: ThemeName;
  filter?: Filter;
  selection?: string | null;
  maskPersonal?: boolean;
} = {}): AppState {
  const layerVisibility = signal<Readonly<Record<string, boolean>>>({ ...initial.layerVisibility });
  const layerOpacity = signal<Readonly<Record<string, number>>>({});
  const filter = signal<Filter>(initial.filter ?? emptyFilter());
  const selection = signal<string | null>(initial.selection ?? null);
  const camera = signal<CameraView | null>(null);
  const viewBounds = signal<ViewBounds | null>(null);
  const maskPersonal = signal(initial.maskPersonal ?? false);
  const theme = signal<ThemeName>(initial.theme ?? 'light');
  const mapStatus = signal<MapStatus>('loading');
  const mapError = signal<string | null>(null);
  const firstReadyMs = signal<number | null>(null);
  const isLayerVisible = (id: string) => layerVisibility.value[id] ?? !HIDDEN_BY_DEFAULT.has(id);
  const hiddenLayers = computed(() => {
    const ids = new Set([...LAYER_DRAW_ORDER, ...Object.keys(layerVisibility.value)]);
    return [...ids].filter((id) => !isLayerVisible(id)).sort();
  });
  const visibleLayers = computed(() => LAYER_DRAW_ORDER.filter((id) => isLayerVisible(id)));
  const opacityOf = (id: string) => layerOpacity.value[id] ?? 1;
  const setLayerVisible = (id: string, visible: boolean) => {
    if (isLayerVisible(id) === visible) return;
    layerVisibility.value = { ...layerVisibility.value, [id]: visible };
  };
  return {
    layerVisibility,
    layerOpacity,
    filter,
    selection,
    camera,
    viewBounds,
    maskPersonal,
    visibleLayers,
    opacityOf,
    setLayerOpacity(id, opacity) {
      const value = Math.min(1, Math.max(0, opacity));
      if (opacityOf(id) !== value) layerOpacity.value = { ...layerOpacity.value, [id]: value };
    },
    showOnly(ids) {
      const next: Record<string, boolean> = { ...layerVisibility.value };
      for (const id of LAYER_DRAW_ORDER) next[id] = ids.includes(id);
      layerVisibility.value = next;
    },
    mapStatus,
    mapError,
    firstReadyMs,
    theme,
    hiddenLayers,
    isLayerVisible,
    setLayerVisible,
    toggleLayer: (id) => setLayerVisible(id, !isLayerVisible(id)),
    markMapReady(ms) {
      if (mapStatus.value === 'error') return;
      mapStatus.value = 'ready';
      if (firstReadyMs.value === null) firstReadyMs.value = Math.round(ms);
    },
    markMapError(message) {
      mapStatus.value = 'error';
      mapError.value = message;
    },
  };
}

export const AppStateContext = createContext<AppState | null>(null);

/** The app state of the surrounding <AppStateContext.Provider>. */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside <AppStateContext.Provider>');
  return state;
}
