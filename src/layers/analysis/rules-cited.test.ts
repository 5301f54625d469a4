import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, listRules, mergeRules } from '../../analysis/rules.ts';
import { ANALYSIS_NAMES } from './types.ts';
import { ANALYSIS_RULE_PATHS, citedRuleRows, ruleValueLines } from './rules-cited.ts';

describe('citedRuleRows', () => {
  it('lists only paths of the rules table', () => {
    const known = new Set(listRules().map((r) => r.path));
    for (const name of ANALYSIS_NAMES) for (const path of ANALYSIS_RULE_PATHS[name]) expect(known.has(path), path).toBe(true);
  });

  it('counts the findings citing each rule, the analysis list first, then other cited paths', () => {
    const rows = [
      { ruleRefs: ['hydrant.protection_radius_m'] },
      { ruleRefs: ['hydrant.protection_radius_m', 'hydrant.protection_radius_m'] }, // counted once per finding
      { ruleRefs: ['hydrant.spacing_m', 'no.such_rule'] },
    ];
    const out = citedRuleRows('hydrant-coverage', DEFAULT_RULES, rows);
    expect(out.map((r) => [r.path, r.cited])).toEqual([['hydrant.protection_radius_m', 2], ['hydrant.spacing_m', 1]]);
    expect(out[0]?.rule).toBe(DEFAULT_RULES.hydrant.protection_radius_m);
  });

  it('shows the rules in force, overrides included', () => {
    const rules = mergeRules({ hydrant: { protection_radius_m: { value: 120, clause: '市消防规划 §3.2' } } });
    expect(citedRuleRows('coverage-grid', rules)[0]?.rule).toMatchObject({ value: 120, clause: '市消防规划 §3.2' });
    expect(citedRuleRows('clusters', rules)).toEqual([]);
  });
});

describe('ruleValueLines', () => {
  it('writes figures with units, ratios as percentages', () => {
    expect(ruleValueLines(150, 'm')).toEqual(['150 m']);
    expect(ruleValueLines(0.8, 'ratio')).toEqual(['80 %']);
    expect(ruleValueLines(1.4, '')).toEqual(['1.4']);
    expect(ruleValueLines('C', 'class', (v, u) => `${u} ${v}`)).toEqual(['class C']);
  });

  it('writes yearly targets one per line and tables one cell per line', () => {
    expect(ruleValueLines(DEFAULT_RULES.iot.key_unit_connection_targets.value, 'ratio')).toEqual(['2024: 30 %', '2025: 50 %', '2026: 70 %']);
    const civil = ruleValueLines(DEFAULT_RULES.separation.civil.value, 'm');
    expect(civil).toHaveLength(16);
    expect(civil).toContain('grade_3 / grade_3: 8 m');
  });
});
