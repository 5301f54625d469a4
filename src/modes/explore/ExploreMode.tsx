/**
 * Explore mode, the first map: the offline basemap (a PMTiles archive, `tiles/basemap.pmtiles` or
 * `?basemap=<same-origin path>`), premises and hydrants as deck layers, the legend and the data
 * status. Composes the pieces below it; computes nothing itself.
 *
 * Readiness: when every source of a drawn kind has settled (loaded or failed), the basemap's header
 * has been read (or has failed), the camera is placed, and the map reports it has drawn that state,
 * the mode marks the map ready (app state, `data-map-status`, and a performance mark
 * `fire-one-map:map-ready`), which is what the browser test and the first-map benchmark wait for.
 */
import { useQueries, useQuery } from '@tanstack/preact-query';
import { useMemo, useRef } from 'preact/hooks';
import { basemapQuery, collectionsByKind, manifestQuery, manifestUrlFor, sourceQuery, useSourcesClient } from '../../app/data.ts';
import { useAppState } from '../../app/state.ts';
import { lang, t } from '../../i18n/index.ts';
import { HYDRANTS_LAYER_ID, createHydrantsLayer, hydrantsLegend } from '../../layers/hydrants/index.ts';
import { PREMISES_LAYER_ID, createPremisesLayer, premisesLegend } from '../../layers/premises/index.ts';
import { BasemapError, PENDING, chooseBasemap, chooseInitialBounds, pmtilesSourceUrl } from '../../map/basemap.ts';
import { MapView } from '../../map/MapView.tsx';
import { themeByName } from '../../map/theme.ts';
import type { CollectionOf, Kind } from '../../sources/contract/index.ts';
import type { SourceSpec } from '../../sources/manifest-types.ts';
import { Legend } from '../../ui/legend/Legend.tsx';
import { SourceStatus, type SourceStatusItem } from '../../ui/status/SourceStatus.tsx';

const NO_SPECS: readonly SourceSpec[] = [];
/**
 * The kinds this mode draws: the map is ready once these have settled; the rest only feed the status.
 * Roads and buildings are drawn from the basemap tiles, not from their exports.
 */
export const DRAWN_KINDS: readonly Kind[] = ['premises', 'hydrants'];
// Stable empty collections: layers exist (with their ids) before data arrives, and keep `data` identity.
const NO_PREMISES: CollectionOf<'premises'> = { type: 'FeatureCollection', features: [] };
const NO_HYDRANTS: CollectionOf<'hydrants'> = { type: 'FeatureCollection', features: [] };
const LEGEND = [hydrantsLegend(), premisesLegend()];
export const MAP_READY_MARK = 'fire-one-map:map-ready';
/** Performance mark when the drawn sources have settled (loaded or failed): splits load time from draw time. */
export const DATA_READY_MARK = 'fire-one-map:data-ready';

function errorText(error: unknown): string {
  return t('error.worker', { message: error instanceof Error ? error.message : String(error) });
}

interface Banner {
  key: string;
  tone: 'warning' | 'error';
  text: string;
}

