/**
 * The road network under construction: polylines in local metres. Roads that meet share the very
 * same vertex (inserted into the through road), so the exported lines join exactly and a street
 * graph needs no snapping.
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import { add, cross, dist2, type V } from './shapes.ts';

export type RoadClass = EnumOf<'road_class'>;

/** Why a road is also a fire lane (消防车通道), if it is one. */
export type LaneKind = 'village_main' | 'village_alley' | 'compound' | 'old_compound' | 'industrial' | 'campus';

/** A road under construction; `pts` grows as other roads join it. */
export interface RoadRec {
  readonly id: string;
  readonly cls: RoadClass;
  name?: string;
  readonly width: number;
  oneway: boolean;
  readonly pts: V[];
  lane?: { kind: LaneKind; community: string; name?: string };
}

/** All roads of a tile, with helpers that join a new road to an existing one at a shared vertex. */
export class RoadNet {
  readonly roads: RoadRec[] = [];
  private n = 0;
  constructor(private readonly prefix: string) {}

  add(r: Omit<RoadRec, 'id'>): RoadRec {
    const rec: RoadRec = { ...r, id: `${this.prefix}R${String(++this.n).padStart(4, '0')}` };
    this.roads.push(rec);
    return rec;
  }

  /**
   * The first point where the ray from p along d meets `road`, inserted into it as a vertex and
   * returned (the same array object, for sharing). Null when the ray misses.
   */
  attachRay(road: RoadRec, p: V, d: V): V | null {
    let best = Infinity, seg = -1, hit: V | null = null;
    for (let k = 0; k + 1 < road.pts.length; k++) {
      const a = road.pts[k] as V, b = road.pts[k + 1] as V;
      const e: V = [b[0] - a[0], b[1] - a[1]];
      const den = cross(d, e);
      if (Math.abs(den) < 1e-12) continue;
      const w: V = [a[0] - p[0], a[1] - p[1]];
      const s = cross(w, e) / den; // along the ray
      const t = cross(w, d) / den; // along the segment
      if (s >= -1e-9 && t >= -1e-9 && t <= 1 + 1e-9 && s < best) {
        best = s;
        seg = k;
        hit = add(p, [d[0] * s, d[1] * s]);
      }
    }
    return hit ? this.insert(road, seg, hit) : null;
  }

  /** The nearest point of `road` to p, inserted as a vertex and returned. */
  attachNearest(road: RoadRec, p: V): V {
    let best = Infinity, seg = 0, hit: V = road.pts[0] as V;
    for (let k = 0; k + 1 < road.pts.length; k++) {
      const a = road.pts[k] as V, b = road.pts[k + 1] as V;
      const ex = b[0] - a[0], ey = b[1] - a[1];
      const l2 = ex * ex + ey * ey;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / l2));
      const q: V = [a[0] + t * ex, a[1] + t * ey];
      const d2 = dist2(p, q);
      if (d2 < best) { best = d2; seg = k; hit = q; }
    }
    return this.insert(road, seg, hit);
  }

  private insert(road: RoadRec, seg: number, q: V): V {
    const a = road.pts[seg] as V, b = road.pts[seg + 1] as V;
    if (dist2(a, q) < 1e-4) return a; // within 1 cm of an existing vertex: reuse it
    if (dist2(b, q) < 1e-4) return b;
    road.pts.splice(seg + 1, 0, q);
    return q;
  }
}
