import { describe, expect, it } from 'vitest';
import { REPORT_CODES } from '../sources/codes.ts';
import type { ReportEntry } from '../sources/report.ts';
import { DEFAULT_RULES } from './rules.ts';
import { overriddenPaths, parseRulesOverride, RULES_REPORT_CODES, validateRulesOverride, type RulesReportEntry } from './rules-override.ts';

const parse = (json: unknown) => parseRulesOverride(JSON.stringify(json), 'rules.json');
const fields = (report: RulesReportEntry[]) => report.map((e) => [e.code, e.field]);

describe('parseRulesOverride', () => {
  it('applies a clean file and reports nothing', () => {
    const { rules, override, report } = parse({
      hydrant: { protection_radius_m: { value: 120, clause: 'local rule 2025-3' } },
      separation: { civil: { value: { grade_3: { grade_3: 9 } } } },
      iot: { key_unit_connection_targets: { value: [{ year: 2027, rate: 0.9 }] } },
      classification: { assumed_hazard_class: { value: 'B' } },
    });
    expect(report).toEqual([]);
    expect(rules.hydrant.protection_radius_m).toMatchObject({ value: 120, clause: 'local rule 2025-3', unit: 'm' });
    expect(rules.separation.civil.value.grade_3).toEqual({ ...DEFAULT_RULES.separation.civil.value.grade_3, grade_3: 9 });
    expect(rules.iot.key_unit_connection_targets.value).toEqual([{ year: 2027, rate: 0.9 }]);
    expect(rules.classification.assumed_hazard_class.value).toBe('B');
    expect(overriddenPaths(override)).toEqual(['hydrant.protection_radius_m', 'separation.civil', 'iot.key_unit_connection_targets', 'classification.assumed_hazard_class']);
  });

  it('keeps the valid parts and the defaults of bad leaves, naming file and rule path', () => {
    const { rules, override, report } = parse({
      hydrant: {
        protection_radiu_m: { value: 120 }, // typo
        spacing_m: { value: -1 }, // negative distance
        wall_min_m: 7, // bare number
        no_parking_m: { value: 'five' }, // wrong type
        road_edge_max_m: { value: 3 }, // fine
      },
      major_hazard: { separation_fraction: { value: 1.5 } }, // a ratio above 1
      classification: { assumed_grade: { value: 2.5 }, assumed_hazard_class: { value: 'F' } },
      fire_lane: 'wide',
    });
    expect(fields(report)).toEqual([
      ['rules.unknown', 'hydrant.protection_radiu_m'],
      ['number.range', 'hydrant.spacing_m.value'],
      ['rules.bare_value', 'hydrant.wall_min_m'],
      ['field.type', 'hydrant.no_parking_m.value'],
      ['number.range', 'major_hazard.separation_fraction.value'],
      ['number.integer', 'classification.assumed_grade.value'],
      ['enum.unknown', 'classification.assumed_hazard_class.value'],
      ['field.type', 'fire_lane'],
    ]);
    expect(report.every((e) => e.file === 'rules.json' && e.severity === 'error' && e.message.startsWith('rules.json: '))).toBe(true);
    expect(rules.hydrant.road_edge_max_m.value).toBe(3);
    expect(rules.hydrant.spacing_m).toEqual(DEFAULT_RULES.hydrant.spacing_m);
    expect(rules.hydrant.wall_min_m).toEqual(DEFAULT_RULES.hydrant.wall_min_m);
    expect(rules.major_hazard).toEqual(DEFAULT_RULES.major_hazard);
    expect(rules.classification).toEqual(DEFAULT_RULES.classification);
    expect(override).toEqual({ hydrant: { road_edge_max_m: { value: 3 } } });
    expect(overriddenPaths(override)).toEqual(['hydrant.road_edge_max_m']);
  });

  it('says what was expected, in the message and in params', () => {
    const [unknown, negative, bare, type] = parse({
      hydrant: { protection_radiu_m: { value: 120 }, spacing_m: { value: -1 }, protection_radius_m: 120 },
      separation: { civil: { value: { grade_3: { grade_3: 'nine' } } } },
    }).report;
    expect(unknown?.message).toMatch(/unknown rule "hydrant\.protection_radiu_m" \(known here: protection_radius_m, spacing_m/);
    expect(negative).toMatchObject({ message: 'rules.json: "hydrant.spacing_m.value" must be a finite number ≥ 0, got -1', params: { value: -1, min: 0, max: '∞' } });
    expect(bare?.message).toContain('"hydrant.protection_radius_m" must be an object (write { "value": 120 })');
    expect(type).toMatchObject({ field: 'separation.civil.value.grade_3.grade_3', params: { expected: 'number', value: '"nine"' } });
    expect(type?.message).toContain('must be a number, got "nine"');
  });

  it('replaces a list only when every item is whole', () => {
    const { rules, report } = parse({ iot: { key_unit_connection_targets: { value: [{ year: 2027, rate: 0.9 }, { year: 2028 }, { year: 2029.5, rate: 2 }, { year: 2030.5, rate: 1 }] } } });
    expect(fields(report)).toEqual([
      ['field.required', 'iot.key_unit_connection_targets.value[1].rate'],
      ['number.integer', 'iot.key_unit_connection_targets.value[2].year'],
      ['number.range', 'iot.key_unit_connection_targets.value[2].rate'],
      ['number.integer', 'iot.key_unit_connection_targets.value[3].year'],
    ]);
    expect(rules.iot).toEqual(DEFAULT_RULES.iot);
  });

  it('reports invalid JSON with line and column, and a file that is not an object', () => {
    const bad = parseRulesOverride('{\n  "hydrant": {\n    "spacing_m": { "value": 100, }\n  }\n}', 'rules.json');
    expect(bad.report).toMatchObject([{ code: 'json.invalid', file: 'rules.json', params: { line: 3 } }]);
    expect(bad.report[0]?.message).toMatch(/^rules\.json: not valid JSON at line 3, column \d+: /);
    expect(bad.rules).toBe(DEFAULT_RULES);
    expect(parseRulesOverride('[1, 2]', 'r.json').report).toMatchObject([{ code: 'rules.invalid', params: { found: 'array' } }]);
    expect(parseRulesOverride('\uFEFF{}', 'r.json').report).toEqual([]);
  });

  it('refuses inherited keys like any unknown one', () => {
    const { report } = parseRulesOverride('{"__proto__": {"x": 1}, "hydrant": {"constructor": {}}}', 'r.json');
    expect(fields(report)).toEqual([['rules.unknown', '__proto__'], ['rules.unknown', 'hydrant.constructor']]);
  });
});

describe('report entries', () => {
  it('use codes of the catalogue, and have the loader’s ReportEntry shape', () => {
    for (const code of RULES_REPORT_CODES) expect(Object.keys(REPORT_CODES), code).toContain(code);
    const entries: ReportEntry[] = validateRulesOverride({ hydrant: { x: 1 } }, 'r.json').report;
    expect(entries[0]).toMatchObject({ code: 'rules.unknown', params: { known: expect.stringContaining('protection_radius_m') } });
  });

  it('carry only the params their code declares', () => {
    const { report } = parse({
      hydrant: { x: 1, spacing_m: { value: -1 }, wall_min_m: 7, no_parking_m: { value: 'x' } },
      classification: { assumed_grade: { value: 2.5 }, assumed_hazard_class: { value: 'F' } },
      iot: { key_unit_connection_targets: { value: [{ year: 2027 }] } },
    });
    for (const e of [...report, ...parseRulesOverride('{', 'r').report, ...parseRulesOverride('1', 'r').report]) {
      const declared: readonly string[] = REPORT_CODES[e.code].params;
      for (const p of Object.keys(e.params ?? {})) expect(declared, `${e.code} ${p}`).toContain(p);
    }
  });
});
