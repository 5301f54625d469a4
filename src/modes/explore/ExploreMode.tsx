/**
 * Explore mode, the everyday map: the offline basemap, every thematic layer, the side panel (layers,
 * filter, summary, analysis, data status), search, the premise card, tooltips, dropped files, and
 * the view kept in the URL. It composes the parts below it and decides nothing about fire safety.
 *
 * Readiness: when every source of a drawn kind has settled (loaded or failed), the basemap's header
 * has been read (or has failed), the camera is placed, and the map reports it has drawn that state,
 * the mode marks the map ready (app state, `data-map-status`, and a performance mark
 * `fire-one-map:map-ready`), which is what the browser tests and the first-map benchmark wait for.
 * The first map draws only its own layers (premises, hydrants); the others join once it is drawn,
 * and when every source has settled and every layer is drawn the mode marks `fire-one-map:all-drawn`
 * (`data-all-drawn="true"`).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSourcesClient } from '../../app/data.ts';
import { applyFilter } from '../../app/filters.ts';
import { createPremiseFileIndex, premiseFile } from '../../app/premise-file.ts';
import { createSearchIndex, type SearchHit } from '../../app/search.ts';
import { useStableCallback } from '../../app/stable-callback.ts';
import { useAppState } from '../../app/state.ts';
import { startUrlSync } from '../../app/url-sync.ts';
import { lang, t } from '../../i18n/index.ts';
import type { FindingRow } from '../../app/findings.ts';
import { ANALYSIS_NAMES, analysisLayerId, createAnalysisLayers } from '../../layers/analysis/index.ts';
import type { ThematicLayerId } from '../../layers/catalog/index.ts';
import { BasemapError, PENDING, chooseInitialBounds } from '../../map/basemap.ts';
import type { MapFocus } from '../../map/MapView.tsx';
import { themeByName } from '../../map/theme.ts';
import type { Kind } from '../../sources/contract/index.ts';
import { PremiseCard } from '../../ui/card/PremiseCard.tsx';
import { SearchBox } from '../../ui/search/SearchBox.tsx';
import { FileDrop, type DroppedFile } from '../../ui/drop/FileDrop.tsx';
import { SourceBanners } from '../../ui/status/SourceBanners.tsx';
import type { Picked } from '../../ui/tooltip/pick.ts';
import { MapPane } from './MapPane.tsx';
import { SidePanel } from './SidePanel.tsx';
import { useAnalyses } from './use-analyses.ts';
import { useDistrict, type DroppedSource } from './use-district.ts';

/**
 * The kinds the first view waits for: the map is ready once these have settled; the rest fill in
 * as they arrive. Roads and buildings are drawn from the basemap tiles, not from their exports.
 */
export const DRAWN_KINDS: readonly Kind[] = ['premises', 'hydrants'];
export const MAP_READY_MARK = 'fire-one-map:map-ready';
/** The other sources wait for the first map at most this long. */
const FIRST_ONLY_DEADLINE_MS = 10_000;
/** Performance mark when the drawn sources have settled (loaded or failed): splits load time from draw time. */
export const DATA_READY_MARK = 'fire-one-map:data-ready';
/** Performance mark when every source has settled and every layer is drawn (after the first map). */
export const ALL_DRAWN_MARK = 'fire-one-map:all-drawn';

interface Banner {
  key: string;
  tone: 'warning' | 'error';
  text: string;
}

