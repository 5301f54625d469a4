/**
 * Cross-field rules, declared rather than coded per kind: pairs of dates where one must not precede
 * the other. When it does, the later field is dropped with a warning (the earlier one, usually the
 * date a hazard was found, is the more trustworthy record).
 */
import type { FieldDef } from './contract/kinds.ts';
import { HAZARD_ITEM, KINDS, OBSTACLE_ITEM } from './contract/kinds.ts';

export interface DateOrderRule {
  readonly earlier: string;
  readonly later: string;
}

type Fields = Readonly<Record<string, FieldDef>>;

/** Keyed by the field table the rule belongs to (a kind's or a nested item's). */
export const DATE_ORDER_RULES: ReadonlyMap<Fields, readonly DateOrderRule[]> = new Map<Fields, readonly DateOrderRule[]>([
  [HAZARD_ITEM.fields, [{ earlier: 'found_at', later: 'deadline' }, { earlier: 'found_at', later: 'closed_at' }]],
  [OBSTACLE_ITEM.fields, [{ earlier: 'reported_at', later: 'removed_at' }]],
  [KINDS.hazard_areas.fields, [{ earlier: 'listed_at', later: 'deadline' }]],
]);
