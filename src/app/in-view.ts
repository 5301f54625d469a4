/**
 * What is in the map's view: per kind, the features whose geometry meets the view's bounds.
 *
 * `createViewIndex` packs every feature's bounding box into one Flatbush tree per kind, once per data
 * change; `inView` then asks each tree for the boxes that meet the bounds and checks the geometry
 * only for lines and polygons whose box is cut by the bounds (an L-shaped area can have its box in
 * view and itself outside). Bounds are [west, south, east, north] in degrees, not crossing the
 * antimeridian (a sub-district never does).
 *
 * Identity, so memoised consumers (deriveFacts, layers) recompute nothing needlessly:
 * - a collection wholly in view is returned as the same object;
 * - a collection whose kept features are exactly those of the previous answer for it gets the
 *   previous answer object back (panning within a street keeps the result);
 * - the collections object itself is returned when no kind changed, else the previous result
 *   object when every kind matches it.
 *
 * The collections passed to `inView` may be the indexed ones or subsets of them (the filtered
 * collections, which keep the same feature objects): a subset is narrowed by the tree's hits. A
 * collection the index has never seen (data newer than the index) is checked feature by feature.
 */
import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';
import { bboxOfCoordinates, pointInPolygonXY, segmentsIntersect, type XY } from '../analysis/geo.ts';
import { KIND_NAMES, type Kind } from '../sources/contract/index.ts';
import type { Collections } from './filters.ts';

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

type AnyFeature = { readonly geometry: Geometry | null };
type AnyCollection = { readonly type: 'FeatureCollection'; readonly features: readonly AnyFeature[] };

/** One kind's tree over the features of the collection it was built from. */
interface KindIndex {
  readonly collection: AnyCollection;
  /** Null when no feature has coordinates (Flatbush needs at least one item). */
  readonly tree: Flatbush | null;
  /** Feature index of each tree item (features without coordinates are left out of the tree). */
  readonly featureAt: Uint32Array;
}

/** Spatial index of a set of collections, from {@link createViewIndex}. */
export interface ViewIndex {
  readonly kinds: { readonly [K in Kind]?: KindIndex };
}

/** Box of a geometry; NaN-free, or null when it has no coordinates. */
function boxOf(g: Geometry | null): [number, number, number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') {
    const [x, y] = g.coordinates;
    return x === undefined || y === undefined ? null : [x, y, x, y];
  }
  const box = g.type === 'GeometryCollection' ? bboxOfCoordinates(g.geometries.map((c) => ('coordinates' in c ? c.coordinates : []))) : bboxOfCoordinates(g.coordinates);
  return Number.isFinite(box[0]) && Number.isFinite(box[1]) ? box : null;
}

function indexKind(collection: AnyCollection): KindIndex {
  const boxes: [number, number, number, number][] = [];
  const featureAt: number[] = [];
  collection.features.forEach((f, i) => {
    const box = boxOf(f.geometry);
    if (box) { boxes.push(box); featureAt.push(i); }
  });
  if (boxes.length === 0) return { collection, tree: null, featureAt: new Uint32Array(0) };
  const tree = new Flatbush(boxes.length);
  for (const [w, s, e, n] of boxes) tree.add(w, s, e, n);
  tree.finish();
  return { collection, tree, featureAt: Uint32Array.from(featureAt) };
}

/**
 * Builds one bounding-box tree per kind present. Call it when the data changes, not when the view does.
 * @example const index = createViewIndex(collections); inView(index, applyFilter(collections, f, now), [118.57, 24.79, 118.59, 24.81])
 */
export function createViewIndex(collections: Collections): ViewIndex {
  const kinds: { [K in Kind]?: KindIndex } = {};
  for (const kind of KIND_NAMES) {
    const c = collections[kind] as AnyCollection | undefined;
    if (!c) continue;
    // Trees are kept per collection object: a poll of one source rebuilds that source's tree only.
    let tree = trees.get(c);
    if (!tree) trees.set(c, (tree = indexKind(c)));
    kinds[kind] = tree;
  }
  return { kinds };
}

const trees = new WeakMap<AnyCollection, KindIndex>();

// ---------------------------------------------------------------------------------------------
// Exact test for lines and polygons whose box is cut by the bounds

