/**
 * App state: UI state as signals from one factory, per app instance (tests make their own). Server
 * data never lives here: collections stay in the TanStack Query cache, so there is one copy and
 * one place that knows when it is stale.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ThemeName } from '../map/theme.ts';

/** Where the map is: waiting for data or the first draw, drawn with every source settled, or failed. */
export type MapStatus = 'loading' | 'ready' | 'error';

export interface AppState {
  /** Visibility per deck layer id; an id not listed is visible. */
  readonly layerVisibility: Signal<Readonly<Record<string, boolean>>>;
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
  /** Records the first time the map is ready (later calls keep the first figure). */
  markMapReady(msSinceStart: number): void;
  markMapError(message: string): void;
}

/** Creates a fresh state; `initial` overrides defaults (tests, a saved view later). */
export function createAppState(initial: { layerVisibility?: Record<string, boolean>; theme?: ThemeName } = {}): AppState {
  const layerVisibility = signal<Readonly<Record<string, boolean>>>({ ...initial.layerVisibility });
  const theme = signal<ThemeName>(initial.theme ?? 'light');
  const mapStatus = signal<MapStatus>('loading');
  const mapError = signal<string | null>(null);
  const firstReadyMs = signal<number | null>(null);
  const hiddenLayers = computed(() =>
    Object.entries(layerVisibility.value)
      .filter(([, visible]) => !visible)
      .map(([id]) => id)
      .sort(),
  );
  const isLayerVisible = (id: string) => layerVisibility.value[id] !== false;
  const setLayerVisible = (id: string, visible: boolean) => {
    if (isLayerVisible(id) === visible) return;
    layerVisibility.value = { ...layerVisibility.value, [id]: visible };
  };
  return {
    layerVisibility,
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
