/**
 * The summary panel: how many things each layer shows, how many premises have open, overdue or
 * major hazards, and the per-community hazard chart, for the collections it is given (already
 * filtered, and cut to the view when the scope is "current view"). It counts; the page decides
 * what to pass for each scope.
 */
import { useId, useMemo } from 'preact/hooks';
import { countsByLayer, deriveFacts, hazardsByCommunity, obstacleCount, type StatusSeverityCounts } from '../../app/derive.ts';
import type { Collections } from '../../app/filters.ts';
import { kindText, sentenceCase, t, type MessageKey } from '../../i18n/index.ts';
import type { ThematicLayerId } from '../../layers/catalog/index.ts';
import type { Kind } from '../../sources/contract/index.ts';
import { beijingDate } from '../../sources/dates.ts';
import { CommunityChart } from './CommunityChart.tsx';
import './summary.css';

const NO_HAZARDS: ReadonlyMap<string, StatusSeverityCounts> = new Map();

/** What the summary counts: what is in the map's view, or the whole sub-district. */
export type SummaryScope = 'view' | 'all';
const SCOPES: readonly SummaryScope[] = ['view', 'all'];
const SCOPE_KEYS: Readonly<Record<SummaryScope, MessageKey>> = { view: 'summary.scope.view', all: 'summary.scope.all' };

/** Layers in the legend's reading order (most urgent first), each with the kind it draws. */
const LAYER_ROWS: readonly { readonly id: ThematicLayerId; readonly kind: Kind | null }[] = [
  { id: 'alarms', kind: 'alarms' },
  { id: 'premises', kind: 'premises' },
  { id: 'hazard-areas', kind: 'hazard_areas' },
  { id: 'fire-lanes', kind: 'fire_lanes' },
  { id: 'hydrants', kind: 'hydrants' },
  { id: 'hydrant-rings', kind: null },
  { id: 'stations', kind: 'stations' },
  { id: 'sensors', kind: 'sensors' },
  { id: 'grids', kind: 'grids' },
];

function layerText(row: (typeof LAYER_ROWS)[number]): string {
  return row.kind ? sentenceCase(kindText(row.kind)) : t('summary.layer.hydrant_rings');
}

export interface SummaryPanelProps {
  /** Collections to count: already filtered, and cut to the view for scope "view". */
  collections: Collections;
  /** When overdue is judged (its Beijing date). */
  now: Date;
  scope: SummaryScope;
  onScopeChange: (scope: SummaryScope) => void;
}

/** Premise figures: with open hazards, with overdue ones, with an open major one. */
function PremiseFigures({ collections, now, idBase }: { collections: Collections; now: Date; idBase: string }) {
  const premises = collections.premises;
  const facts = premises ? deriveFacts(premises, now) : null;
  const major = useMemo(() => {
    let n = 0;
    if (facts) for (const c of facts.perPremise.values()) if (c.openMajor > 0) n++;
    return n;
  }, [facts]);
  const figures: readonly { id: string; key: MessageKey; value: number }[] = [
    { id: 'open', key: 'summary.premises.open', value: facts?.total.premisesWithOpenHazards ?? 0 },
    { id: 'overdue', key: 'summary.premises.overdue', value: facts?.total.premisesWithOverdue ?? 0 },
    { id: 'major', key: 'summary.premises.major', value: major },
  ];
  return (
    <section class="summary-section" aria-labelledby={`${idBase}-premises`}>
      <h3 id={`${idBase}-premises`} class="summary-subtitle">{t('summary.premises')}</h3>
      <ul class="summary-figures">
        {figures.map((f) => (
          <li key={f.id} class={`summary-figure summary-figure--${f.id}`}>
            <span class="summary-figure-value" data-figure={f.id}>{f.value}</span>
            <span class="summary-figure-label">{t(f.key)}</span>
          </li>
        ))}
      </ul>
      {facts ? <p class="summary-note">{t('summary.as_of', { date: facts.asOf })}</p> : null}
    </section>
  );
}

function LayerCounts({ collections, idBase }: { collections: Collections; idBase: string }) {
  const counts = useMemo(() => countsByLayer(collections), [collections]);
  const obstacles = useMemo(() => obstacleCount(collections.fire_lanes), [collections.fire_lanes]);
  return (
    <section class="summary-section" aria-labelledby={`${idBase}-layers`}>
      <h3 id={`${idBase}-layers`} class="summary-subtitle">{t('summary.layers')}</h3>
      <dl class="summary-counts">
        {LAYER_ROWS.map((row) => (
          <div key={row.id} class="summary-count">
            <dt>{layerText(row)}</dt>
            <dd data-count-layer={row.id}>{counts[row.id]}</dd>
          </div>
        ))}
        <div class="summary-count summary-count--sub">
          <dt>{t('summary.obstacles')}</dt>
          <dd data-count="obstacles">{obstacles}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The summary panel (`data-testid="summary-panel"`). */
export function SummaryPanel({ collections, now, scope, onScopeChange }: SummaryPanelProps) {
  const idBase = `summary-${useId()}`;
  const premises = collections.premises;
  // Overdue changes only with the Beijing date, so a new `now` on the same day recomputes nothing.
  const day = beijingDate(now);
  const byCommunity = useMemo(() => (premises ? hazardsByCommunity(premises, now) : NO_HAZARDS), [premises, day]);
  return (
    <section class="summary-panel" data-testid="summary-panel" data-scope={scope} aria-labelledby={`${idBase}-title`}>
      <h2 id={`${idBase}-title`} class="panel-title">{t('summary.title')}</h2>
      <fieldset class="summary-scope">
        <legend class="summary-visually-hidden">{t('summary.scope')}</legend>
        {SCOPES.map((s) => (
          <label key={s} class={`summary-scope-option${s === scope ? ' summary-scope-option--active' : ''}`}>
            <input type="radio" name={`${idBase}-scope`} value={s} checked={s === scope} onChange={() => onScopeChange(s)} data-scope={s} />
            <span>{t(SCOPE_KEYS[s])}</span>
          </label>
        ))}
      </fieldset>
      <PremiseFigures collections={collections} now={now} idBase={idBase} />
      <LayerCounts collections={collections} idBase={idBase} />
      <section class="summary-section" aria-labelledby={`${idBase}-chart`}>
        <h3 id={`${idBase}-chart`} class="summary-subtitle">{t('summary.chart.title')}</h3>
        <CommunityChart byCommunity={byCommunity} />
      </section>
    </section>
  );
}