export default function ExploreMode() {
  const state = useAppState();
  const client = useSourcesClient();
  const [dropped, setDropped] = useState<readonly DroppedSource[]>([]);
  // The first map reads only what it draws; the other sources follow once it is up (or after a
  // deadline, should the map never report ready). On two CPU cores, parsing alarms and buildings
  // alongside it delayed the first map.
  const firstOnly = useDeadline(FIRST_ONLY_DEADLINE_MS) && state.mapStatus.value === 'loading';
  const district = useDistrict(dropped, firstOnly ? { only: DRAWN_KINDS } : {});
  const onDropped = ({ name, result }: DroppedFile) => {
    const spec = { id: `local:${name}`, kind: result.kind, path: name, crs: 'WGS84' as const, title: name };
    // A file dropped again replaces its earlier copy rather than doubling its features.
    setDropped((list) => [...list.filter((d) => d.name !== name), { name, result, spec, at: Date.now() }]);
  };
  const { now } = district;
  const exposeForTests = useMemo(() => new URLSearchParams(location.search).get('test') === '1', []);

  // The link: read once before the map is created (its camera is the first camera), then kept in step.
  const syncRef = useRef<ReturnType<typeof startUrlSync> | null>(null);
  const initialCamera = useMemo(() => {
    syncRef.current = startUrlSync(state, window);
    return state.camera.peek();
  }, []);
  useEffect(() => () => syncRef.current?.stop(), []);

  const [focus, setFocus] = useState<MapFocus | null>(null);
  const focusKey = useRef(0);
  /** Moves the camera to a point (or fits an extent), as a person asked. */
  const lookAt = (position: readonly [number, number], extent?: readonly [number, number, number, number]) => {
    focusKey.current += 1;
    setFocus(extent
      ? { key: focusKey.current, bounds: extent, maxZoom: 18 }
      : { key: focusKey.current, center: position, zoom: FOCUS_ZOOM });
  };

  const filter = state.filter.value;
  const filtered = useMemo(() => applyFilter(district.collections, filter, now), [district.collections, filter, now]);

  // Search covers everything loaded, not only what the filter shows: a person looking for a name
  // should find it, even when the filter hides it on the map.
  const c = district.collections;
  const searchIndex = useMemo(
    () => (c.premises ? createSearchIndex(c) : null),
    // Only the kinds search covers: an alarms poll does not rebuild it.
    [c.premises, c.hydrants, c.hazard_areas, c.fire_lanes, c.stations, c.grids],
  );
  const onSearchPick = (hit: SearchHit) => {
    lookAt(hit.position, hit.kind === 'premises' ? undefined : hit.bbox);
    if (hit.kind === 'premises') state.selection.value = hit.id;
  };

  // The card: built from everything loaded (its hydrants, lanes and sensors are not filtered away).
  // Built only while a card is open; its parts are cached per source inside.
  const selectedId = state.selection.value;
  const premiseById = useMemo(
    () => (selectedId ? new Map((district.collections.premises?.features ?? []).map((f) => [f.properties.id, f])) : null),
    [district.collections.premises, selectedId !== null],
  );
  const selected = selectedId ? premiseById?.get(selectedId) : undefined;
  const file = useMemo(
    () => (selected ? premiseFile(createPremiseFileIndex(district.collections), selected, now) : null),
    [district.collections, selected, now],
  );
  const selectionMissing = selectedId !== null && !selected && district.collections.premises !== undefined
    && district.sourceQueries.every((q) => !q.isPending);

  const visibility = state.layerVisibility.value;
  const opacity = state.layerOpacity.value;
  const look = useMemo(() => (id: ThematicLayerId) => ({ visible: state.isLayerVisible(id), opacity: state.opacityOf(id) }), [visibility, opacity]);

  const bounds = chooseInitialBounds({
    customBasemap: district.basemapChoice.custom,
    manifest: district.manifestPending ? PENDING : district.manifest?.bbox ?? null,
    archive: district.basemap.isPending ? PENDING : district.basemap.data?.bounds ?? null,
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
  const analyses = useAnalyses(district.collections, district.manifestUrl, district.manifest?.rules);
  const [selectedFinding, setSelectedFinding] = useState<string | null>(null);
  const onFinding = useStableCallback((row: FindingRow) => {
    setSelectedFinding(row.id);
    if (row.position) lookAt(row.position);
    if (row.premiseId) state.selection.value = row.premiseId;
  });
  const analysisLayers = useMemo(
    () => ANALYSIS_NAMES.flatMap((name) => {
      const result = analyses.state[name]?.result;
      if (!result) return [];
      const id = analysisLayerId(name);
      // Not pickable: drawn on top, they would take hover and click from the premises under them;
      // findings are reached from their sorted list.
      return createAnalysisLayers(name, result, { visible: state.isLayerVisible(id), opacity: state.opacityOf(id), selectedId: selectedFinding, pickable: false });
    }),
    // The results, not the run states: a progress report must not rebuild (and redraw) the overlay.
    [...ANALYSIS_NAMES.map((name) => analyses.state[name]?.result), visibility, opacity, selectedFinding],
  );

  const allSettled = !district.manifestPending
    && !district.basemap.isPending
    && (bounds !== PENDING || initialCamera !== null)
    && district.sourceQueries.every((q, i) => !q.isPending || !DRAWN_KINDS.includes(district.specs[i]?.kind as Kind));
  // Read by onSettled: assigned during render, and MapView applies changes in layout effects of the
  // same commit, so a settle callback never pairs old map contents with a newer "all settled".
  const allSettledRef = useRef(false);
  if (allSettled && !allSettledRef.current && performance.getEntriesByName(DATA_READY_MARK).length === 0) performance.mark(DATA_READY_MARK);
  allSettledRef.current = allSettled;

  const mapStatus = state.mapStatus.value;
  const everythingSettled = mapStatus === 'ready' && !district.manifestPending && district.sourceQueries.every((q) => !q.isPending);
  const everythingRef = useRef(false);
  everythingRef.current = everythingSettled;
  const [allDrawn, setAllDrawn] = useState(false);
  const onSettled = () => {
    if (everythingRef.current && !allDrawn) {
      if (performance.getEntriesByName(ALL_DRAWN_MARK).length === 0) performance.mark(ALL_DRAWN_MARK);
      setAllDrawn(true);
    }
    if (!allSettledRef.current || state.mapStatus.peek() !== 'loading') return;
    performance.mark(MAP_READY_MARK);
    state.markMapReady(performance.now());
  };
  const onError = (error: Error, fatal: boolean) => {
    if (fatal) state.markMapError(t('map.webgl'));
    else console.error('[fire-one-map] map error', error);
  };
  const onPick = (picked: Picked | null) => {
    if (!picked) return;
    if (picked.kind === 'premises') state.selection.value = picked.feature.properties.id;
    else if (picked.extra?.premise) state.selection.value = picked.extra.premise.properties.id;
  };

  const banners: Banner[] = [];
  const refused = district.basemapChoice.refused;
  if (refused) banners.push({ key: 'refused', tone: 'warning', text: t('basemap.refused', { given: refused.given }) });
  const basemapError = district.basemap.error;
  const basemapPath = district.basemapChoice.path;
  if (basemapError) {
    const missing = basemapError instanceof BasemapError && basemapError.kind === 'missing';
    banners.push(missing
      ? { key: 'missing', tone: 'error', text: t('basemap.missing', { path: basemapPath }) }
      : { key: 'unreadable', tone: 'error', text: t('basemap.unreadable', { path: basemapPath, detail: basemapError.message }) });
  }
  const basemapStatus = district.basemap.isPending ? 'loading'
    : district.basemap.data ? 'ready'
    : basemapError instanceof BasemapError ? basemapError.kind : 'unreadable';

  return (
    <div class="explore" data-testid="explore" data-map-status={mapStatus} data-all-drawn={allDrawn ? 'true' : 'false'} data-basemap-status={basemapStatus} data-theme={theme.name}>
      <div class="map-area">
        {/* Created at once, not after the manifest: MapLibre's worker starts while the data loads. */}
        <MapPane
          theme={theme}
          basemap={district.basemapSource}
          {...(bounds && bounds !== PENDING ? { bounds } : {})}
          camera={initialCamera}
          focus={focus}
          collections={filtered}
          look={look}
          extraLayers={analysisLayers}
          now={now}
          selectedId={selectedId}
          maskPersonal={state.maskPersonal.value}
          uiStrings={uiStrings}
          exposeForTests={exposeForTests}
          settleKey={everythingSettled ? 'everything' : allSettled ? 'all-settled' : 'loading'}
          onSettled={onSettled}
          onError={onError}
          onCameraChange={(camera, b) => {
            state.camera.value = camera;
            state.viewBounds.value = b;
          }}
          onPick={onPick}
          animate={mapStatus === 'ready'}
          basemapSettled={!district.basemap.isPending}
        />
        <div class="map-search">
          <SearchBox index={searchIndex} onPick={onSearchPick} />
        </div>
        {file ? (
          <div class="map-card">
            <PremiseCard
              file={file}
              maskPersonal={state.maskPersonal.value}
              now={now}
              onClose={() => { state.selection.value = null; }}
              onFocusFeature={(lonLat) => lookAt(lonLat)}
            />
          </div>
        ) : null}
        {selectionMissing ? <div class="map-note" role="status">{t('explore.not_found', { id: selectedId })}</div> : null}
        {banners.length ? (
          <div class="map-banners" data-testid="basemap-banner">
            {banners.map((b) => (
              <div key={b.key} class={`map-banner map-banner--${b.tone}`} role="alert" data-kind={b.key}>{b.text}</div>
            ))}
          </div>
        ) : null}
        <SourceBanners items={district.statusItems} />
        <FileDrop parse={(file) => client.request('parse', file)} onParsed={onDropped} />
        {mapStatus === 'loading' ? <div class="map-busy" role="status">{t('map.loading')}</div> : null}
        {mapStatus === 'error' ? <div class="map-failed" role="alert">{state.mapError.value}</div> : null}
      </div>
      <aside class="side-panel">
        <SidePanel district={district} filtered={filtered} analyses={analyses} selectedFinding={selectedFinding} onFinding={onFinding} />
      </aside>
    </div>
  );
}

/** Zoom a search hit or a list entry is shown at: a building and its neighbours. */
const FOCUS_ZOOM = 17;

/** True until `ms` have passed since the first render. */
function useDeadline(ms: number): boolean {
  const [pending, setPending] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setPending(false), ms);
    return () => clearTimeout(timer);
  }, []);
  return pending;
}
