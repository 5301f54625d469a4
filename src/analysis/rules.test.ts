import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, isHighRise, listRules, mergeRules, requiredSeparation, separationKey, type SeparationSubject } from './rules.ts';

const house = (grade: number, height_m = 12): SeparationSubject => ({ use: 'selfbuilt_house', height_m, fire_resistance_grade: grade });
const flat = (height_m: number, grade = 2): SeparationSubject => ({ use: 'residential', height_m, fire_resistance_grade: grade });
const factory = (cls: 'A' | 'B' | 'C' | 'D' | 'E', grade: number, height_m = 8): SeparationSubject =>
  ({ use: 'factory', height_m, fire_resistance_grade: grade, fire_hazard_class: cls });

describe('requiredSeparation: civil (GB 50016 §5.2.2)', () => {
  it.each([
    ['grade 1-2 / grade 1-2', flat(18), flat(15), 6],
    ['grade 1-2 / grade 3', flat(18), house(3), 7],
    ['grade 3 / grade 3', house(3), house(3), 8],
    ['grade 3 / grade 4', house(3), house(4), 10],
    ['grade 4 / grade 4', house(4), house(4), 12],
    ['high-rise / grade 1-2', flat(30), flat(18), 9],
    ['high-rise / grade 3', flat(30), house(3), 11],
    ['high-rise / grade 4', flat(30), house(4), 14],
    ['high-rise / high-rise', flat(60), flat(30), 13],
  ])('%s → %i m', (_label, a, b, expected) => {
    const req = requiredSeparation(a, b);
    expect(req.required_m).toBe(expected);
    expect(req.clause).toContain('§5.2.2');
    expect(requiredSeparation(b, a).required_m).toBe(expected); // symmetric
  });

  it('uses 27 m for residential and 24 m for other buildings as the high-rise line', () => {
    expect(isHighRise(flat(27))).toBe(false);
    expect(isHighRise(flat(27.1))).toBe(true);
    expect(isHighRise({ use: 'office', height_m: 24.5 })).toBe(true);
    expect(requiredSeparation({ use: 'office', height_m: 25, fire_resistance_grade: 1 }, flat(20)).required_m).toBe(9);
  });

  it('assumes grade 2 when the grade is unknown', () => {
    expect(requiredSeparation({ use: 'commercial', height_m: 8 }, { use: 'commercial' }).required_m).toBe(6);
  });
});

describe('requiredSeparation: factory to civil (GB 50016 §3.4.1)', () => {
  it.each([
    ['丙 grade 2 / self-built grade 3', factory('C', 2), house(3), 12],
    ['丙 grade 2 / grade 2 flats', factory('C', 2), flat(18), 10],
    ['丙 grade 2 / grade 4', factory('C', 2), house(4), 14],
    ['丙 grade 3 / grade 2', factory('C', 3), flat(18), 12],
    ['丙 grade 4 / grade 4', factory('C', 4), house(4), 16],
    ['甲 / low-rise', factory('A', 2), flat(18), 25],
    ['乙 / high-rise', factory('B', 2), flat(30), 50],
    ['丙 grade 2 / high-rise class II (40 m flats)', factory('C', 2), flat(40), 15],
    ['丙 grade 2 / high-rise class I (60 m flats)', factory('C', 2), flat(60), 20],
    ['丙 grade 3 / high-rise class I', factory('C', 3), flat(60), 25],
    ['丙 grade 2 / 30 m hospital (class I)', factory('C', 2), { use: 'hospital', height_m: 30, fire_resistance_grade: 1 } satisfies SeparationSubject, 20],
    ['丁 grade 2 / high-rise class II', factory('D', 2), flat(30), 13],
    ['戊 grade 2 / grade 3', factory('E', 2), house(3), 12],
  ])('%s → %i m', (_label, a, b, expected) => {
    const req = requiredSeparation(a, b);
    expect(req).toMatchObject({ required_m: expected, basis: 'factory_civil' });
    expect(req.clause).toContain('§3.4.1');
    expect(requiredSeparation(b, a).required_m).toBe(expected);
  });

  it('treats a warehouse like a factory and assumes 丙 when the class is unknown', () => {
    expect(requiredSeparation({ use: 'warehouse', fire_resistance_grade: 2 }, house(3)).required_m).toBe(12);
  });
});

