/**
 * Hazards per community as horizontal stacked bars in SVG: one row per community, segments open,
 * rectifying and closed (which add up to all hazards), and overdue drawn as a black hatch over the
 * start of the unresolved part. Overdue is not a fourth disjoint segment because it is a subset of
 * open + rectifying (see derive.ts): a hatch says "this many of those" without double counting.
 *
 * Colours are Okabe–Ito (palette.ts), chosen to stay apart under every common colour-vision
 * deficiency: vermillion (open) and orange (rectifying) also differ clearly in lightness, so they
 * separate even where their hues merge; sky blue (closed) is the far, calm end. Overdue does not rely
 * on colour at all (a hatch). Each segment has a <title> with its numbers; a table with the same
 * numbers is always in the page (visually hidden until asked for), so screen readers get a table.
 */
import { useId, useState } from 'preact/hooks';
import { NO_COMMUNITY, SEVERITIES, sumSeverities, type StatusSeverityCounts } from '../../app/derive.ts';
import { enumText, sentenceCase, t } from '../../i18n/index.ts';
import { OKABE_ITO, cssColor } from '../../layers/palette.ts';
import './summary.css';

/** Statuses drawn as segments, left to right. */
export const SEGMENT_STATUSES = ['open', 'rectifying', 'closed'] as const;
type SegmentStatus = (typeof SEGMENT_STATUSES)[number];
type ChartStatus = SegmentStatus | 'overdue';

/** Segment colours (Okabe–Ito; see the module comment). */
export const STATUS_COLOURS: Readonly<Record<SegmentStatus, string>> = {
  open: cssColor(OKABE_ITO.vermillion),
  rectifying: cssColor(OKABE_ITO.orange),
  closed: cssColor(OKABE_ITO.skyBlue),
};

/** One community's bar. */
export interface ChartRow {
  /** Community name; {@link NO_COMMUNITY} for premises without one. */
  readonly community: string;
  readonly total: number;
  readonly counts: Readonly<Record<ChartStatus, number>>;
  readonly hazards: StatusSeverityCounts;
}

const collator = new Intl.Collator('zh-CN');

/**
 * Rows of the chart from `hazardsByCommunity` (derive.ts): communities in Chinese collation order,
 * premises without a community last, communities without any hazard left out.
 */
export function communityChartRows(byCommunity: ReadonlyMap<string, StatusSeverityCounts>): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const [community, hazards] of byCommunity) {
    const counts = {
      open: sumSeverities(hazards.open), rectifying: sumSeverities(hazards.rectifying),
      closed: sumSeverities(hazards.closed), overdue: sumSeverities(hazards.overdue),
    };
    const total = counts.open + counts.rectifying + counts.closed;
    if (total > 0) rows.push({ community, total, counts, hazards });
  }
  return rows.sort((a, b) => (a.community === NO_COMMUNITY ? 1 : 0) - (b.community === NO_COMMUNITY ? 1 : 0) || collator.compare(a.community, b.community));
}

/** Label of a chart status in the current language (capitalised: it stands alone as a label). */
export function statusText(status: ChartStatus): string {
  return status === 'overdue' ? t('filter.status.overdue') : sentenceCase(enumText('hazard_status', status));
}

function communityText(community: string): string {
  return community === NO_COMMUNITY ? t('filter.no_community') : community;
}

/** Counts by severity, e.g. "一般隐患 3、较大隐患 1" (severities with 0 left out). */
function severityDetail(row: { readonly [V in (typeof SEVERITIES)[number]]: number }): string {
  return SEVERITIES.filter((s) => row[s] > 0)
    .map((s) => t('summary.chart.severity_count', { severity: enumText('severity', s), count: row[s] }))
    .join(t('summary.chart.list_sep'));
}

/** Shortens a label to about `maxEm` em (CJK characters 1 em, others ~0.6), ending in … when cut. */
function fitLabel(text: string, maxEm: number): string {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    em += /[\u2E80-\uFFEF]/.test(text.charAt(i)) ? 1 : 0.6;
    if (em > maxEm) return `${text.slice(0, Math.max(1, i - 1))}…`;
  }
  return text;
}

// Layout in viewBox units: the SVG scales to the panel's width.
const WIDTH = 300;
const LABEL_W = 84;
const TOTAL_W = 30;
const BAR_X = LABEL_W + 4;
const BAR_W = WIDTH - BAR_X - TOTAL_W;
const ROW_H = 20;
const BAR_H = 13;
const FONT = 11;

