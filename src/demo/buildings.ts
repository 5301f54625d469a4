/**
 * Fills every block with its zone's roads and buildings, in block order, each block with its own
 * random stream (so one zone's changes do not reshuffle the others). Decides where the deliberate
 * targets go: the factory–dwelling pair in the template's south-west self-built block, the
 * high-rise pairs in the template's compound at (1, 3), the back lot in the south-east corner.
 */
import { blockAtTemplate, type Geography } from './geography.ts';
import type { TileCtx } from './model.ts';
import type { V } from './shapes.ts';
import { buildCommercial, buildHospital, buildMarket, buildPark, buildSchool } from './zone-civic.ts';
import { buildCompound, buildOldCompound, type CompoundKind } from './zone-compound.ts';
import { buildIndustrial } from './zone-industrial.ts';
import { buildSelfbuilt } from './zone-selfbuilt.ts';
import { buildVillage } from './zone-village.ts';

/** Builds every block of the tile; returns the vacant plot of the target self-built block (for the construction site). */
export function buildZones(ctx: TileCtx, geo: Geography): { vacant: V | null } {
  const targetSelfbuilt = blockAtTemplate(ctx, geo, 0, 0);
  const targetCompound = blockAtTemplate(ctx, geo, 1, 3);
  const backLot = blockAtTemplate(ctx, geo, 5, 0);
  let vacant: V | null = null;
  for (const b of ctx.blocks) {
    const rng = ctx.rng.fork(`block-${b.i}-${b.j}`);
    switch (b.zone) {
      case 'village': buildVillage(ctx, b, rng); break;
      case 'selfbuilt': {
        const r = buildSelfbuilt(ctx, b, rng, b === targetSelfbuilt);
        if (b === targetSelfbuilt) vacant = r.vacant;
        break;
      }
      case 'industrial': buildIndustrial(ctx, b, rng, b === backLot); break;
      case 'compound': {
        const kind: CompoundKind = b === targetCompound ? 'high' : rng.weighted([['high', 5], ['mid', 4], ['villa', 1]] as const);
        buildCompound(ctx, b, rng, kind, b === targetCompound);
        break;
      }
      case 'old_compound': buildOldCompound(ctx, b, rng); break;
      case 'school': buildSchool(ctx, b, rng); break;
      case 'hospital': buildHospital(ctx, b, rng); break;
      case 'market': buildMarket(ctx, b, rng); break;
      case 'commercial': buildCommercial(ctx, b, rng); break;
      case 'park': buildPark(ctx, b, rng); break;
    }
  }
  return { vacant };
}
