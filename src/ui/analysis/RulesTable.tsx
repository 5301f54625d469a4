/**
 * The rules an analysis measures against, from the rules table in force (defaults or a deployment's
 * overrides): description in the reader's language, value with its unit, clause, path, and how many
 * findings cite it. Tables of values (separation by building class) fold into a disclosure.
 */
import { useMemo } from 'preact/hooks';
import { lang, t } from '../../i18n/index.ts';
import { citedRuleRows, ruleValueLines, type AnalysisName, type FindingRow, type Rules } from '../../layers/analysis/index.ts';
import { messageText } from './FindingsList.tsx';
import './analysis.css';

/** A value with its unit in the current language (`150 米`, `grade 3`); units without a message stay symbols (`km/h`). */
function withUnit(value: string, unit: string): string {
  const text = messageText(`analysis.unit.${unit}`, { value });
  return text !== `analysis.unit.${unit}` ? text : unit ? `${value} ${unit}` : value;
}

export interface RulesTableProps {
  name: AnalysisName;
  /** The rules table in force. */
  rules: Rules;
  /** The findings, to count how many cite each rule; without them the column is left out. */
  rows?: readonly FindingRow[];
}

/** The rules of one analysis as a table. */
export function RulesTable({ name, rules, rows }: RulesTableProps) {
  const ruleRows = useMemo(() => citedRuleRows(name, rules, rows), [name, rules, rows]);
  const zh = lang.value === 'zh-CN';
  if (ruleRows.length === 0) return <p class="analysis-rules-none">{t('analysis.rules.none')}</p>;
  return (
    <table class="analysis-rules" data-testid="analysis-rules">
      <caption class="analysis-subtitle">{t('analysis.rules.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('analysis.rules.description')}</th>
          <th scope="col">{t('analysis.rules.value')}</th>
          <th scope="col">{t('analysis.rules.clause')}</th>
          {rows && <th scope="col">{t('analysis.rules.cited')}</th>}
        </tr>
      </thead>
      <tbody>
        {ruleRows.map(({ path, rule, cited }) => {
          const lines = ruleValueLines(rule.value, rule.unit, withUnit);
          return (
            <tr key={path} data-rule={path} class={rows && cited === 0 ? 'analysis-rule--uncited' : undefined}>
              <th scope="row">
                <span class="analysis-rule-description">{zh ? rule.zh : rule.en}</span>
                <code class="analysis-rule-path" title={t('analysis.rules.path')}>{path}</code>
              </th>
              <td>
                {lines.length === 1 ? lines[0] : (
                  <details class="analysis-rule-table">
                    <summary>{t('analysis.rules.values', { count: lines.length })}</summary>
                    <ul>{lines.map((line) => <li key={line}>{line}</li>)}</ul>
                  </details>
                )}
              </td>
              <td class="analysis-rule-clause">{rule.clause}</td>
              {rows && <td class="analysis-rule-cited">{cited}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
