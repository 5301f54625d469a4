/**
 * The map of explore mode: basemap, every thematic layer (plus any extra layers, e.g. analysis
 * results), hover tooltips, clicks that select a premise, and the alarm pulse. Owns the animation
 * clock so that a pulse frame re-renders only this pane, not the panels beside it.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Collections } from '../../app/filters.ts';
import type { ThematicLayerId } from '../../layers/catalog/index.ts';
import { detailAt, sameDetail, type Detail } from '../../layers/detail/index.ts';
import type { Bounds, CameraView, MapUiStrings } from '../../map/map-shell.ts';
import { MapView, type MapFocus } from '../../map/MapView.tsx';
import type { Theme } from '../../map/theme.ts';
import type { BasemapStyleSource } from '../../map/style.ts';
import { pickedFeature, type Picked } from '../../ui/tooltip/pick.ts';
import { Tooltip } from '../../ui/tooltip/Tooltip.tsx';
import { tooltipContent } from '../../ui/tooltip/tooltip-content.ts';
import { useThematicLayers, type LayerLook } from './thematic-layers.ts';

export interface MapPaneProps {
  theme: Theme;
  basemap: BasemapStyleSource | null;
  bounds?: Bounds;
  camera: CameraView | null;
  focus: MapFocus | null;
  /** What the layers draw (already filtered). */
  collections: Collections;
  look: (id: ThematicLayerId) => LayerLook;
  /** Drawn above the thematic layers. */
  extraLayers: readonly Layer[];
  now: Date;
  selectedId: string | null;
  maskPersonal: boolean;
  uiStrings: MapUiStrings;
  exposeForTests: boolean;
  settleKey: string;
  onSettled: () => void;
  onError: (error: Error, fatal: boolean) => void;
  onCameraChange: (camera: CameraView, bounds: Bounds) => void;
  /** Animate (the alarm pulse) only once the first map is drawn: its frames would delay it. */
  animate: boolean;
  /** Whether the basemap archive's header has been read (or failed): `basemap` is then final. */
  basemapSettled: boolean;
  /** A click on a feature (or on nothing: null). */
  onPick: (picked: Picked | null, info: PickingInfo) => void;
}

/**
 * Milliseconds between pulse frames. Every frame redraws the whole overlay, which on a CPU renderer
 * (a wall PC without a GPU, SwiftShader) costs tens of milliseconds: five frames a second still
 * reads as a pulse and leaves the main thread mostly free.
 */
const PULSE_FRAME_MS = 200;

/**
 * The alarm pulse's clock: ticks while `active`, the page is visible and motion is welcome; else it
 * stands still (a still ring is drawn).
 */
function usePulseClock(active: boolean): number {
  const [time, setTime] = useState(0);
  useEffect(() => {
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    if (!active || reduced) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setTime(performance.now());
    }, PULSE_FRAME_MS);
    return () => clearInterval(timer);
  }, [active]);
  return time;
}

interface Hover {
  picked: Picked;
  x: number;
  y: number;
}

export function MapPane(props: MapPaneProps) {
  const { collections, look, now, selectedId, extraLayers } = props;
  const alarmsVisible = look('alarms').visible;
  const alarms = collections.alarms;
  const anyUnacknowledged = useMemo(() => alarms?.features.some((a) => !a.properties.acknowledged) ?? false, [alarms]);
  // On a CPU renderer every pulse frame redraws the whole overlay in software (seconds per frame on
  // a busy 2-core PC): the rings are drawn still there, which marks unacknowledged alarms all the same.
  const [software, setSoftware] = useState(false);
  const pulsing = props.animate && !software && alarmsVisible && anyUnacknowledged;
  const pulseTime = usePulseClock(pulsing);
  // Layer objects are cheap; deck only sets up (shaders, buffers) the layers it is given, so the
  // first map gets just its own and the rest join once it is drawn.
  // Deck waits for the basemap's first tiles (or for there being none to wait for): see ThematicStage.
  const [basemapDrawn, setBasemapDrawn] = useState(false);
  const basemapWait = !basemapDrawn && !(props.basemapSettled && props.basemap === null);
  const stage = props.animate ? 'all' : basemapWait ? 'none' : 'first';
  const stageRef = useRef(stage);
  stageRef.current = stage;
  // Detail by zoom: re-derived after each move, a new object only when a threshold is crossed.
  const [detail, setDetail] = useState<Detail>(() => detailAt(props.camera?.zoom ?? null));
  const onCameraChange = (camera: CameraView, bounds: Bounds) => {
    const next = detailAt(camera.zoom);
    setDetail((current) => (sameDetail(current, next) ? current : next));
    props.onCameraChange(camera, bounds);
  };
  const thematic = useThematicLayers({ collections, look, now, pulseTime, selectedId, stage, detail });
  const layers = useMemo(() => [...thematic, ...extraLayers], [thematic, extraLayers]);

  const [hover, setHover] = useState<Hover | null>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const sources = useRef(collections);
  sources.current = collections;

  const onHover = (info: PickingInfo) => {
    const picked = info.index >= 0 ? pickedFeature(info, sources.current) : null;
    setHover(picked ? { picked, x: info.x, y: info.y } : null);
  };
  const onClick = (info: PickingInfo) => {
    props.onPick(info.index >= 0 ? pickedFeature(info, sources.current) : null, info);
  };
  const size = { width: areaRef.current?.clientWidth ?? 0, height: areaRef.current?.clientHeight ?? 0 };
  const content = hover ? tooltipContent(hover.picked, now, { maskPersonal: props.maskPersonal }) : null;

  return (
    <div class="map-pane" ref={areaRef}>
      <MapView
        theme={props.theme}
        basemap={props.basemap}
        {...(props.bounds ? { bounds: props.bounds } : {})}
        camera={props.camera}
        focus={props.focus}
        layers={layers}
        uiStrings={props.uiStrings}
        exposeForTests={props.exposeForTests}
        settleKey={props.settleKey}
        onSettled={() => {
          // A map settled before deck has its layers is not the map the caller waits for.
          if (stageRef.current !== 'none') props.onSettled();
        }}
        onError={props.onError}
        onHover={onHover}
        onClick={onClick}
        onCameraChange={onCameraChange}
        onCreated={(info) => setSoftware(info.softwareRenderer)}
        onIdle={({ basemapUrl }) => {
          if (basemapUrl !== null) setBasemapDrawn(true);
        }}
      />
      {content && hover ? <Tooltip content={content} x={hover.x} y={hover.y} containerSize={size} /> : null}
    </div>
  );
}
