/**
 * What a hover tooltip says about a picked feature: a title and label/value lines, as plain text in
 * the current language (the component renders them as text, never as HTML). Field labels and enum
 * values come from the data contract; personal fields (the contract's `personal` flag) are masked on
 * request. Also the pure placement of the tooltip box inside the map.
 */
import { enumText, fieldText, sentenceCase, t, type MessageKey } from '../../i18n/index.ts';
import { premiseRisk } from '../../layers/premises/risk.ts';
import { KINDS, type EnumName, type FeatureOf, type FieldDef, type Kind } from '../../sources/contract/index.ts';
import { beijingDate } from '../../sources/dates.ts';
import { isOverdue } from '../../sources/hazards.ts';
import type { Picked, PickedExtra } from './pick.ts';

export interface TooltipLine {
  readonly label: string;
  readonly value: string;
}

/** The text of a tooltip. */
export interface TooltipContent {
  readonly title: string;
  readonly lines: readonly TooltipLine[];
}

export interface TooltipOptions {
  /** Mask fields the contract marks personal (names, phone numbers), e.g. on a public screen. Default false. */
  readonly maskPersonal?: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function fieldDef(kind: Kind, field: string): FieldDef | undefined {
  return (KINDS[kind].fields as Readonly<Record<string, FieldDef>>)[field];
}

/**
 * A contract field's label as a line label: a nested field by its own name (障碍物类型, not
 * 障碍物.障碍物类型), sentence-cased (English labels are written lower-case for use in sentences).
 */
const label = (kind: Kind, path: string): string => sentenceCase(fieldText(kind, path).split('.').pop() ?? path);

/** The enum label of a contract field's value (the value itself when the field is not an enum). */
function enumValue(kind: Kind, field: string, value: string): string {
  const def = fieldDef(kind, field);
  return def?.type === 'enum' || def?.type === 'enum[]' ? enumText(def.enum as EnumName, value) : value;
}

/** A number with the unit the contract gives the field. */
function quantity(kind: Kind, field: string, value: number): string {
  const def = fieldDef(kind, field);
  const unit = def?.type === 'number' ? def.unit : undefined;
  const shown = String(Math.round(value * 100) / 100);
  return unit ? t('tooltip.quantity', { value: shown, unit }) : shown;
}

/**
 * A personal value with only its first character kept (a surname), or for a phone number its first
 * three and last four digits.
 * @example maskPersonalText('张建国') // '张**'
 */
export function maskPersonalText(text: string): string {
  const chars = [...text.trim()];
  const digits = chars.filter((c) => /\d/.test(c));
  if (digits.length >= 7 && /^[\d\s+()-]+$/.test(text.trim())) return `${digits.slice(0, 3).join('')}****${digits.slice(-4).join('')}`;
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** A value of a field, masked when the contract marks the field personal and masking is asked for. */
function personal(kind: Kind, field: string, value: string, options: TooltipOptions): string {
  return options.maskPersonal === true && fieldDef(kind, field)?.personal === true ? maskPersonalText(value) : value;
}

const yesNo = (value: boolean): string => t(value ? 'tooltip.yes' : 'tooltip.no');

/**
 * How long ago an instant was: 刚刚 / N 分钟前 / N 小时前 / N 天前. An instant more than a minute in the
 * future (a clock out of step) is shown as its Beijing date and time; an unreadable one as written.
 * @example relativeTime('2024-03-05T14:18:00+08:00', new Date('2024-03-05T14:30:00+08:00')) // '12 分钟前'
 */
export function relativeTime(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (ms < -MINUTE_MS) return iso.replace('T', ' ').slice(0, 16);
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 1) return t('tooltip.ago.just_now');
  if (minutes < 60) return t('tooltip.ago.minutes', { count: minutes });
  if (minutes < 24 * 60) return t('tooltip.ago.hours', { count: Math.floor(minutes / 60) });
  return t('tooltip.ago.days', { count: Math.floor(minutes / (24 * 60)) });
}

/** Whole days from a `YYYY-MM-DD` date to the Beijing date of `now` (negative in the future). */
function daysSince(date: string, now: Date): number {
  return Math.round((Date.parse(beijingDate(now)) - Date.parse(date)) / DAY_MS);
}

/** A past date with its age: 2024-03-01（12 天前）. */
function dateWithAge(date: string, now: Date): string {
  const days = daysSince(date, now);
  if (Number.isNaN(days) || days < 0) return date;
  const age = days === 0 ? t('tooltip.ago.today') : t('tooltip.ago.days', { count: days });
  return t('tooltip.date_with_age', { date, age });
}

type Line = TooltipLine | undefined;
const line = (labelText: string, value: string | undefined): Line => (value === undefined || value === '' ? undefined : { label: labelText, value });
const content = (title: string, lines: readonly Line[]): TooltipContent => ({ title, lines: lines.filter((l): l is TooltipLine => l !== undefined) });
const count = (key: MessageKey, n: number | undefined): string | undefined => (n === undefined ? undefined : t(key, { count: n }));
const nameWithId = (name: string | undefined, id: string): string => (name ? t('tooltip.name_with_id', { name, id }) : id);

// --- One builder per kind --------------------------------------------------------------------

function premiseContent(f: FeatureOf<'premises'>, now: Date): TooltipContent {
  const p = f.properties;
  const risk = premiseRisk(f, now);
  const detail = [risk.major > 0 ? t('tooltip.major', { count: risk.major }) : '', risk.overdue > 0 ? t('tooltip.overdue', { count: risk.overdue }) : '']
    .filter((s) => s !== '')
    .join(t('tooltip.detail_separator'));
  const open = risk.openHazards === 0 ? t('tooltip.none')
    : detail ? t('tooltip.count_with_detail', { count: risk.openHazards, detail }) : t('tooltip.count', { count: risk.openHazards });
  return content(p.name, [
    line(label('premises', 'categories'), p.categories.map((c) => enumValue('premises', 'categories', c)).join(t('tooltip.list_separator'))),
    line(t('tooltip.open_hazards'), open),
    line(label('premises', 'key_unit'), p.key_unit === undefined ? undefined : yesNo(p.key_unit)),
  ]);
}

function hydrantContent(f: FeatureOf<'hydrants'>, now: Date): TooltipContent {
  const p = f.properties;
  return content(t('tooltip.title.hydrant', { id: p.id }), [
    line(label('hydrants', 'type'), p.type && enumValue('hydrants', 'type', p.type)),
    line(label('hydrants', 'status'), enumValue('hydrants', 'status', p.status)),
    line(label('hydrants', 'pressure_mpa'), p.pressure_mpa === undefined ? undefined : quantity('hydrants', 'pressure_mpa', p.pressure_mpa)),
    line(label('hydrants', 'last_inspected'), p.last_inspected && dateWithAge(p.last_inspected, now)),
  ]);
}

function hazardAreaContent(f: FeatureOf<'hazard_areas'>, now: Date): TooltipContent {
  const p = f.properties;
  const status = enumValue('hazard_areas', 'status', p.status);
  const overdue = isOverdue(p, now);
  const deadline = p.deadline && overdue ? t('tooltip.overdue_by', { date: p.deadline, count: daysSince(p.deadline, now) }) : p.deadline;
  return content(p.name, [
    line(label('hazard_areas', 'kind'), enumValue('hazard_areas', 'kind', p.kind)),
    line(label('hazard_areas', 'supervision_level'), p.supervision_level && enumValue('hazard_areas', 'supervision_level', p.supervision_level)),
    line(label('hazard_areas', 'status'), overdue ? t('tooltip.status_overdue', { status }) : status),
    line(label('hazard_areas', 'deadline'), deadline),
  ]);
}

function fireLaneContent(f: FeatureOf<'fire_lanes'>): TooltipContent {
  const p = f.properties;
  const present = (p.obstacles ?? []).filter((o) => o.removed_at === undefined).length;
  return content(p.name ?? t('tooltip.title.fire_lane', { id: p.id }), [
    line(label('fire_lanes', 'id'), p.name === undefined ? undefined : p.id),
    line(label('fire_lanes', 'status'), enumValue('fire_lanes', 'status', p.status)),
    line(label('fire_lanes', 'width_m'), p.width_m === undefined ? undefined : quantity('fire_lanes', 'width_m', p.width_m)),
    line(t('tooltip.obstacles_present'), present === 0 ? t('tooltip.none') : t('tooltip.obstacle_count', { count: present })),
  ]);
}

function obstacleContent(lane: FeatureOf<'fire_lanes'>, extra: PickedExtra, now: Date): TooltipContent {
  const o = extra.obstacle;
  return content(t('tooltip.title.obstacle'), [
    line(label('fire_lanes', 'obstacles.type'), o && enumText('obstacle_type', o.type)),
    line(t('tooltip.since'), o?.reported_at && dateWithAge(o.reported_at, now)),
    line(t('tooltip.removed'), o?.removed_at),
    line(label('fire_lanes', 'obstacles.source'), o?.source && enumText('obstacle_source', o.source)),
    line(t('tooltip.lane'), nameWithId(lane.properties.name, lane.properties.id)),
  ]);
}

function sensorContent(f: FeatureOf<'sensors'>, extra: PickedExtra | undefined, now: Date): TooltipContent {
  const p = f.properties;
  const premiseId = p.premise_id ?? extra?.premise?.properties.id;
  return content(p.name ?? t('tooltip.title.sensor', { id: p.id }), [
    line(label('sensors', 'kind'), enumValue('sensors', 'kind', p.kind)),
    line(t('tooltip.online'), p.online === undefined ? undefined : t(p.online ? 'tooltip.online.true' : 'tooltip.online.false')),
    line(t('tooltip.last_seen'), p.online === false && p.last_seen ? relativeTime(p.last_seen, now) : undefined),
    line(t('tooltip.premise'), premiseId && nameWithId(extra?.premise?.properties.name, premiseId)),
  ]);
}

function alarmContent(f: FeatureOf<'alarms'>, extra: PickedExtra | undefined, now: Date): TooltipContent {
  const p = f.properties;
  const state = p.resolved === true ? 'tooltip.alarm_state.resolved' : p.acknowledged === true ? 'tooltip.alarm_state.acknowledged' : 'tooltip.alarm_state.unacknowledged';
  const sensorId = p.sensor_id ?? extra?.sensor?.properties.id;
  const premiseId = p.premise_id ?? extra?.premise?.properties.id;
  return content(sentenceCase(enumValue('alarms', 'level', p.level)), [
    line(t('tooltip.alarm_time'), relativeTime(p.time, now)),
    line(t('tooltip.alarm_state'), t(state)),
    line(label('alarms', 'kind'), p.kind && enumValue('alarms', 'kind', p.kind)),
    line(t('tooltip.sensor'), sensorId && nameWithId(extra?.sensor?.properties.name, sensorId)),
    line(t('tooltip.premise'), premiseId && nameWithId(extra?.premise?.properties.name, premiseId)),
    line(t('tooltip.alarms_here'), extra?.alarmsHere === undefined ? undefined : t('tooltip.alarms_here.value', { count: extra.alarmsHere })),
  ]);
}

function gridContent(f: FeatureOf<'grids'>, options: TooltipOptions): TooltipContent {
  const p = f.properties;
  return content(t('tooltip.title.grid', { id: p.grid_id }), [
    line(label('grids', 'name'), p.name),
    line(label('grids', 'community'), p.community),
    line(label('grids', 'worker'), p.worker && personal('grids', 'worker', p.worker, options)),
  ]);
}

function stationContent(f: FeatureOf<'stations'>): TooltipContent {
  const p = f.properties;
  return content(p.name, [
    line(label('stations', 'kind'), enumValue('stations', 'kind', p.kind)),
    line(label('stations', 'vehicles'), count('tooltip.vehicles', p.vehicles)),
    line(label('stations', 'staff'), count('tooltip.staff', p.staff)),
  ]);
}

/**
 * The tooltip of a picked feature at time `now` (ages, overdue), in the current language.
 * @param options.maskPersonal mask personal fields (the grid worker's name).
 * @example tooltipContent({ layerId: 'hydrants', kind: 'hydrants', feature }, new Date())
 *   // { title: '消火栓 H-001', lines: [{ label: '状态', value: '正常' }, …] }
 */
export function tooltipContent(picked: Picked, now: Date, options: TooltipOptions = {}): TooltipContent {
  switch (picked.kind) {
    case 'premises': return premiseContent(picked.feature, now);
    case 'hydrants': return hydrantContent(picked.feature, now);
    case 'hazard_areas': return hazardAreaContent(picked.feature, now);
    case 'fire_lanes': return picked.extra?.obstacle ? obstacleContent(picked.feature, picked.extra, now) : fireLaneContent(picked.feature);
    case 'sensors': return sensorContent(picked.feature, picked.extra, now);
    case 'alarms': return alarmContent(picked.feature, picked.extra, now);
    case 'grids': return gridContent(picked.feature, options);
    case 'stations': return stationContent(picked.feature);
  }
}

// --- Placement -------------------------------------------------------------------------------

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Where the tooltip box goes: `gap` pixels right of and below the pointer, flipped to the left or
 * above when it would leave the container, and clamped inside it (a box larger than the container
 * sticks to its top-left corner).
 * @example tooltipPosition(790, 10, { width: 800, height: 600 }, { width: 200, height: 80 }) // { left: 578, top: 22 }
 */
export function tooltipPosition(x: number, y: number, container: Size, box: Size, gap = 12): { left: number; top: number } {
  const place = (pointer: number, size: number, room: number): number => {
    let start = pointer + gap;
    if (start + size > room) start = pointer - gap - size;
    return Math.max(0, Math.min(start, room - size));
  };
  return { left: place(x, box.width, container.width), top: place(y, box.height, container.height) };
}
