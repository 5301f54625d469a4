/**
 * Buildings of an OpenStreetMap extract as contract buildings, so the analysis (separation) runs on
 * real footprints: `npm run analyze -- separation --data andorra-latest.osm.pbf`, and the PostGIS
 * cross-check on Andorra.
 *
 * The footprints come from the tile builder's reader (src/tiles/osm.ts `readOsmPbf`: closed ways and
 * multipolygon relations tagged building=*). OSM says little about fire safety, so:
 *  - id: `w<way id>` or `r<relation id>` (the OSM element);
 *  - use: the reader's mapping of building=* / amenity / shop / office (building=yes → `other`);
 *  - height_m: `height`, else `building:levels` × 3 m (LEVEL_HEIGHT_M), else unset (low-rise);
 *  - floors: `building:levels`;
 *  - fire_resistance_grade and fire_hazard_class: unset, so the rules' assumed defaults apply
 *    (classification.assumed_grade: grade 2; assumed_hazard_class: 丙 C for factories and warehouses).
 * Hence most pairs are civil grade 1–2 ↔ grade 1–2 (6 m), high-rise by height over 24 / 27 m.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BuildingProps } from '../../sources/contract/types.ts';
import { ENUMS, type EnumValue } from '../../sources/contract/enums.ts';
import { readOsmPbf, type OsmReadStats } from '../../tiles/osm.ts';

/** Storey height assumed when OSM gives levels but no height. */
export const LEVEL_HEIGHT_M = 3;

const USES: ReadonlySet<string> = new Set((ENUMS.building_use.values as readonly EnumValue[]).map((v) => v.value));

/** OSM element of a tile-reader feature id (id × 10 + 0 node / 1 way / 2 relation). */
function osmElementId(id: unknown, index: number): string {
  if (typeof id !== 'number') return `x${index}`;
  const type = id % 10 === 2 ? 'r' : id % 10 === 1 ? 'w' : 'n';
  return `${type}${Math.floor(id / 10)}`;
}

/** The tile reader's building features as contract buildings (see the module note for defaults). */
export function osmBuildings(features: readonly Feature[]): Feature<Polygon | MultiPolygon, BuildingProps>[] {
  const out: Feature<Polygon | MultiPolygon, BuildingProps>[] = [];
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const p = (f.properties ?? {}) as { use?: string; height?: number; levels?: number; name?: string };
    let id = osmElementId(f.id, i);
    if (seen.has(id)) id = `${id}-${i}`;
    seen.add(id);
    const props: BuildingProps = { id, use: (p.use && USES.has(p.use) ? p.use : 'other') as BuildingProps['use'] };
    if (p.name) props.name = p.name;
    if (p.levels !== undefined && p.levels > 0) props.floors = p.levels;
    const height = p.height ?? (p.levels !== undefined && p.levels > 0 ? p.levels * LEVEL_HEIGHT_M : undefined);
    if (height !== undefined) props.height_m = height;
    out.push({ type: 'Feature', geometry: g, properties: props });
  });
  return out;
}

/** Reads an .osm.pbf and returns its buildings as contract buildings, with the reader's stats. */
export async function readOsmBuildings(file: string): Promise<{ buildings: Feature<Polygon | MultiPolygon, BuildingProps>[]; stats: OsmReadStats }> {
  const { layers, stats } = await readOsmPbf(file);
  return { buildings: osmBuildings(layers.buildings), stats };
}
