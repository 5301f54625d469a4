/**
 * Search by name, address or id over what a person looks for on the map: premises, hazard areas,
 * fire lanes, hydrants, stations and grid cells. The caller flies to the hit's position or bbox.
 *
 * Matching folds case, full-width/half-width forms (ＡＢＣ１２ = ABC12, by NFKC) and whitespace, then
 * looks for the query as a substring (Chinese needs no word splitting). Ranking, best first:
 * exact id, id prefix, name prefix, name substring, address (or road) substring, community substring,
 * id substring; ties go to the shorter label, then to the smaller id.
 *
 * Speed at 150k premises: each field is normalised once and all entries' values are joined into one
 * string per field (a "column"), separated by U+0000, which normalised text never contains. A query
 * runs the engine's native `indexOf` along each column, finds the entry of each match from the
 * column's start offsets, and skips to the next entry; a column whose rank can no longer reach the
 * top `limit` is not scanned. Ranks live in a scratch array allocated with the index and reset after
 * each query, so a query allocates nothing per feature; only the returned hits get objects.
 */
import type { Geometry, Position } from 'geojson';
import type { CollectionOf, FeatureOf, Kind } from '../sources/contract/index.ts';
import type { Collections } from './filters.ts';

/** The kinds the index covers, in the order their features enter it. */
export const SEARCH_KINDS = ['premises', 'hazard_areas', 'fire_lanes', 'hydrants', 'stations', 'grids'] as const satisfies readonly Kind[];
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The contract property a hit matched on (give it to `fieldText(kind, field)` for a label). */
export type SearchField = 'id' | 'grid_id' | 'name' | 'address' | 'road' | 'community';

/** One result: what to show in the list and where to fly. */
export interface SearchHit {
  readonly kind: SearchKind;
  readonly id: string;
  /** The name, or the id when the feature has none (hydrants, unnamed lanes). */
  readonly label: string;
  /** Address, road and/or community, when known. */
  readonly sublabel?: string;
  readonly matchedField: SearchField;
  /** [lon, lat]: the point itself, the vertex centroid of a polygon, the halfway point of a line. */
  readonly position: [number, number];
  /** [west, south, east, north], for areas and lines. */
  readonly bbox?: [number, number, number, number];
}

export interface SearchOptions {
  /** Most hits returned; 12 when absent. */
  readonly limit?: number;
  /** Only these kinds; all when absent. */
  readonly kinds?: readonly Kind[];
}

/** A prebuilt index; build once per set of collections with {@link createSearchIndex}. */
export interface SearchIndex {
  /** How many features are indexed. */
  readonly size: number;
  /** Same as {@link searchIndex}(this, query, options). */
  search(query: string, options?: SearchOptions): SearchHit[];
}

