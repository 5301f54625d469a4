/**
 * Writes docs/data-contract.md from the contract table, so the document can never disagree with
 * what the loader checks. `npm run contract-docs` rewrites it; a test fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENUMS, type EnumName, type EnumValue } from '../sources/contract/enums.ts';
import { KINDS, KIND_NAMES, type FieldDef, type ItemDef } from '../sources/contract/kinds.ts';
import { REPORT_CODES } from '../sources/codes.ts';

const INTRO_PATH = new URL('../../docs/data-contract.intro.md', import.meta.url);
export const CONTRACT_DOC_PATH = new URL('../../docs/data-contract.md', import.meta.url);

function typeCell(field: FieldDef): string {
  switch (field.type) {
    case 'number': {
      const range = field.min !== undefined || field.max !== undefined ? ` ${field.min ?? '−∞'}–${field.max ?? '∞'}` : '';
      return `${field.integer ? 'integer' : 'number'}${field.unit ? ` (${field.unit})` : ''}${range}`;
    }
    case 'enum': return `enum [${field.enum}](#enum-${field.enum})`;
    case 'enum[]': return `enum[] [${field.enum}](#enum-${field.enum})`;
    case 'object[]': return `array of ${(field.item as ItemDef).en}`;
    case 'date': return 'date `YYYY-MM-DD`';
    case 'datetime': return 'date-time (ISO 8601, +08:00 when no zone)';
    default: return field.type;
  }
}

function notes(field: FieldDef): string {
  const parts: string[] = [];
  if (field.personal) parts.push('**personal data** (个人信息): masked on public screens');
  if (field.type === 'number' && field.aliases) parts.push(`also ${Object.keys(field.aliases).join(' / ')}`);
  if (field.type === 'boolean') parts.push(`true/false, 是/否, 1/0${field.trueLabels ? `, ${field.trueLabels.join('/')} / ${field.falseLabels?.join('/') ?? ''}` : ''}`);
  if (field.note) parts.push(field.note);
  return parts.join('; ');
}

function fieldTable(fields: Readonly<Record<string, FieldDef>>): string[] {
  const rows = ['| property | 中文 | type | required | notes |', '|---|---|---|---|---|'];
  for (const [name, field] of Object.entries(fields)) {
    rows.push(`| \`${name}\` | ${field.zh} | ${typeCell(field)} | ${field.required ? 'yes' : ''} | ${notes(field)} |`);
  }
  return rows;
}

function items(fields: Readonly<Record<string, FieldDef>>, out: Map<string, ItemDef>): void {
  for (const field of Object.values(fields)) {
    if (field.type !== 'object[]') continue;
    const item = field.item as ItemDef;
    out.set(item.en, item);
    items(item.fields, out);
  }
}

/** The whole document as a string. */
export function renderContractDoc(intro: string): string {
  const lines: string[] = [intro.trimEnd(), '', '## Kinds', ''];
  const nested = new Map<string, ItemDef>();
  for (const kind of KIND_NAMES) {
    const def = KINDS[kind];
    lines.push(`### \`${kind}\`: ${def.zh} (${def.en})`, '');
    lines.push(`Geometry: ${def.geometry.join(', ')}. Identifier: \`${def.idField}\`. File name in a folder without manifest: \`${kind}.geojson\`.`, '');
    lines.push(...fieldTable(def.fields), '');
    items(def.fields, nested);
  }
  lines.push('## Nested items', '');
  for (const item of nested.values()) {
    lines.push(`### ${item.zh} (${item.en})`, '', ...fieldTable(item.fields), '');
  }
  lines.push('## Enumerations', '', 'Values are matched by identifier, Chinese label, English label or alias, ignoring case and surrounding spaces.', '');
  for (const name of Object.keys(ENUMS) as EnumName[]) {
    const def = ENUMS[name];
    const fallback = 'fallback' in def ? ` Unknown labels become \`${def.fallback}\` (with a warning).` : ' Unknown labels are reported; a required field with one drops the feature.';
    lines.push(`### <a id="enum-${name}"></a>\`${name}\`: ${def.zh} (${def.en})`, '', fallback.trim(), '');
    lines.push('| value | 中文 | English | also accepted |', '|---|---|---|---|');
    for (const value of def.values as readonly EnumValue[]) {
      lines.push(`| \`${value.value}\` | ${value.zh} | ${value.en} | ${(value.aliases ?? []).join(', ')} |`);
    }
    lines.push('');
  }
  lines.push('## Report codes', '', 'What `check-data --json` and the viewer report. Codes are stable; the UI translates by code and params.', '');
  lines.push('| code | severity | params | meaning |', '|---|---|---|---|');
  for (const [code, def] of Object.entries(REPORT_CODES)) {
    lines.push(`| \`${code}\` | ${def.severity.replace('|', ' or ')} | ${def.params.join(', ')} | ${def.summary} |`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function currentContractDoc(): string {
  return renderContractDoc(readFileSync(INTRO_PATH, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CONTRACT_DOC_PATH, currentContractDoc());
  console.log(`wrote ${fileURLToPath(CONTRACT_DOC_PATH)}`);
}