function inside(p: readonly number[], b: Bounds): boolean {
  const x = p[0] as number;
  const y = p[1] as number;
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

function segmentMeetsBounds(a: XY, c: XY, b: Bounds, edges: readonly (readonly [XY, XY])[]): boolean {
  if (inside(a, b) || inside(c, b)) return true;
  return edges.some(([p, q]) => segmentsIntersect(a, c, p, q));
}

function lineMeetsBounds(line: readonly Position[], b: Bounds, edges: readonly (readonly [XY, XY])[]): boolean {
  if (line.length === 1) return inside(line[0] as Position, b);
  for (let i = 1; i < line.length; i++) if (segmentMeetsBounds(line[i - 1] as unknown as XY, line[i] as unknown as XY, b, edges)) return true;
  return false;
}

function polygonMeetsBounds(rings: readonly (readonly Position[])[], b: Bounds, edges: readonly (readonly [XY, XY])[]): boolean {
  if (rings.some((ring) => lineMeetsBounds(ring, b, edges))) return true;
  // No edge meets the bounds: either the view lies wholly inside the polygon, or they are apart.
  return pointInPolygonXY([b[0], b[1]], rings as unknown as readonly (readonly XY[])[]);
}

function geometryMeetsBounds(g: Geometry, b: Bounds, edges: readonly (readonly [XY, XY])[]): boolean {
  switch (g.type) {
    case 'Point': return inside(g.coordinates, b);
    case 'MultiPoint': return g.coordinates.some((p) => inside(p, b));
    case 'LineString': return lineMeetsBounds(g.coordinates, b, edges);
    case 'MultiLineString': return g.coordinates.some((l) => lineMeetsBounds(l, b, edges));
    case 'Polygon': return polygonMeetsBounds(g.coordinates, b, edges);
    case 'MultiPolygon': return g.coordinates.some((p) => polygonMeetsBounds(p, b, edges));
    case 'GeometryCollection': return g.geometries.some((c) => geometryMeetsBounds(c, b, edges));
  }
}

function boundsEdges(b: Bounds): (readonly [XY, XY])[] {
  const sw: XY = [b[0], b[1]], se: XY = [b[2], b[1]], ne: XY = [b[2], b[3]], nw: XY = [b[0], b[3]];
  return [[sw, se], [se, ne], [ne, nw], [nw, sw]];
}

/** Whether the geometry of a feature whose box is [w, s, e, n] meets the bounds. */
function meets(g: Geometry | null, w: number, s: number, e: number, n: number, b: Bounds, edges: readonly (readonly [XY, XY])[]): boolean {
  if (!g) return false;
  if (w > b[2] || e < b[0] || s > b[3] || n < b[1]) return false;
  if (w >= b[0] && e <= b[2] && s >= b[1] && n <= b[3]) return true; // box wholly in view
  return geometryMeetsBounds(g, b, edges);
}

// ---------------------------------------------------------------------------------------------
// Answers, with identity kept where nothing changed

const lastAnswer = new WeakMap<object, AnyCollection>();
const lastResult = new WeakMap<object, Collections>();

/** `kept` as a collection: the input when all are kept, the previous answer when it is the same. */
function answer(input: AnyCollection, kept: readonly AnyFeature[]): AnyCollection {
  if (kept.length === input.features.length) return input;
  const previous = lastAnswer.get(input);
  if (previous && previous.features.length === kept.length && previous.features.every((f, i) => f === kept[i])) return previous;
  const out = { ...input, features: kept };
  lastAnswer.set(input, out);
  return out;
}

/** One feature checked without the tree (a feature the index has not seen). */
function featureMeets(f: AnyFeature, b: Bounds, edges: readonly (readonly [XY, XY])[]): boolean {
  const box = boxOf(f.geometry);
  return box !== null && meets(f.geometry, box[0], box[1], box[2], box[3], b, edges);
}

/** Every feature object of the indexed collection, built the first time a subset is asked about. */
const membersOf = new WeakMap<KindIndex, ReadonlySet<AnyFeature>>();
function members(entry: KindIndex): ReadonlySet<AnyFeature> {
  let set = membersOf.get(entry);
  if (!set) membersOf.set(entry, (set = new Set(entry.collection.features)));
  return set;
}

function keptFeatures(entry: KindIndex | undefined, input: AnyCollection, b: Bounds, edges: readonly (readonly [XY, XY])[]): readonly AnyFeature[] {
  const features = input.features;
  // Not indexed, or indexed empty: one linear pass (still no pairs).
  if (!entry || !entry.tree) return features.filter((f) => featureMeets(f, b, edges));
  const source = entry.collection.features;
  const { featureAt } = entry;
  const hits = entry.tree
    .search(b[0], b[1], b[2], b[3], (item, w, s, e, n) => meets(source[featureAt[item] as number]?.geometry ?? null, w, s, e, n, b, edges))
    .map((item) => featureAt[item] as number);
  if (input === entry.collection) {
    hits.sort((x, y) => x - y); // keep the collection's order (it is the drawing order)
    return hits.map((i) => source[i] as AnyFeature);
  }
  // A subset (filtered) keeps the indexed feature objects; anything else is newer than the index.
  const hitSet = new Set<AnyFeature>();
  for (const i of hits) hitSet.add(source[i] as AnyFeature);
  const known = members(entry);
  return features.filter((f) => hitSet.has(f) || (!known.has(f) && featureMeets(f, b, edges)));
}

/**
 * The features of each collection that meet the bounds, per kind (absent kinds stay absent).
 * @param index built by {@link createViewIndex} from these collections or from a superset of them
 *   (e.g. the unfiltered ones, when `collections` are filtered).
 * @param collections collections by kind: the indexed ones or subsets of them.
 * @param bounds [west, south, east, north] in degrees.
 * @returns collections by kind; unchanged collections (wholly in view) are the same objects.
 */
export function inView<C extends Collections>(index: ViewIndex, collections: C, bounds: Bounds): C {
  const edges = boundsEdges(bounds);
  const out: Record<string, unknown> = { ...collections };
  let changed = false;
  for (const kind of KIND_NAMES) {
    const input = collections[kind] as AnyCollection | undefined;
    if (!input) continue;
    const entry = index.kinds[kind];
    const result = answer(input, keptFeatures(entry, input, bounds, edges));
    if (result !== input) changed = true;
    out[kind] = result;
  }
  if (!changed) return collections;
  const previous = lastResult.get(collections);
  if (previous && KIND_NAMES.every((k) => previous[k] === out[k])) return previous as C;
  lastResult.set(collections, out as Collections);
  return out as C;
}
