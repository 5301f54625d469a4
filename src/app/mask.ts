/**
 * Masking of personal data (names, phone numbers) for public screens: the wall display, a shared
 * screen, a screenshot in a report. Which fields are personal is the data contract's decision (the
 * `personal` flag in src/sources/contract/kinds.ts); how a value is masked depends on what it looks
 * like, so a new personal field needs no change here.
 *
 * Pure and deterministic: the same input gives the same mask, so a masked screen does not flicker.
 */
import { KINDS, type FieldDef, type Kind } from '../sources/contract/index.ts';

const STAR = '*';
/** Separators exporters write between several people or numbers in one cell. */
const LIST_SEPARATORS = /([、,，;；/|]+)/;
/** A mainland mobile number: 11 digits starting with 1, optionally after +86 / 0086 / 86. */
const MOBILE = /^(\+?(?:00)?86)?(1\d{10})$/;
/** A landline written with its area code apart (0 + 2–3 digits, a dash or space), 7–8 local digits, maybe an extension. */
const LANDLINE = /^(0\d{2,3})([- ])(\d{7,8})((?:[-转#]|ext\.?)\d{1,6})?$/i;
const LATIN_START = /^[A-Za-z]/;

/**
 * A person's name with all but its start hidden: for 2–3 characters the first is kept (张三 → 张*,
 * 王小明 → 王**), for 4 or more the first two (compound surnames such as 欧阳: 欧阳娜娜 → 欧阳**); a
 * name in Latin letters keeps its first letter (John Smith → J***), so its length is not revealed.
 * A single character is hidden entirely.
 * @example maskName('张三') // '张*'
 */
export function maskName(name: string): string {
  const text = name.trim();
  if (text === '') return '';
  if (LATIN_START.test(text)) return `${text.charAt(0)}${STAR.repeat(3)}`;
  const chars = Array.from(text);
  if (chars.length === 1) return STAR;
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + STAR.repeat(chars.length - keep);
}

/**
 * A phone number with its middle hidden: mobiles keep the first 3 and last 4 digits
 * (13812345678 → 138****5678), landlines keep the area code and the last 4 digits
 * (0595-12345678 → 0595-****5678); anything else keeps only its last 2 characters.
 * Spaces and dashes inside a mobile number are ignored.
 * @example maskPhone('0595-12345678') // '0595-****5678'
 */
export function maskPhone(phone: string): string {
  const text = phone.trim();
  const compact = text.replace(/[\s-]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) {
    const [, prefix, digits = ''] = mobile;
    return `${prefix ? `${prefix} ` : ''}${digits.slice(0, 3)}${STAR.repeat(4)}${digits.slice(-4)}`;
  }
  const landline = LANDLINE.exec(text) ?? landlineWithoutSeparator(compact);
  if (landline) {
    const [, area = '', separator = '', local = ''] = landline;
    return `${area}${separator || '-'}${STAR.repeat(4)}${local.slice(-4)}`;
  }
  const chars = Array.from(text);
  return STAR.repeat(Math.max(0, chars.length - 2)) + chars.slice(-2).join('');
}

/**
 * 059512345678 written without a dash: area codes 010 and 02x have 3 digits, all others 4 (the
 * numbering plan), so the split is not a guess.
 */
function landlineWithoutSeparator(compact: string): RegExpExecArray | null {
  const areaLength = /^0[12]/.test(compact) ? 3 : 4;
  return new RegExp(`^(0\\d{${areaLength - 1}})()(\\d{7,8})$`).exec(compact);
}

/** Whether a value reads as a phone number (digits with the usual punctuation, at least 5 digits). */
export function looksLikePhone(value: string): boolean {
  const text = value.trim();
  return /^\+?[\d\s\-()#]+(?:(?:转|ext\.?)\d+)?$/i.test(text) && (text.match(/\d/g)?.length ?? 0) >= 5;
}

/**
 * A value masked when its field is personal in the contract, unchanged otherwise. Phone-like values
 * are masked as phones, the rest as names; a cell listing several (张三、李四 or two numbers) is
 * masked part by part, separators kept.
 * @param field anything carrying the contract's flag: a `FieldDef` from KINDS, or a row that copied it.
 * @example maskPersonal('张三、13812345678', KINDS.grids.fields.worker) // '张*、138****5678'
 */
export function maskPersonal(value: string, field: { readonly personal?: boolean } | undefined): string {
  if (field?.personal !== true) return value;
  return value
    .split(LIST_SEPARATORS)
    .map((part, i) => (i % 2 === 1 || part.trim() === '' ? part : maskOne(part)))
    .join('');
}

function maskOne(part: string): string {
  const lead = /^\s*/.exec(part)?.[0] ?? '';
  const trail = /\s*$/.exec(part)?.[0] ?? '';
  return lead + (looksLikePhone(part) ? maskPhone(part) : maskName(part)) + trail;
}

/**
 * Whether a top-level property of a kind is personal data according to the contract.
 * @example isPersonalField('premises', 'phone') // true
 */
export function isPersonalField(kind: Kind, name: string): boolean {
  const fields: Readonly<Record<string, FieldDef>> = KINDS[kind].fields;
  return Object.hasOwn(fields, name) && fields[name]?.personal === true;
}