function Bar({ row, scale, hatchId }: { row: ChartRow; scale: number; hatchId: string }) {
  const name = communityText(row.community);
  let x = BAR_X;
  const segments = SEGMENT_STATUSES.map((status) => {
    const width = row.counts[status] * scale;
    const seg = { status, x, width };
    x += width;
    return seg;
  });
  const overdueW = row.counts.overdue * scale;
  const y = (ROW_H - BAR_H) / 2;
  return (
    <g data-community={row.community} data-total={row.total}>
      <title>{t('summary.chart.row', { community: name, count: row.total })}</title>
      <text class="community-chart-label" x={LABEL_W} y={ROW_H / 2} font-size={FONT} text-anchor="end" dominant-baseline="central">
        {fitLabel(name, LABEL_W / FONT)}
      </text>
      {segments.map((s) => s.width > 0 ? (
        <rect key={s.status} data-status={s.status} x={s.x} y={y} width={s.width} height={BAR_H} fill={STATUS_COLOURS[s.status]} class="community-chart-segment">
          <title>{t('summary.chart.segment', { community: name, status: statusText(s.status), count: row.counts[s.status], detail: severityDetail(row.hazards[s.status]) })}</title>
        </rect>
      ) : null)}
      {overdueW > 0 ? (
        <rect data-status="overdue" x={BAR_X} y={y} width={overdueW} height={BAR_H} fill={`url(#${hatchId})`} class="community-chart-overdue">
          <title>{t('summary.chart.segment', { community: name, status: statusText('overdue'), count: row.counts.overdue, detail: severityDetail(row.hazards.overdue) })}</title>
        </rect>
      ) : null}
      <text class="community-chart-total" x={WIDTH} y={ROW_H / 2} font-size={FONT} text-anchor="end" dominant-baseline="central">{row.total}</text>
    </g>
  );
}

function Hatch({ id }: { id: string }) {
  return (
    <pattern id={id} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="4" stroke="#000" stroke-width="1.6" />
    </pattern>
  );
}

function Key({ hatchId }: { hatchId: string }) {
  return (
    <ul class="community-chart-key">
      {SEGMENT_STATUSES.map((s) => (
        <li key={s}><span class="community-chart-swatch" style={{ backgroundColor: STATUS_COLOURS[s] }} aria-hidden="true" />{statusText(s)}</li>
      ))}
      <li>
        <svg class="community-chart-swatch" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill={`url(#${hatchId})`} /></svg>
        {t('summary.chart.overdue_note')}
      </li>
    </ul>
  );
}

function ChartTable({ rows, visible }: { rows: readonly ChartRow[]; visible: boolean }) {
  const statuses: ChartStatus[] = [...SEGMENT_STATUSES, 'overdue'];
  return (
    <div class={visible ? 'community-chart-table-wrap' : 'community-chart-table-wrap summary-visually-hidden'}>
      <table class="community-chart-table" data-testid="community-chart-table">
        <caption>{t('summary.chart.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.chart.community')}</th>
            {statuses.map((s) => <th key={s} scope="col">{statusText(s)}</th>)}
            <th scope="col">{t('summary.chart.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.community}>
              <th scope="row">{communityText(row.community)}</th>
              {statuses.map((s) => (
                <td key={s} title={severityDetail(row.hazards[s])}>{row.counts[s]}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CommunityChartProps {
  /** Hazards by community × status × severity, as `hazardsByCommunity` (derive.ts) returns them. */
  byCommunity: ReadonlyMap<string, StatusSeverityCounts>;
}

/** The per-community hazard chart with its table alternative (`data-testid="community-chart"`). */
export function CommunityChart({ byCommunity }: CommunityChartProps) {
  const [asTable, setAsTable] = useState(false);
  const hatchId = `hatch-${useId()}`;
  const rows = communityChartRows(byCommunity);
  if (rows.length === 0) return <p class="summary-empty" data-testid="community-chart">{t('summary.chart.empty')}</p>;
  const max = Math.max(...rows.map((r) => r.total));
  const scale = BAR_W / max;
  const height = rows.length * ROW_H;
  return (
    <div class="community-chart" data-testid="community-chart">
      <button type="button" class="summary-toggle" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
        {t(asTable ? 'summary.chart.show_chart' : 'summary.chart.show_table')}
      </button>
      {/* The table below carries the same numbers for assistive technology, so the picture is hidden from it. */}
      <svg class={asTable ? 'community-chart-svg summary-hidden' : 'community-chart-svg'} viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true">
        <defs><Hatch id={hatchId} /></defs>
        {rows.map((row, i) => (
          <g key={row.community} transform={`translate(0 ${i * ROW_H})`}>
            <Bar row={row} scale={scale} hatchId={hatchId} />
          </g>
        ))}
      </svg>
      {asTable ? null : <Key hatchId={hatchId} />}
      <ChartTable rows={rows} visible={asTable} />
    </div>
  );
}
