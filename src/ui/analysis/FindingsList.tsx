/**
 * The findings of one analysis as buttons, most severe first (the order of the rows given): each
 * shows its severity, the swatch of its map class and its sentence in the current language; a click
 * hands the row to `onPick` (fly to it, open its premises). Long lists render a page at a time.
 */
import { useEffect, useState } from 'preact/hooks';
import { hasMessage, t, type MessageParams } from '../../i18n/index.ts';
import { analysisClass, type FindingRow } from '../../layers/analysis/index.ts';
import { cssColor } from '../../layers/palette.ts';
import './analysis.css';

/** A message by a key built at run time; the key itself when there is no such message (visible, never blank). */
export function messageText(key: string, params?: MessageParams): string {
  return hasMessage(key) ? t(key, params) : key;
}

/** The sentence of a row and its qualifier, in the current language. */
export function findingText(row: FindingRow): { text: string; detail: string | null } {
  return {
    text: messageText(row.label.key, row.label.params),
    detail: row.label.detailKey ? messageText(row.label.detailKey, row.label.params) : null,
  };
}

export interface FindingsListProps {
  /** The rows, already sorted (src/app/findings.ts). */
  rows: readonly FindingRow[];
  onPick: (row: FindingRow) => void;
  /** The row to mark as selected (its id), or null. */
  selectedId?: string | null;
  /** Rows shown at first and added by "show more". Default 200. */
  pageSize?: number;
}

/** The list of findings with "show more". */
export function FindingsList({ rows, onPick, selectedId = null, pageSize = 200 }: FindingsListProps) {
  const [shown, setShown] = useState(pageSize);
  // A new result starts again from the first page.
  useEffect(() => setShown(pageSize), [rows, pageSize]);
  if (rows.length === 0) return <p class="analysis-findings-empty">{t('analysis.findings.none')}</p>;
  const visible = rows.slice(0, shown);
  const rest = rows.length - visible.length;
  return (
    <div class="analysis-findings">
      <h4 class="analysis-subtitle">{t('analysis.findings.title')}</h4>
      <ol class="analysis-findings-list">
        {visible.map((row) => {
          const { text, detail } = findingText(row);
          const color = analysisClass(row.analysis, row.classId)?.color;
          const selected = row.id === selectedId;
          return (
            <li key={row.id}>
              <button
                type="button"
                class={`analysis-finding analysis-finding--rank${row.severityRank}${selected ? ' analysis-finding--selected' : ''}`}
                data-testid="finding-row"
                data-finding={row.id}
                aria-pressed={selected}
                onClick={() => onPick(row)}
              >
                <span class="analysis-finding-swatch" style={color ? { backgroundColor: cssColor(color) } : undefined} aria-hidden="true" />
                <span class="analysis-finding-severity">{messageText(`analysis.severity.${row.severityRank}`)}</span>
                <span class="analysis-finding-text">{text}</span>
                {detail && <span class="analysis-finding-detail">{detail}</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {rest > 0 && (
        <div class="analysis-findings-more">
          <span>{t('analysis.findings.shown', { shown: visible.length, total: rows.length })}</span>
          <button type="button" class="analysis-button" onClick={() => setShown((n) => n + pageSize)}>
            {t('analysis.findings.more', { count: Math.min(pageSize, rest) })}
          </button>
        </div>
      )}
    </div>
  );
}
