/**
 * Deterministic GeoJSON output. Properties are written in the order of the contract table (KINDS),
 * nested items in the order of their item table; unknown properties, missing required ones and
 * enum values outside ENUMS are refused (they would be generator bugs). One feature per line, so a
 * diff between two demo runs reads feature by feature; files are streamed in 1 MiB chunks so a
 * hundred-fold district never builds one giant string.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Feature } from 'geojson';
import { ENUMS, type EnumValue } from '../sources/contract/enums.ts';
import { KINDS, type FieldDef, type Kind } from '../sources/contract/kinds.ts';

const enumValues = new Map<string, ReadonlySet<string>>(
  Object.entries(ENUMS).map(([name, def]) => [name, new Set((def.values as readonly EnumValue[]).map((v) => v.value))]),
);

function checkValue(def: FieldDef, v: unknown, where: string): unknown {
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why} (${JSON.stringify(v)})`);
  };
  switch (def.type) {
    case 'enum':
      if (!enumValues.get(def.enum)?.has(String(v))) fail(`not a ${def.enum} value`);
      return v;
    case 'enum[]':
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => !enumValues.get(def.enum)?.has(String(x)))) fail(`not a list of ${def.enum} values`);
      return v;
    case 'object[]':
      if (!Array.isArray(v)) fail('not a list');
      return (v as Record<string, unknown>[]).map((item, k) => orderProperties(def.item.fields, item, `${where}[${k}]`));
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) fail('not a number');
      if ((def.min !== undefined && (v as number) < def.min) || (def.max !== undefined && (v as number) > def.max) || (def.integer && !Number.isInteger(v))) fail('out of range');
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') fail('not a boolean');
      return v;
    case 'date':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail('not a YYYY-MM-DD date');
      return v;
    case 'datetime':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(v)) fail('not an ISO date-time');
      return v;
    default:
      if (typeof v !== 'string' || v === '') fail('not a non-empty string');
      return v;
  }
}

/** Properties in the table's order, checked; throws on anything the contract does not know. */
export function orderProperties(fields: Readonly<Record<string, FieldDef>>, props: Record<string, unknown>, where: string): Record<string, unknown> {
  for (const key of Object.keys(props)) if (!Object.hasOwn(fields, key)) throw new Error(`${where}: unknown property "${key}"`);
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(fields)) {
    const v = props[name];
    if (v === undefined) {
      if (def.required) throw new Error(`${where}: missing required property "${name}"`);
      continue;
    }
    out[name] = checkValue(def, v, `${where}.${name}`);
  }
  return out;
}

/** One contract feature as one line of JSON. */
export function featureLine(kind: Kind, f: Feature): string {
  const props = orderProperties(KINDS[kind].fields, (f.properties ?? {}) as Record<string, unknown>, `${kind} ${String((f.properties as Record<string, unknown> | null)?.[KINDS[kind].idField])}`);
  return JSON.stringify({ type: 'Feature', properties: props, geometry: f.geometry });
}

/** A feature whose property order is its own (the IoT platform's export). */
export function rawFeatureLine(f: Feature): string {
  return JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry });
}

/** Streams a FeatureCollection to disk: header, one feature per line, footer. */
export class CollectionWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  private bytesWritten = 0;
  count = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.push('{"type":"FeatureCollection","features":[\n');
  }

  add(line: string): void {
    this.push(this.count++ === 0 ? line : `,\n${line}`);
  }

  /** Finishes the file; returns its size in bytes. */
  close(): number {
    this.push('\n]}\n');
    this.flush();
    closeSync(this.fd);
    return this.bytesWritten;
  }

  private push(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    for (let off = 0; off < buf.length;) off += writeSync(this.fd, buf, off, buf.length - off);
    this.bytesWritten += buf.length;
    this.parts = [];
    this.pending = 0;
  }
}
