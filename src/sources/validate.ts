/**
 * Validating a record (a feature's properties, or one nested item) against a field table of the
 * contract, generically: every field is read by its type in the table, nested items recurse, and
 * declared cross-field rules (rules.ts) run last. Only contract fields reach the output: properties
 * the table does not name are dropped silently, so code above `sources` sees exactly the contract.
 */
import type { FieldDef } from './contract/kinds.ts';
import { aValueOf, describeType, isBlank, isRecord, readList } from './coerce.ts';
import { instantOf } from './dates.ts';
import { readField, type Problem } from './fields.ts';
import { renameKeys, type CompiledMapping } from './mapping.ts';
import { quote, type ReportBuilder } from './report-builder.ts';
import { DATE_ORDER_RULES } from './rules.ts';

type Fields = Readonly<Record<string, FieldDef>>;

/** What is being validated, for report entries. */
export interface RecordContext {
  readonly report: ReportBuilder;
  readonly featureIndex: number;
  readonly featureId: string | undefined;
  readonly mapping: CompiledMapping;
}

/** Where in the record tree: `fieldPrefix` for messages ("hazards[2]."), `mapPath` for the mapping ("hazards"). */
export interface RecordPlace {
  readonly fieldPrefix: string;
  readonly mapPath: string;
  /** What an error drops, for messages: "feature", "hazard", … */
  readonly dropped: string;
}

function note(ctx: RecordContext, severity: 'error' | 'warning', field: string, problem: Problem, suffix = ''): void {
  ctx.report.add(severity, problem.code, { featureIndex: ctx.featureIndex, featureId: ctx.featureId, field }, problem.detail + suffix, problem.params);
}

function readItems(def: Extract<FieldDef, { type: 'object[]' }>, raw: unknown, ctx: RecordContext, place: RecordPlace, name: string): unknown[] | undefined {
  const field = place.fieldPrefix + name;
  const list = readList(raw, false);
  if (!list.ok) {
    note(ctx, 'warning', field, { code: 'field.type', detail: `${quote(raw)} is not a list of ${def.item.en} items; field dropped`, params: { expected: 'a list', value: describeType(raw) } });
    return undefined;
  }
  const mapPath = place.mapPath ? `${place.mapPath}.${name}` : name;
  const items: unknown[] = [];
  list.value.forEach((item, i) => {
    const itemField = `${field}[${i}]`;
    if (!isRecord(item)) {
      const found = describeType(item);
      note(ctx, 'error', itemField, { code: 'item.invalid', detail: `${aValueOf(item)}, not a ${def.item.en} object; the ${def.item.en} is dropped`, params: { found } });
      return;
    }
    const renamed = renameKeys(item, ctx.mapping.renames(mapPath));
    const record = validateRecord(renamed, def.item.fields, ctx, { fieldPrefix: `${itemField}.`, mapPath, dropped: def.item.en });
    if (record) items.push(record);
  });
  return items.length > 0 ? items : undefined;
}

function applyDateOrder(fields: Fields, record: Record<string, unknown>, ctx: RecordContext, place: RecordPlace): void {
  for (const { earlier, later } of DATE_ORDER_RULES.get(fields) ?? []) {
    const a = record[earlier];
    const b = record[later];
    if (typeof a !== 'string' || typeof b !== 'string' || instantOf(b) >= instantOf(a)) continue;
    delete record[later];
    ctx.report.warning('date.order', { featureIndex: ctx.featureIndex, featureId: ctx.featureId, field: place.fieldPrefix + later },
      `${later} ${b} precedes ${earlier} ${a}; ${later} dropped`, { earlier, later, earlierValue: a, laterValue: b });
  }
}

/**
 * The typed record, or null when a required field is missing or unusable (the errors are reported,
 * all of them, not just the first). Optional fields with unusable values are dropped with a warning.
 */
export function validateRecord(raw: Readonly<Record<string, unknown>>, fields: Fields, ctx: RecordContext, place: RecordPlace): Record<string, unknown> | null {
  const record: Record<string, unknown> = {};
  let usable = true;
  for (const [name, def] of Object.entries(fields)) {
    const value = raw[name];
    const field = place.fieldPrefix + name;
    if (isBlank(value)) {
      if (def.required) {
        ctx.report.error('field.required', { featureIndex: ctx.featureIndex, featureId: ctx.featureId, field }, `missing; required, so the ${place.dropped} is dropped`);
        usable = false;
      }
      continue;
    }
    if (def.type === 'object[]') {
      const items = readItems(def, value, ctx, place, name);
      if (items) record[name] = items;
      continue;
    }
    const fieldPath = place.mapPath ? `${place.mapPath}.${name}` : name;
    const outcome = readField(def, value, ctx.mapping.relabels(fieldPath));
    if (outcome.ok) {
      record[name] = outcome.value;
      for (const warning of outcome.warnings) note(ctx, 'warning', field, warning);
    } else if (def.required) {
      note(ctx, 'error', field, outcome.problem, `; required, so the ${place.dropped} is dropped`);
      usable = false;
    } else {
      note(ctx, 'warning', field, outcome.problem, '; field dropped');
    }
  }
  if (!usable) return null;
  applyDateOrder(fields, record, ctx, place);
  return record;
}
