/**
 * Grid cells (网格) covering the district: one per street block along road centre lines, village and
 * some compound blocks split in two. One deliberate hole: half of a self-built block belongs to no
 * cell, so premises there fall outside every cell; and two cells have no grid worker.
 */
import Flatbush from 'flatbush';
import { blockAtTemplate, type Geography } from './geography.ts';
import type { BlockRec, CommunityRec, TileCtx } from './model.ts';
import { cnNumber } from './names.ts';
import { inside, lerp, type V } from './shapes.ts';

/** A grid cell in local metres, before export. */
export interface CellRec {
  id: string;
  name: string;
  community: CommunityRec;
  ring: V[];
  worker?: string;
  phone?: string;
}

/** The grid cells of a tile, numbered per community, with workers. */
export function buildGrids(ctx: TileCtx, geo: Geography): CellRec[] {
  const hole = blockAtTemplate(ctx, geo, 2, 1);
  const cells: CellRec[] = [];
  for (const c of ctx.communities) {
    let n = 0;
    const rings: V[][] = [];
    for (const b of c.blocks) {
      const [q0, q1, q2, q3] = b.quad as [V, V, V, V];
      const split = b === hole || b.zone === 'village' || (b.zone === 'compound' && (b.i + b.j) % 2 === 0);
      if (!split) {
        rings.push(b.quad);
        continue;
      }
      const m1 = lerp(q1, q2, 0.5), m3 = lerp(q0, q3, 0.5);
      rings.push([q0, q1, m1, m3]);
      if (b !== hole) rings.push([m3, m1, q2, q3]); // the hole: the northern half is nobody's
    }
    for (const ring of rings) {
      n++;
      cells.push({ id: `${ctx.prefix}W${c.index + 1}-${String(n).padStart(2, '0')}`, name: `${c.name}第${cnNumber(n)}网格`, community: c, ring });
    }
  }
  // Every cell has a grid worker except two: the last cell of the industrial community and the
  // first of the north-east one.
  const unstaffed = new Set([cells.filter((x) => x.community.index === 4).pop(), cells.find((x) => x.community.index === 1)]);
  for (const cell of cells) {
    if (unstaffed.has(cell)) continue;
    cell.worker = ctx.names.person();
    cell.phone = ctx.names.phone();
  }
  return cells;
}

/** Point-in-polygon lookup over a list of rings (first hit wins), indexed by bounding boxes. */
export function ringLocator<T>(items: readonly T[], ringOf: (t: T) => V[]): (p: V) => T | undefined {
  if (items.length === 0) return () => undefined;
  const index = new Flatbush(items.length);
  for (const it of items) {
    const r = ringOf(it);
    index.add(Math.min(...r.map((p) => p[0])), Math.min(...r.map((p) => p[1])), Math.max(...r.map((p) => p[0])), Math.max(...r.map((p) => p[1])));
  }
  index.finish();
  return (p) => {
    const hits = index.search(p[0], p[1], p[0], p[1]).sort((a, b) => a - b);
    for (const h of hits) {
      const it = items[h] as T;
      if (inside(p, ringOf(it))) return it;
    }
    return undefined;
  };
}

/** Point-in-polygon lookup of the street block (and so the community) of a point. */
export const blockLocator = (blocks: readonly BlockRec[]): ((p: V) => BlockRec | undefined) => ringLocator(blocks, (b) => b.quad);
