/**
 * Facts derived from hazards, computed the same way everywhere (map, panels, wall, CLI).
 */
import type { Hazard } from './contract/types.ts';
import { beijingDate } from './dates.ts';

/**
 * Overdue (逾期): not closed and the deadline has passed, i.e. the deadline is before today in
 * Beijing. The deadline day itself still counts as in time.
 * @example isOverdue({ status: 'open', deadline: '2024-03-05' }, new Date('2024-03-06T01:00:00+08:00')) // true
 */
export function isOverdue(hazard: Pick<Hazard, 'status' | 'deadline'>, now: Date): boolean {
  return hazard.status !== 'closed' && hazard.deadline !== undefined && hazard.deadline < beijingDate(now);
}