export default function ExploreMode() {
  const state = useAppState();
  const client = useSourcesClient();
  const manifestUrl = useMemo(() => manifestUrlFor(document.baseURI), []);
  const basemapChoice = useMemo(() => chooseBasemap(location.search, document.baseURI), []);
  const exposeForTests = useMemo(() => new URLSearchParams(location.search).get('test') === '1', []);
  const basemapQ = useQuery(basemapQuery(basemapChoice.url));
  const basemapSource = useMemo(() => (basemapQ.data ? { url: pmtilesSourceUrl(basemapChoice.url) } : null), [basemapQ.data]);
  const manifestQ = useQuery(manifestQuery(client, manifestUrl));
  const manifest = manifestQ.data?.manifest ?? null;
  const specs = manifest?.sources ?? NO_SPECS;
  const sourceQs = useQueries({ queries: specs.map((spec) => sourceQuery(client, manifestUrl, spec)) });

  const results = sourceQs.map((q) => q.data);
  // The results' identities are the dependencies: a source refetch that changed nothing keeps its
  // object (structural sharing), so the layers keep their data and deck uploads nothing.
  const byKind = useMemo(() => collectionsByKind(results), results);

  const hidden = state.hiddenLayers.value;
  const layers = useMemo(
    () => [
      ...createPremisesLayer(byKind.premises ?? NO_PREMISES, { visible: state.isLayerVisible(PREMISES_LAYER_ID) }),
      ...createHydrantsLayer(byKind.hydrants ?? NO_HYDRANTS, { visible: state.isLayerVisible(HYDRANTS_LAYER_ID) }),
    ],
    [byKind.premises, byKind.hydrants, hidden],
  );
  const bounds = chooseInitialBounds({
    customBasemap: basemapChoice.custom,
    manifest: manifestQ.isPending ? PENDING : manifest?.bbox ?? null,
    archive: basemapQ.isPending ? PENDING : basemapQ.data?.bounds ?? null,
  });
  const theme = themeByName(state.theme.value);

  const language = lang.value;
  const uiStrings = useMemo(
    () => ({
      zoomIn: t('map.zoom_in'),
      zoomOut: t('map.zoom_out'),
      resetBearing: t('map.reset_bearing'),
      mapTitle: t('app.title'),
      attribution: t('map.attribution'),
    }),
    [language],
  );

  const manifestSettled = !manifestQ.isPending;
  const allSettled = manifestSettled
    && !basemapQ.isPending
    && bounds !== PENDING
    && sourceQs.every((q, i) => !q.isPending || !DRAWN_KINDS.includes(specs[i]?.kind as Kind));
  // Read by onSettled: assigned during render, and MapView applies changes in layout effects of the
  // same commit, so a settle callback never pairs old map contents with a newer "all settled".
  const allSettledRef = useRef(false);
  if (allSettled && !allSettledRef.current && performance.getEntriesByName(DATA_READY_MARK).length === 0) performance.mark(DATA_READY_MARK);
  allSettledRef.current = allSettled;

  const onSettled = () => {
    if (!allSettledRef.current || state.mapStatus.peek() !== 'loading') return;
    performance.mark(MAP_READY_MARK);
    state.markMapReady(performance.now());
  };
  const onError = (error: Error, fatal: boolean) => {
    if (fatal) state.markMapError(t('map.webgl'));
    else console.error('[fire-one-map] map error', error);
  };

  const statusItems: SourceStatusItem[] = specs.map((spec, i) => {
    const q = sourceQs[i];
    const item: SourceStatusItem = {
      spec,
      status: !q || q.isPending ? 'pending' : q.data ? 'success' : 'error',
      fetching: q?.isFetching ?? false,
    };
    if (q?.data) item.result = q.data;
    if (q?.error) item.error = errorText(q.error);
    if (q?.dataUpdatedAt) item.updatedAt = q.dataUpdatedAt;
    return item;
  });
  const manifestError = manifestQ.isError
    ? errorText(manifestQ.error)
    : manifestQ.isSuccess && !manifest ? t('status.failed') : undefined;

  const banners: Banner[] = [];
  const refused = basemapChoice.refused;
  if (refused) banners.push({ key: 'refused', tone: 'warning', text: t('basemap.refused', { given: refused.given }) });
  const basemapError = basemapQ.error;
  if (basemapError) {
    const missing = basemapError instanceof BasemapError && basemapError.kind === 'missing';
    banners.push(missing
      ? { key: 'missing', tone: 'error', text: t('basemap.missing', { path: basemapChoice.path }) }
      : { key: 'unreadable', tone: 'error', text: t('basemap.unreadable', { path: basemapChoice.path, detail: basemapError.message }) });
  }
  const basemapStatus = basemapQ.isPending ? 'loading'
    : basemapQ.data ? 'ready'
    : basemapError instanceof BasemapError ? basemapError.kind : 'unreadable';

  const mapStatus = state.mapStatus.value;
  return (
    <div class="explore" data-testid="explore" data-map-status={mapStatus} data-basemap-status={basemapStatus} data-theme={theme.name}>
      <div class="map-area">
        {/* Created at once, not after the manifest: MapLibre's worker starts while the data loads. */}
        <MapView
          theme={theme}
          basemap={basemapSource}
          {...(bounds && bounds !== PENDING ? { bounds } : {})}
          layers={layers}
          uiStrings={uiStrings}
          exposeForTests={exposeForTests}
          settleKey={allSettled ? 'all-settled' : 'loading'}
          onSettled={onSettled}
          onError={onError}
        />
        {banners.length ? (
          <div class="map-banners" data-testid="basemap-banner">
            {banners.map((b) => (
              <div key={b.key} class={`map-banner map-banner--${b.tone}`} role="alert" data-kind={b.key}>{b.text}</div>
            ))}
          </div>
        ) : null}
        {mapStatus === 'loading' ? <div class="map-busy" role="status">{t('map.loading')}</div> : null}
        {mapStatus === 'error' ? <div class="map-failed" role="alert">{state.mapError.value}</div> : null}
      </div>
      <aside class="side-panel">
        <Legend entries={LEGEND} isVisible={state.isLayerVisible} onToggle={state.toggleLayer} />
        <SourceStatus
          manifestReport={manifestQ.data?.report ?? []}
          {...(manifestError ? { manifestError } : {})}
          sources={statusItems}
        />
        {manifestSettled && specs.length === 0 && !manifestError ? <p class="status-empty">{t('status.no_sources')}</p> : null}
      </aside>
    </div>
  );
}
