import { describe, expect, it } from 'vitest';
import { ENUMS, type EnumValue } from './enums.ts';
import { KINDS, KIND_NAMES, type FieldDef, type ItemDef } from './kinds.ts';
import type { Hazard, KindShapes, Obstacle, EnforcementAction } from './types.ts';

// Compile-time: the hand-written types name exactly the fields of the table (npm test typechecks).
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type FieldsOf<K extends keyof typeof KINDS> = keyof (typeof KINDS)[K]['fields'];
type PropsOf<K extends keyof KindShapes> = keyof NonNullable<KindShapes[K]['properties']>;
export type ContractMatchesTypes = [
  Assert<Equal<PropsOf<'premises'>, FieldsOf<'premises'>>>,
  Assert<Equal<PropsOf<'hazard_areas'>, FieldsOf<'hazard_areas'>>>,
  Assert<Equal<PropsOf<'fire_lanes'>, FieldsOf<'fire_lanes'>>>,
  Assert<Equal<PropsOf<'hydrants'>, FieldsOf<'hydrants'>>>,
  Assert<Equal<PropsOf<'sensors'>, FieldsOf<'sensors'>>>,
  Assert<Equal<PropsOf<'alarms'>, FieldsOf<'alarms'>>>,
  Assert<Equal<PropsOf<'grids'>, FieldsOf<'grids'>>>,
  Assert<Equal<PropsOf<'stations'>, FieldsOf<'stations'>>>,
  Assert<Equal<PropsOf<'buildings'>, FieldsOf<'buildings'>>>,
  Assert<Equal<PropsOf<'roads'>, FieldsOf<'roads'>>>,
  Assert<Equal<keyof Hazard, keyof (typeof KINDS)['premises']['fields']['hazards']['item']['fields']>>,
  Assert<Equal<keyof Obstacle, keyof (typeof KINDS)['fire_lanes']['fields']['obstacles']['item']['fields']>>,
  Assert<Equal<keyof EnforcementAction, keyof (typeof KINDS)['premises']['fields']['hazards']['item']['fields']['enforcement']['item']['fields']>>,
];

function allFields(fields: Readonly<Record<string, FieldDef>>): FieldDef[] {
  return Object.values(fields).flatMap((f) => (f.type === 'object[]' ? [f, ...allFields((f.item as ItemDef).fields)] : [f]));
}

describe('the contract table', () => {
  it('has an id field that is a required string in every kind', () => {
    for (const kind of KIND_NAMES) {
      const def = KINDS[kind];
      const idField = (def.fields as Record<string, FieldDef>)[def.idField];
      expect(idField, kind).toBeDefined();
      expect(idField?.type, kind).toBe('string');
      expect(idField?.required, kind).toBe(true);
    }
  });

  it('labels every field in Chinese and English', () => {
    for (const kind of KIND_NAMES) {
      for (const field of allFields(KINDS[kind].fields)) {
        expect(field.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(field.en.length).toBeGreaterThan(1);
      }
    }
  });

  it('never lets one label mean two values of the same enumeration', () => {
    for (const [name, def] of Object.entries(ENUMS)) {
      const seen = new Map<string, string>();
      for (const value of def.values as readonly EnumValue[]) {
        for (const label of [value.value, value.zh, value.en, ...(value.aliases ?? [])]) {
          const key = label.trim().toLowerCase();
          const owner = seen.get(key);
          expect(owner === undefined || owner === value.value, `${name}: "${label}" names both ${owner} and ${value.value}`).toBe(true);
          seen.set(key, value.value);
        }
      }
    }
  });

  it('names a fallback that is one of its own values', () => {
    for (const [name, def] of Object.entries(ENUMS)) {
      if (!('fallback' in def)) continue;
      const values = (def.values as readonly EnumValue[]).map((v) => v.value);
      expect(values, name).toContain(def.fallback);
    }
  });

  it('flags names and phone numbers as personal data', () => {
    const personal = KIND_NAMES.flatMap((kind) =>
      Object.entries(KINDS[kind].fields as Record<string, FieldDef>).filter(([, f]) => f.personal).map(([n]) => `${kind}.${n}`),
    );
    expect(personal.sort()).toEqual(['grids.worker', 'grids.worker_phone', 'premises.phone', 'premises.principal']);
  });
});
