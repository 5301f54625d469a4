/**
 * The 34 premise categories of the contract fold into seven groups for colouring: too many colours
 * cannot be told apart on a map, and these groups are what an inspector scans for. A premise with
 * several categories takes the first group in {@link PREMISE_GROUP_ORDER}, which runs from the
 * people least able to escape to the least specific, so the more urgent reading wins.
 */
import { ENUMS, type PremiseCategory } from '../../sources/contract/index.ts';

export const PREMISE_GROUP_ORDER = [
  'people_at_risk',
  'hazmat',
  'mixed_use',
  'industrial',
  'crowded',
  'residential',
  'other',
] as const;

export type PremiseGroup = (typeof PREMISE_GROUP_ORDER)[number];

/** Categories of each group; every contract category is in exactly one (a test checks). */
export const PREMISE_GROUPS: Readonly<Record<PremiseGroup, readonly PremiseCategory[]>> = {
  people_at_risk: ['school', 'kindergarten', 'hospital', 'elderly_care'],
  hazmat: ['chemical_enterprise', 'energy_storage'],
  mixed_use: [
    'three_in_one', 'multi_in_one', 'household_workshop', 'small_workshop', 'selfbuilt_workshop',
    'selfbuilt_commercial', 'mixed_use_premises', 'nested_factory', 'rented_factory', 'sssp_enterprise',
  ],
  industrial: ['factory', 'warehouse', 'construction_site'],
  crowded: [
    'crowded_place', 'high_rise', 'commercial_complex', 'market', 'hotel', 'restaurant', 'shop',
    'entertainment', 'underground_space', 'office',
  ],
  residential: ['residential', 'rental_housing', 'group_rental', 'ebike_charging'],
  other: ['other'],
};

const GROUP_OF = new Map<string, PremiseGroup>();
for (const group of PREMISE_GROUP_ORDER) for (const c of PREMISE_GROUPS[group]) GROUP_OF.set(c, group);

/** All contract categories, for the completeness test. */
export const ALL_PREMISE_CATEGORIES = ENUMS.premise_category.values.map((v) => v.value) as readonly PremiseCategory[];

/** The colour group of a premise from its categories (the most urgent one); `other` when none. */
export function premiseGroup(categories: readonly string[]): PremiseGroup {
  let best = PREMISE_GROUP_ORDER.length - 1;
  for (const c of categories) {
    const g = GROUP_OF.get(c);
    if (g) best = Math.min(best, PREMISE_GROUP_ORDER.indexOf(g));
  }
  return PREMISE_GROUP_ORDER[best] ?? 'other';
}