describe('requiredSeparation: factory to factory (S = A + B + C)', () => {
  it.each([
    ['grade 2 / grade 2', factory('C', 2), factory('D', 2), 10],
    ['grade 2 / grade 3', factory('C', 2), factory('C', 3), 12],
    ['grade 3 / grade 3', factory('C', 3), factory('C', 3), 14],
    ['grade 4 / grade 4', factory('C', 4), factory('C', 4), 18],
    ['甲 grade 2 / grade 2', factory('A', 2), factory('C', 2), 12],
    ['high-rise factory / grade 2', factory('C', 2, 30), factory('C', 2), 13],
  ])('%s → %i m', (_label, a, b, expected) => {
    expect(requiredSeparation(a, b)).toMatchObject({ required_m: expected, basis: 'factory_factory' });
  });
});

describe('mergeRules', () => {
  it('overrides a leaf and keeps everything else', () => {
    const rules = mergeRules({ hydrant: { protection_radius_m: { value: 120 } } });
    expect(rules.hydrant.protection_radius_m.value).toBe(120);
    expect(rules.hydrant.protection_radius_m.clause).toBe(DEFAULT_RULES.hydrant.protection_radius_m.clause);
    expect(rules.hydrant.spacing_m).toEqual(DEFAULT_RULES.hydrant.spacing_m);
    expect(DEFAULT_RULES.hydrant.protection_radius_m.value).toBe(150); // not mutated
  });

  it('overrides one cell of a table and the result drives requiredSeparation', () => {
    const rules = mergeRules({ separation: { civil: { value: { grade_3: { grade_3: 9 } } } } });
    expect(rules.separation.civil.value.grade_3.grade_4).toBe(10);
    expect(requiredSeparation(house(3), house(3), rules).required_m).toBe(9);
  });

  it('refuses unknown keys and wrong types', () => {
    expect(() => mergeRules({ hydrant: { radius_m: { value: 1 } } } as never)).toThrow(/Unknown rule "hydrant.radius_m"/);
    expect(() => mergeRules({ hydrant: { spacing_m: { value: '100' } } } as never)).toThrow(/must be a number/);
  });

  it('lists every rule with a clause and both labels', () => {
    const list = listRules();
    expect(list.map((x) => x.path)).toContain('hydrant.protection_radius_m');
    for (const { path, rule } of list) {
      expect(rule.clause, path).not.toBe('');
      expect(rule.zh, path).not.toBe('');
      expect(rule.en, path).not.toBe('');
    }
  });
});

describe('separationKey', () => {
  const subjects: SeparationSubject[] = [
    house(3), house(4), house(2, 30), flat(18), flat(40), flat(60), flat(28, 3), factory('A', 2), factory('B', 3), factory('C', 2),
    factory('C', 3), factory('C', 4), factory('D', 2), factory('E', 4), factory('C', 2, 30), { use: 'hospital', height_m: 30 },
    { use: 'warehouse' }, { use: 'commercial' }, { use: 'office', height_m: 55, fire_resistance_grade: 1 },
  ];
  it('equal keys always give equal requirements, with any partner', () => {
    for (const a of subjects) for (const a2 of subjects) {
      if (separationKey(a) !== separationKey(a2)) continue;
      for (const b of subjects) expect(requiredSeparation(a2, b)).toEqual(requiredSeparation(a, b));
    }
    expect(new Set(subjects.map((s) => separationKey(s))).size).toBeGreaterThan(12);
  });
});

describe('campaign and reduction rules', () => {
  it('carries the IoT connection targets of 2024–2026 with their source', () => {
    expect(DEFAULT_RULES.iot.key_unit_connection_targets.value.map((t) => t.rate)).toEqual([0.3, 0.5, 0.7]);
    expect(DEFAULT_RULES.iot.key_unit_connection_targets.clause).toContain('task 17');
    const later = mergeRules({ iot: { key_unit_connection_targets: { value: [{ year: 2027, rate: 0.8 }] } } });
    expect(later.iot.key_unit_connection_targets.value).toEqual([{ year: 2027, rate: 0.8 }]);
    expect(DEFAULT_RULES.separation.reduction_protected_openings.value).toBe(0.25);
  });
});
