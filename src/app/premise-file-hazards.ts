/**
 * The parts of a premise file read from the premise's own properties: the facts table, the hazard
 * timeline and the enforcement record (see premise-file.ts for the whole file).
 */
import { KINDS, type FieldDef, type Hazard, type PremiseProps } from '../sources/contract/index.ts';
import { beijingDate } from '../sources/dates.ts';
import { isOverdue } from '../sources/hazards.ts';
import type { EnforcementRow, FactRow, HazardStep, PremiseFactField, TimelineHazard } from '../ui/card/premise-file-types.ts';
import { maskPersonal } from './mask.ts';

/** A locale-free, stable order of strings (code units). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NOT_FACTS: ReadonlySet<string> = new Set(['id', 'name', 'hazards']);
const PREMISE_FIELDS: Readonly<Record<string, FieldDef>> = KINDS.premises.fields;

/**
 * The premise's set properties in contract order, id, name and hazards aside (they have their own
 * places on the card). Unset means absent, an empty string or an empty list; `false` is a fact.
 * Personal fields (the contract's flag) carry their masked text too, so any screen can choose.
 */
export function premiseFacts(p: PremiseProps): FactRow[] {
  const rows: FactRow[] = [];
  for (const [name, def] of Object.entries(PREMISE_FIELDS)) {
    if (NOT_FACTS.has(name)) continue;
    const field = name as PremiseFactField;
    const value = p[field];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const personal = def.personal === true;
    rows.push({ field, value, personal, ...(personal && typeof value === 'string' ? { masked: maskPersonal(value, def) } : {}) });
  }
  return rows;
}

const dayNumber = (isoDate: string): number => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/**
 * When rectification started, as far as the data says: the contract has no date for it, but an
 * order to rectify by a deadline (责令限期整改) is what opens 限期整改, so its first date is used.
 */
function rectifyingSince(h: Hazard): string | undefined {
  const orders = (h.enforcement ?? []).filter((e) => e.type === 'rectify_order').map((e) => e.date).sort(compareText);
  return orders[0];
}

function steps(h: Hazard): HazardStep[] {
  // An unknown status (the contract may grow) is shown as open, never as further along than it is.
  const at = h.status === 'closed' ? 2 : h.status === 'rectifying' ? 1 : 0;
  const rectifying = at >= 1 ? rectifyingSince(h) : undefined;
  return [
    { stage: 'found', reached: true, current: at === 0, date: h.found_at },
    { stage: 'rectifying', reached: at >= 1, current: at === 1, ...(rectifying !== undefined ? { date: rectifying } : {}) },
    { stage: 'closed', reached: at === 2, current: at === 2, ...(at === 2 && h.closed_at !== undefined ? { date: h.closed_at } : {}) },
  ];
}

/**
 * The hazards oldest first (by found_at, then id), each with its three steps, deadline, and whether
 * and by how many days it is overdue at `now` (Beijing dates, as `isOverdue`).
 */
export function premiseTimeline(hazards: readonly Hazard[], now: Date): TimelineHazard[] {
  const today = dayNumber(beijingDate(now));
  return [...hazards]
    .sort((a, b) => compareText(a.found_at, b.found_at) || compareText(a.id, b.id))
    .map((h) => {
      const overdue = isOverdue(h, now);
      return {
        id: h.id, type: h.type, severity: h.severity, status: h.status, foundAt: h.found_at,
        ...(h.deadline !== undefined ? { deadline: h.deadline } : {}),
        ...(h.closed_at !== undefined ? { closedAt: h.closed_at } : {}),
        ...(h.description !== undefined ? { description: h.description } : {}),
        steps: steps(h), overdue, daysOverdue: overdue && h.deadline !== undefined ? today - dayNumber(h.deadline) : 0,
      };
    });
}

/** Every enforcement action of every hazard, newest first (equal dates keep the hazards' order). */
export function premiseEnforcement(hazards: readonly Hazard[]): EnforcementRow[] {
  const rows = hazards.flatMap((h) => (h.enforcement ?? []).map((e): EnforcementRow => ({ ...e, hazardId: h.id, hazardType: h.type })));
  return rows.sort((a, b) => compareText(b.date, a.date));
}