const DEFAULT_LIMIT = 12;
const SEPARATOR = '\u0000';
const NO_RANK = 255;
const RANK = { exactId: 0, idPrefix: 1, namePrefix: 2, name: 3, address: 4, community: 5, idInside: 6 } as const;
// Characters that certainly have no case (ASCII non-letters, CJK, Hangul): lower-casing a string of
// only these is skipped, which makes building the index several times faster on Chinese text.
const MAY_HAVE_CASE = /[^\x00-\x40\x5b-\u00bf\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const SPACES = /[\s\u0000]+/g;

/**
 * Folds text for matching: NFKC (full-width → half-width, compatibility forms), lower case, no
 * whitespace (ASCII, full-width U+3000 and other Unicode spaces).
 * @example normaliseSearchText('ＡＢＣ　１２ 号') // 'abc12号'
 */
export function normaliseSearchText(text: string): string {
  let folded = text.normalize('NFKC');
  if (MAY_HAVE_CASE.test(folded)) folded = folded.toLowerCase();
  return folded.replace(SPACES, '');
}

interface Row { id: string; name?: string | undefined; address?: string | undefined; community?: string | undefined }
type Reader<K extends SearchKind> = (props: FeatureOf<K>['properties']) => Row;

const READERS: { readonly [K in SearchKind]: Reader<K> } = {
  premises: (p) => ({ id: p.id, name: p.name, address: p.address, community: p.community }),
  hazard_areas: (p) => ({ id: p.id, name: p.name, community: p.community }),
  fire_lanes: (p) => ({ id: p.id, name: p.name, community: p.community }),
  hydrants: (p) => ({ id: p.id, address: p.road, community: p.community }),
  stations: (p) => ({ id: p.id, name: p.name, address: p.address }),
  grids: (p) => ({ id: p.grid_id, name: p.name, community: p.community }),
};

/** One field of every entry, joined: entry i is text.slice(starts[i], starts[i + 1] - 1). */
interface Column { readonly text: string; readonly starts: Int32Array }

function column(values: readonly string[]): Column {
  const starts = new Int32Array(values.length + 1);
  for (let i = 0; i < values.length; i++) starts[i + 1] = (starts[i] as number) + (values[i] as string).length + 1;
  return { text: values.join(SEPARATOR) + SEPARATOR, starts };
}

/** The entry whose segment holds `offset` (the last i with starts[i] <= offset), trying `hint` first. */
function entryAt(starts: Int32Array, offset: number, hint: number): number {
  if (hint + 1 < starts.length && (starts[hint] as number) <= offset && offset < (starts[hint + 1] as number)) return hint;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function sublabelOf(row: Row): string | undefined {
  const { address, community } = row;
  if (address && community && !address.includes(community)) return `${address} · ${community}`;
  return address || community || undefined;
}

interface Entries {
  readonly kinds: number[]; readonly ids: string[]; readonly labels: string[]; readonly sublabels: (string | undefined)[];
  readonly geometries: Geometry[];
  readonly norm: { readonly id: string[]; readonly name: string[]; readonly address: string[]; readonly community: string[] };
}

function collectEntries(collections: Collections): Entries {
  const entries: Entries = { kinds: [], ids: [], labels: [], sublabels: [], geometries: [], norm: { id: [], name: [], address: [], community: [] } };
  const { norm } = entries;
  const addKind = <K extends SearchKind>(kind: K, collection: CollectionOf<K> | undefined): void => {
    const read: Reader<K> = READERS[kind];
    const code = SEARCH_KINDS.indexOf(kind);
    for (const feature of collection?.features ?? []) {
      if (!feature.geometry) continue;
      const row = read(feature.properties);
      entries.kinds.push(code);
      entries.ids.push(row.id);
      entries.labels.push(row.name || row.id);
      entries.sublabels.push(sublabelOf(row));
      entries.geometries.push(feature.geometry);
      norm.id.push(normaliseSearchText(row.id));
      norm.name.push(row.name ? normaliseSearchText(row.name) : '');
      norm.address.push(row.address ? normaliseSearchText(row.address) : '');
      norm.community.push(row.community ? normaliseSearchText(row.community) : '');
    }
  };
  for (const kind of SEARCH_KINDS) addKind(kind, collections[kind] as CollectionOf<typeof kind> | undefined);
  return entries;
}

/**
 * Builds the search index over the searchable kinds present in `collections` (absent kinds are
 * simply not searchable). Cost: one pass and one normalisation per field per feature.
 */
export function createSearchIndex(collections: Collections): SearchIndex {
  const { kinds, ids, labels, sublabels, geometries, norm } = collectEntries(collections);
  const size = ids.length;
  const columns = { id: column(norm.id), name: column(norm.name), address: column(norm.address), community: column(norm.community) };
  const kindCodes = Uint8Array.from(kinds);
  // Sort key of an entry: rank first, then label length (ids break the remaining ties).
  const labelLengths = Uint16Array.from(labels, (label) => Math.min(label.length, 0xff));
  const best = new Uint8Array(size).fill(NO_RANK);
  const touched = new Int32Array(size);
  const perRank = new Int32Array(RANK.idInside + 1);
  let count = 0;

  const scan = ({ text, starts }: Column, q: string, allowed: readonly boolean[], exact: number, prefix: number, inside: number): void => {
    let entry = 0;
    for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, starts[entry + 1])) {
      entry = entryAt(starts, at, entry + 1);
      if (!allowed[kindCodes[entry] as number]) continue;
      const rank = at !== starts[entry] ? inside : at + q.length === (starts[entry + 1] as number) - 1 ? exact : prefix;
      const previous = best[entry] as number;
      if (rank >= previous) continue;
      if (previous === NO_RANK) touched[count++] = entry;
      else perRank[previous] = (perRank[previous] as number) - 1;
      perRank[rank] = (perRank[rank] as number) + 1;
      best[entry] = rank;
    }
  };
  /** Whether `limit` entries already rank above `rank`, so a column of that rank cannot change the top. */
  const settled = (rank: number, limit: number): boolean => perRank.subarray(0, rank).reduce((a, b) => a + b, 0) >= limit;
  const key = (entry: number): number => ((best[entry] as number) << 8) | (labelLengths[entry] as number);
  const compare = (a: number, b: number): number => key(a) - key(b) || (ids[a] === ids[b] ? 0 : (ids[a] as string) < (ids[b] as string) ? -1 : 1);

  const search = (query: string, options: SearchOptions = {}): SearchHit[] => {
    const q = normaliseSearchText(query);
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    if (!q || limit === 0 || size === 0) return [];
    const allowed = SEARCH_KINDS.map((k) => !options.kinds || options.kinds.includes(k));
    count = 0;
    perRank.fill(0);
    scan(columns.id, q, allowed, RANK.exactId, RANK.idPrefix, RANK.idInside);
    scan(columns.name, q, allowed, RANK.namePrefix, RANK.namePrefix, RANK.name);
    if (!settled(RANK.address, limit)) scan(columns.address, q, allowed, RANK.address, RANK.address, RANK.address);
    if (!settled(RANK.community, limit)) scan(columns.community, q, allowed, RANK.community, RANK.community, RANK.community);

    // Insertion into a short sorted list: O(matches × limit) at worst, mostly one comparison each.
    const top: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = touched[i] as number;
      if (top.length === limit && compare(entry, top[limit - 1] as number) >= 0) continue;
      let j = Math.min(top.length, limit - 1);
      while (j > 0 && compare(entry, top[j - 1] as number) < 0) j--;
      top.splice(j, 0, entry);
      if (top.length > limit) top.pop();
    }
    const hits = top.map((entry) => hitOf(entry, best[entry] as number));
    for (let i = 0; i < count; i++) best[touched[i] as number] = NO_RANK;
    return hits;
  };

  const hitOf = (entry: number, rank: number): SearchHit => {
    const kind = SEARCH_KINDS[kindCodes[entry] as number] as SearchKind;
    const sublabel = sublabels[entry];
    const place = placeOf(geometries[entry] as Geometry);
    return {
      kind, id: ids[entry] as string, label: labels[entry] as string, ...(sublabel ? { sublabel } : {}),
      matchedField: fieldOf(kind, rank), position: place.position, ...(place.bbox ? { bbox: place.bbox } : {}),
    };
  };

  return { size, search };
}

