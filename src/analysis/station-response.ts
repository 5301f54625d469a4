/**
 * Fire-station response over the street network (GB 51080-2015 §4.1.3: the first crew reaches the edge
 * of its district within 5 minutes of the turnout order): premises and area cells that no station
 * reaches within the budget, with blocked lanes left out of the network.
 *
 * Travel time = (street distance + route_factor × straight legs) / engine speed, where the straight legs
 * are station → its nearest usable street and street → premises (the route factor, 1.3–1.5 in the GB
 * 51080 commentary, turns straight-line metres into street metres). Street distance comes from ONE
 * multi-source Dijkstra from all stations at once (each starting with its own leg as initial cost).
 *
 * A premises or cell is placed on its nearest street of ALL streets, blocked or not (its address):
 * when that street is blocked the engine cannot drive to its front and it counts as unreachable
 * ('front_blocked'), as routeBetween does in street-graph.ts. Nothing within maxSnap_m: 'off_network'.
 */
import type { BBox, Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { distanceAt, graphFromRoads, multiSourceDijkstra, snapMany, splitGraph, type RoadGraph } from './network.ts';
import { cellRing, layoutCells } from './coverage-grid.ts';
import { roundTo } from './packed.ts';
import { DEFAULT_RULES, type Rules } from './rules.ts';
import { anchorXY, COLOURS, projectionFor, requireCollection, requirePositive, type SimpleStyle } from './common.ts';
import type { Lines } from './hydrant-network.ts';
import type { PremiseProps, RoadProps, StationProps } from '../sources/contract/types.ts';
import type { EnumOf } from '../sources/contract/enums.ts';

export interface StationResponseOptions {
  rules?: Rules;
  /** Budget in minutes (default rules.response.response_min, 5; use travel_min, 4, to leave a minute for turnout). */
  minutes?: number;
  /** Engine speed (default rules.response.engine_speed_kmh, 30). */
  speed_kmh?: number;
  /** Factor on the straight legs off the street network (default rules.response.route_factor, 1.4). */
  route_factor?: number;
  /** Station kinds that respond (default fire_station and fulltime_brigade; micro stations have no engine). */
  stationKinds?: readonly EnumOf<'station_kind'>[];
  /** Lanes left out of routing (default none; blockedLanes(fireLanes) picks blocked and partly blocked ones). */
  blocked?: Lines;
  /** Stations, premises and cell centres farther than this from every street are off the network (default 100 m). */
  maxSnap_m?: number;
  /** Side of the area cells in metres (default 100); 0 for no cells. */
  cell_m?: number;
  /** Area the cells cover (default: the box of the roads). */
  area?: BBox;
  /** Include premises and cells within the budget too (default false: only those beyond it). */
  all?: boolean;
  /** A graph built beforehand by graphFromRoads from these roads and blocked lanes (skips building one). */
  graph?: RoadGraph;
  /** Projection to metres (default: centred on the roads). */
  projection?: LocalProjection;
}

export type ResponseStatus = 'within' | 'beyond_budget' | 'unreachable' | 'front_blocked' | 'off_network';

export interface StationResponseProps extends SimpleStyle {
  kind: 'premise' | 'cell';
  /** The premises id, or the cell's row/column ("r12c-3"). */
  id: string;
  /** Minutes from the quickest station (0.01), or null when unreachable. */
  travel_min: number | null;
  /** Street metres plus route_factor × straight legs (0.01), or null. */
  distance_m: number | null;
  /** The quickest station, or null. */
  station: string | null;
  status: ResponseStatus;
  budget_min: number;
  clause: string;
  /** Cell area in m² (cells only, else null). */
  area_m2: number | null;
}

const STATUS_COLOUR: Record<ResponseStatus, string> = {
  within: COLOURS.ok, beyond_budget: COLOURS.deficient, unreachable: COLOURS.major, front_blocked: COLOURS.major, off_network: COLOURS.muted,
};

/**
 * Premises and area cells beyond the response budget of every station (or all of them with `all`),
 * premises first. Premises keep their geometry; cells are squares.
 * @example stationResponse(stations, roads, premises, { blocked: blockedLanes(fireLanes) })
 */
export function stationResponse(
  stations: FeatureCollection<Point, StationProps>,
  roads: FeatureCollection<LineString | MultiLineString, RoadProps>,
  premises: FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>,
  options: StationResponseOptions = {},
): FeatureCollection<Point | Polygon | MultiPolygon, StationResponseProps> {
  requireCollection('stations', stations);
  requireCollection('roads', roads);
  requireCollection('premises', premises);
  const rules = options.rules ?? DEFAULT_RULES;
  const minutes = options.minutes ?? rules.response.response_min.value;
  const speed = ((options.speed_kmh ?? rules.response.engine_speed_kmh.value) * 1000) / 60; // metres per minute
  const factor = options.route_factor ?? rules.response.route_factor.value;
  const maxSnap = options.maxSnap_m ?? 100;
  const cell = options.cell_m ?? 100;
  for (const [name, x] of [['minutes', minutes], ['speed_kmh', speed], ['route_factor', factor], ['maxSnap_m', maxSnap]] as const) requirePositive(name, x);
  if (!(cell >= 0)) throw new Error(`cell_m must be 0 or more, got ${String(cell)}`);
  const proj = options.graph?.graph.projection ?? options.projection ?? projectionFor(roads.features);
  const { graph } = options.graph ?? graphFromRoads(roads.features, options.blocked?.features ?? [], proj);
  const kinds = options.stationKinds ?? ['fire_station', 'fulltime_brigade'];
  const responding = stations.features.filter((s) => s.geometry?.type === 'Point' && kinds.includes(s.properties.kind));
  const sxy = new Float64Array(2 * responding.length);
  responding.forEach((s, k) => { const p = proj.toXY(s.geometry.coordinates); sxy[2 * k] = p[0]; sxy[2 * k + 1] = p[1]; });
  const sSnaps = snapMany(graph, responding.length, { xy: sxy }, maxSnap, { skipExcluded: true });
  const split = splitGraph(graph, sSnaps, true);
  const initial = Float64Array.from(sSnaps.gap, (g) => (Number.isFinite(g) ? g * factor : 0));
  const budget = minutes * speed;
  // No cutoff: the whole network is small next to the premises, and it tells "too far" from "no way".
  const search = multiSourceDijkstra(split, split.placeNode, Infinity, initial);
  const clause = rules.response.response_min.clause;

  /** Status and figures for places snapped on the full graph; emits those beyond the budget (or all). */
  const evaluate = (xy: Float64Array, count: number, emit: (k: number, base: Base) => void): void => {
    const snaps = snapMany(graph, count, { xy }, maxSnap, { skipExcluded: false });
    const at = { d: Infinity, origin: -1 };
    for (let k = 0; k < count; k++) {
      const e = snaps.edge[k] as number;
      let status: ResponseStatus, d = Infinity, origin = -1;
      if (!Number.isFinite(xy[2 * k] as number)) continue;
      if (e < 0) status = 'off_network';
      else if (graph.edgeExcluded[e]) status = 'front_blocked';
      else {
        distanceAt(split, search, e, snaps.t[k] as number, at);
        d = at.d + factor * (snaps.gap[k] as number); origin = at.origin;
        status = d <= budget ? 'within' : Number.isFinite(d) ? 'beyond_budget' : 'unreachable';
      }
      if (status === 'within' && !options.all) continue;
      const reached = Number.isFinite(d);
      emit(k, {
        travel_min: reached ? roundTo(d / speed) : null, distance_m: reached ? roundTo(d) : null,
        station: reached && origin >= 0 ? (responding[origin]?.properties.id ?? null) : null, status,
      });
    }
  };

  // Each feature's properties are one literal with every key (spreading style into 100k objects is slow).
  const features: Feature<Point | Polygon | MultiPolygon, StationResponseProps>[] = [];
  const pxy = new Float64Array(2 * premises.features.length).fill(NaN);
  premises.features.forEach((f, k) => { const at = anchorXY(f.geometry, proj); if (at) { pxy[2 * k] = at[0]; pxy[2 * k + 1] = at[1]; } });
  evaluate(pxy, premises.features.length, (k, b) => {
    const f = premises.features[k] as Feature<Point | Polygon | MultiPolygon, PremiseProps>;
    const c = STATUS_COLOUR[b.status];
    features.push({
      type: 'Feature', geometry: f.geometry,
      properties: {
        kind: 'premise', id: f.properties.id, travel_min: b.travel_min, distance_m: b.distance_m, station: b.station, status: b.status, budget_min: minutes, clause,
        area_m2: null, stroke: c, 'stroke-width': 1, fill: c, 'fill-opacity': 0.4, 'marker-color': c,
      },
    });
  });
  if (cell > 0) {
    const box = options.area ?? roadBox(roads);
    const [x0, y0] = proj.toXY([box[0], box[1]]), [x1, y1] = proj.toXY([box[2], box[3]]);
    const centres: number[] = [], names: string[] = [];
    layoutCells([x0, y0, x1, y1], cell, 'square', (cx, cy, row, col) => { centres.push(cx, cy); names.push(`r${row}c${col}`); });
    const cxy = Float64Array.from(centres);
    evaluate(cxy, names.length, (k, b) => {
      const c = STATUS_COLOUR[b.status];
      features.push({
        type: 'Feature', geometry: { type: 'Polygon', coordinates: [cellRing(proj, 'square', cxy[2 * k] as number, cxy[2 * k + 1] as number, cell)] },
        properties: {
          kind: 'cell', id: names[k] as string, travel_min: b.travel_min, distance_m: b.distance_m, station: b.station, status: b.status, budget_min: minutes, clause,
          area_m2: cell * cell, stroke: c, 'stroke-width': 1, fill: c, 'fill-opacity': 0.35, 'marker-color': c,
        },
      });
    });
  }
  return { type: 'FeatureCollection', features };
}

type Base = Pick<StationResponseProps, 'travel_min' | 'distance_m' | 'station' | 'status'>;

function roadBox(roads: FeatureCollection<LineString | MultiLineString, RoadProps>): BBox {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of roads.features) {
    const lines = !f.geometry ? [] : f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const l of lines) for (const p of l) {
      b[0] = Math.min(b[0], p[0] as number); b[1] = Math.min(b[1], p[1] as number); b[2] = Math.max(b[2], p[0] as number); b[3] = Math.max(b[3], p[1] as number);
    }
  }
  return b;
}
