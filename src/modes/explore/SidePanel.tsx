/**
 * The side panel of explore mode: tabs for layers (legend, toggles, opacity), filter, summary,
 * analysis and data status. Gathers what each tab shows from the mode's data and state; the tabs
 * themselves are ui components that only render props.
 */
import { useMemo, useState } from 'preact/hooks';
import type { AnalysisName } from '../../analysis/registry-types.ts';
import { analysisExport, downloadText } from '../../app/export.ts';
import { useStableCallback } from '../../app/stable-callback.ts';
import { activeCriteriaCount, filterOptions } from '../../app/filter-options.ts';
import type { Collections } from '../../app/filters.ts';
import { findingRows, type FindingRow } from '../../app/findings.ts';
import { sourceFreshnessBadge } from '../../app/freshness.ts';
import { createViewIndex, inView } from '../../app/in-view.ts';
import { useAppState } from '../../app/state.ts';
import { reportText, t } from '../../i18n/index.ts';
import { ANALYSIS_NAMES, analysisLegend } from '../../layers/analysis/index.ts';
import { defaultLegends } from '../../layers/catalog/index.ts';
import { AnalysisPanel } from '../../ui/analysis/AnalysisPanel.tsx';
import { FilterPanel } from '../../ui/filter/FilterPanel.tsx';
import { Legend } from '../../ui/legend/Legend.tsx';
import { SourceStatus } from '../../ui/status/SourceStatus.tsx';
import { SummaryPanel, type SummaryScope } from '../../ui/summary/SummaryPanel.tsx';
import { Tabs } from '../../ui/tabs/Tabs.tsx';
import type { Analyses } from './use-analyses.ts';
import type { District } from './use-district.ts';

export type SideTab = 'layers' | 'filter' | 'summary' | 'analysis' | 'data';

export interface SidePanelProps {
  district: District;
  /** The district's collections with the filter applied. */
  filtered: Collections;
  analyses: Analyses;
  selectedFinding: string | null;
  onFinding: (row: FindingRow) => void;
}

export function SidePanel({ district, filtered, analyses, selectedFinding, onFinding }: SidePanelProps) {
  const state = useAppState();
  const [tab, setTab] = useState<SideTab>('layers');
  const [scope, setScope] = useState<SummaryScope>('view');
  const { collections, now } = district;

  const done = ANALYSIS_NAMES.filter((name) => analyses.state[name]?.result);
  const legends = useMemo(() => [...done.map((name) => analysisLegend(name)), ...defaultLegends()], [done.join()]);
  // Facets come from premises, grids, hazard areas, lanes and hydrants: an alarms poll changes none.
  const options = useMemo(
    () => filterOptions(collections, now),
    [collections.premises, collections.grids, collections.hazard_areas, collections.fire_lanes, collections.hydrants, now],
  );
  // Counting what is in view needs a tree per kind, rebuilt for a kind at each of its polls (a
  // million alarms: a second): built only while the summary is open.
  const summaryOpen = tab === 'summary';
  const viewIndex = useMemo(() => (summaryOpen ? createViewIndex(collections) : null), [collections, summaryOpen]);
  const bounds = summaryOpen ? state.viewBounds.value : null;
  const counted = useMemo(
    () => (scope === 'view' && bounds && viewIndex ? inView(viewIndex, filtered, bounds) : filtered),
    [scope, bounds, viewIndex, filtered],
  );
  const filter = state.filter.value;
  const criteria = activeCriteriaCount(filter);

  const onExport = useStableCallback((name: AnalysisName, format: 'geojson' | 'csv') => {
    const result = analyses.state[name]?.result;
    if (!result) return;
    const file = analysisExport(name, result, format, now);
    downloadText(file.text, file.fileName, file.mime);
  });

  return (
    <Tabs<SideTab>
      idPrefix="side"
      label={t('explore.tabs')}
      active={tab}
      onChange={setTab}
      tabs={[
        {
          id: 'layers',
          label: t('explore.tab.layers'),
          render: () => (
            <>
              <Legend entries={legends} isVisible={state.isLayerVisible} onToggle={state.toggleLayer} opacityOf={state.opacityOf} onOpacity={state.setLayerOpacity} />
              <label class="setting">
                <input type="checkbox" checked={state.maskPersonal.value} onChange={() => { state.maskPersonal.value = !state.maskPersonal.value; }} />
                {t('explore.mask_personal')}
              </label>
            </>
          ),
        },
        {
          id: 'filter',
          label: t('explore.tab.filter'),
          ...(criteria ? { badge: String(criteria) } : {}),
          render: () => <FilterPanel filter={filter} options={options} onChange={(f) => { state.filter.value = f; }} />,
        },
        {
          id: 'summary',
          label: t('explore.tab.summary'),
          render: () => <SummaryPanel collections={counted} now={now} scope={scope} onScopeChange={setScope} />,
        },
        {
          id: 'analysis',
          label: t('explore.tab.analysis'),
          render: () => (
            <>
              {analyses.rules.report.length ? (
                <ul class="rules-report" role="alert" data-testid="rules-report">
                  {analyses.rules.report.map((entry, i) => <li key={i}>{`${entry.field ?? ''} ${reportText(entry)}`}</li>)}
                </ul>
              ) : null}
              <AnalysisPanel
                analyses={ANALYSIS_NAMES}
                state={analyses.state}
                progress={analyses.progress}
                rules={analyses.rules.rules}
                onRun={analyses.run}
                onCancel={analyses.cancel}
                onPick={onFinding}
                onExport={onExport}
                rowsOf={findingRows}
                selectedId={selectedFinding}
              />
            </>
          ),
        },
        {
          id: 'data',
          label: t('explore.tab.data'),
          render: () => (
            <>
              <SourceStatus
                manifestReport={district.manifestReport}
                {...(district.manifestError ? { manifestError: district.manifestError } : {})}
                sources={district.statusItems}
                freshnessOf={sourceFreshnessBadge}
              />
              {!district.manifestPending && district.specs.length === 0 && !district.manifestError
                ? <p class="status-empty">{t('status.no_sources')}</p>
                : null}
            </>
          ),
        },
      ]}
    />
  );
}
