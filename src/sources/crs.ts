/**
 * Coordinate systems: everything is converted to WGS-84 on load.
 * - GCJ-02 (Amap, Tencent) and BD-09 (Baidu) are converted with gcoord. The GCJ-02 inverse is
 *   iterative and lands within about 0.1 m; outside mainland China gcoord leaves positions unchanged,
 *   as GCJ-02 equals WGS-84 there.
 * - CGCS2000 is taken as WGS-84: the two reference frames differ by centimetres, far below what a
 *   hydrant on a street map can show, and converting would need epoch-dependent parameters.
 */
import type { Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import type { Crs } from './contract/types.ts';
import { matchEnum } from './enum-match.ts';

type Converter = (position: Position) => Position;

function gcoordConverter(from: 'GCJ02' | 'BD09'): Converter {
  const source = from === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
  return (position) => gcoord.transform([position[0] ?? 0, position[1] ?? 0], source, gcoord.WGS84);
}

const CONVERTERS: Readonly<Record<Crs, Converter | null>> = {
  WGS84: null,
  CGCS2000: null,
  GCJ02: gcoordConverter('GCJ02'),
  BD09: gcoordConverter('BD09'),
};

/** The contract's identifier for a CRS label such as "EPSG:4490", "火星坐标" or "bd09ll"; undefined when unknown. */
export function crsFromLabel(label: unknown): Crs | undefined {
  return matchEnum('crs', label) as Crs | undefined;
}

/** Converts one position to WGS-84. */
export function positionToWgs84(position: Position, crs: Crs): Position {
  const convert = CONVERTERS[crs];
  return convert ? convert(position) : position;
}

function mapPositions(coordinates: unknown, convert: Converter): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number') return convert(coordinates as Position);
  return coordinates.map((child: unknown) => mapPositions(child, convert));
}

/**
 * The geometry in WGS-84 (a new object; WGS84 and CGCS2000 input is returned as it is).
 * Expects the checked 2-D geometry of `checkGeometry`; GeometryCollection is not a contract type.
 */
export function geometryToWgs84<G extends Geometry>(geometry: G, crs: Crs): G {
  const convert = CONVERTERS[crs];
  if (!convert || geometry.type === 'GeometryCollection') return geometry;
  return { ...geometry, coordinates: mapPositions(geometry.coordinates, convert) } as G;
}