/**
 * The best `limit` hits for `query` in `index`, ranked as described in the module comment.
 * An empty (or whitespace-only) query finds nothing.
 * @example searchIndex(index, 'xhs0001') // [{ kind: 'hydrants', id: 'XHS0001', matchedField: 'id', … }]
 */
export function searchIndex(index: SearchIndex, query: string, options?: SearchOptions): SearchHit[] {
  return index.search(query, options);
}

function fieldOf(kind: SearchKind, rank: number): SearchField {
  if (rank === RANK.exactId || rank === RANK.idPrefix || rank === RANK.idInside) return kind === 'grids' ? 'grid_id' : 'id';
  if (rank === RANK.namePrefix || rank === RANK.name) return 'name';
  if (rank === RANK.address) return kind === 'hydrants' ? 'road' : 'address';
  return 'community';
}

/** Where to fly: points as they are; polygons by vertex centroid of their outer rings; lines halfway along the longest part. */
function placeOf(geometry: Geometry): { position: [number, number]; bbox?: [number, number, number, number] } {
  switch (geometry.type) {
    case 'Point':
      return { position: [geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0] };
    case 'Polygon':
    case 'MultiPolygon': {
      const rings = geometry.type === 'Polygon' ? geometry.coordinates.slice(0, 1) : geometry.coordinates.map((p) => p[0] ?? []);
      // A closed ring repeats its first vertex last; counting it twice would pull the centroid.
      const vertices = rings.flatMap((ring) => ring.slice(0, Math.max(1, ring.length - 1)));
      const lon = vertices.reduce((sum, v) => sum + (v[0] ?? 0), 0) / (vertices.length || 1);
      const lat = vertices.reduce((sum, v) => sum + (v[1] ?? 0), 0) / (vertices.length || 1);
      return { position: [lon, lat], bbox: bboxOf(vertices) };
    }
    case 'LineString':
    case 'MultiLineString': {
      const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
      const longest = parts.reduce((a, b) => (lineLength(b) > lineLength(a) ? b : a), parts[0] ?? []);
      return { position: halfway(longest), bbox: bboxOf(parts.flat()) };
    }
    default:
      return { position: [0, 0] };
  }
}

function bboxOf(vertices: readonly Position[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon = 0, lat = 0] of vertices) {
    w = Math.min(w, lon);
    s = Math.min(s, lat);
    e = Math.max(e, lon);
    n = Math.max(n, lat);
  }
  return [w, s, e, n];
}

/** Planar segment length in degrees of latitude (longitude shrunk by cos φ): enough to find a midpoint. */
function segmentLength(a: Position, b: Position): number {
  const cos = Math.cos((((a[1] ?? 0) + (b[1] ?? 0)) / 2) * (Math.PI / 180));
  return Math.hypot(((b[0] ?? 0) - (a[0] ?? 0)) * cos, (b[1] ?? 0) - (a[1] ?? 0));
}

function lineLength(line: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += segmentLength(line[i - 1] as Position, line[i] as Position);
  return total;
}

function halfway(line: readonly Position[]): [number, number] {
  let remaining = lineLength(line) / 2;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Position;
    const b = line[i] as Position;
    const length = segmentLength(a, b);
    if (length > 0 && remaining <= length) {
      const f = remaining / length;
      return [(a[0] ?? 0) + ((b[0] ?? 0) - (a[0] ?? 0)) * f, (a[1] ?? 0) + ((b[1] ?? 0) - (a[1] ?? 0)) * f];
    }
    remaining -= length;
  }
  const only = line[0] ?? [0, 0];
  return [only[0] ?? 0, only[1] ?? 0];
}
