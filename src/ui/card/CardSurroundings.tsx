/**
 * What is around the premise on its card: its sensors with their recent alarms, the nearest
 * hydrants and the nearby fire lanes (a click on either focuses the map on it). States are written
 * out with an icon, never shown by colour alone.
 */
import { enumText, t } from '../../i18n/index.ts';
import { CardSection } from './CardSection.tsx';
import { formatDateTime, formatDistance, formatNumber } from './format.ts';
import type { AlarmRow, HydrantSummary, LaneRow, LaneSummary, LonLat, ObstacleRow, SensorSummary } from './premise-file-types.ts';

type Focus = (lonLat: LonLat) => void;

function AlarmItem({ alarm }: { alarm: AlarmRow }) {
  const handled = alarm.acknowledged;
  return (
    <li class={`premise-card-alarm premise-card-alarm--${alarm.level}${handled ? '' : ' premise-card-alarm--open'}`} data-alarm={alarm.id}>
      <span class="premise-card-date">{formatDateTime(alarm.time)}</span>
      <strong>{enumText('alarm_level', alarm.level)}</strong>
      {alarm.message && <span>{alarm.message}</span>}
      <span class="premise-card-muted">
        <span aria-hidden="true">{handled ? '✓ ' : '! '}</span>
        {t(handled ? 'card.alarm.acknowledged' : 'card.alarm.unacknowledged')}
        {alarm.resolved && ` · ${t('card.alarm.resolved')}`}
      </span>
    </li>
  );
}

/** A busy sensor can have dozens of alarms a month: the newest few show, the rest fold away. */
const ALARMS_SHOWN = 5;

function AlarmList({ alarms, days }: { alarms: readonly AlarmRow[]; days: number }) {
  if (alarms.length === 0) return <p class="premise-card-none">{t('card.alarms.none', { days })}</p>;
  const rest = alarms.slice(ALARMS_SHOWN);
  return (
    <>
      <ul class="premise-card-alarms">{alarms.slice(0, ALARMS_SHOWN).map((a) => <AlarmItem key={a.id} alarm={a} />)}</ul>
      {rest.length > 0 && (
        <details class="premise-card-more">
          <summary>{t('card.alarms.more', { count: rest.length })}</summary>
          <ul class="premise-card-alarms">{rest.map((a) => <AlarmItem key={a.id} alarm={a} />)}</ul>
        </details>
      )}
    </>
  );
}

/** The premise's sensors, each with its alarms of the last `alarmDays` days. */
export function SensorsSection({ sensors }: { sensors: SensorSummary }) {
  const days = sensors.alarmDays;
  return (
    <CardSection testId="card-sensors" title={t('card.sensors.title', { days })} filled={sensors.list.length + sensors.otherAlarms.length > 0} none={t('card.sensors.none')}>
      <ul class="premise-card-list">
        {sensors.list.map((s) => {
          const state = s.online === undefined ? 'unknown' : s.online ? 'online' : 'offline';
          return (
            <li key={s.id} class={`premise-card-sensor premise-card-sensor--${state}`} data-sensor={s.id}>
              <p class="premise-card-sensor-head">
                <strong>{s.name ?? s.id}</strong>
                <span class="premise-card-muted">{enumText('sensor_kind', s.kind)}</span>
                <span class="premise-card-sensor-state">
                  <span aria-hidden="true">{state === 'online' ? '● ' : state === 'offline' ? '○ ' : '? '}</span>
                  {t(`card.sensor.${state}`)}
                </span>
              </p>
              <AlarmList alarms={s.alarms} days={days} />
            </li>
          );
        })}
      </ul>
      {sensors.otherAlarms.length > 0 && (
        <>
          <h4 class="premise-card-subtitle">{t('card.alarms.other')}</h4>
          <AlarmList alarms={sensors.otherAlarms} days={days} />
        </>
      )}
    </CardSection>
  );
}

/** The nearest hydrants, nearest first, and whether any in service protects the premise. */
export function HydrantsSection({ hydrants, onFocus }: { hydrants: HydrantSummary; onFocus: Focus }) {
  const radius = formatNumber(hydrants.radiusM, 0);
  const covered = hydrants.inServiceWithinRadius > 0;
  return (
    <CardSection testId="card-hydrants" title={t('card.hydrants.title')} filled={hydrants.nearest.length > 0} none={t('card.hydrants.none')}>
      <p class={`premise-card-coverage premise-card-coverage--${covered ? 'covered' : 'uncovered'}`} data-covered={covered}>
        <span aria-hidden="true">{covered ? '✓ ' : '⚠ '}</span>
        {covered ? t('card.hydrants.covered', { radius, count: hydrants.inServiceWithinRadius }) : t('card.hydrants.uncovered', { radius })}
      </p>
      <ol class="premise-card-list">
        {hydrants.nearest.map((h) => (
          <li key={h.id} data-hydrant={h.id}>
            <button type="button" class="premise-card-link" onClick={() => onFocus(h.lonLat)}
              aria-label={t('card.hydrant.focus', { id: h.id, distance: formatDistance(h.distanceM) })}>
              <span class="premise-card-distance">{formatDistance(h.distanceM)}</span>
              <span>{h.id}</span>
              <span class="premise-card-muted">{[enumText('hydrant_status', h.status), h.road].filter(Boolean).join(' · ')}</span>
              <span class={`premise-card-radius premise-card-radius--${h.withinRadius ? 'within' : 'beyond'}`}>
                {t(h.withinRadius ? 'card.hydrant.within' : 'card.hydrant.beyond')}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </CardSection>
  );
}

const LANE_ICON: Readonly<Record<string, string>> = { blocked: '✕', partly_blocked: '⚠', clear: '✓' };

function ObstacleItem({ obstacle }: { obstacle: ObstacleRow }) {
  const when = obstacle.removed
    ? obstacle.removed_at ? t('card.obstacle.removed', { date: obstacle.removed_at }) : t('card.obstacle.removed_undated')
    : obstacle.reported_at ? t('card.obstacle.since', { date: obstacle.reported_at }) : '';
  return (
    <li class={`premise-card-obstacle${obstacle.removed ? ' premise-card-obstacle--removed' : ''}`}>
      <span>{enumText('obstacle_type', obstacle.type)}</span>
      {when && <span class="premise-card-muted">{when}</span>}
      {obstacle.note && <span class="premise-card-note">{obstacle.note}</span>}
    </li>
  );
}

function LaneItem({ lane, onFocus }: { lane: LaneRow; onFocus: Focus }) {
  const name = lane.name ?? lane.id;
  return (
    <li class={`premise-card-lane premise-card-lane--${lane.status}`} data-lane={lane.id}>
      <button type="button" class="premise-card-link" onClick={() => onFocus(lane.lonLat)}
        aria-label={t('card.lane.focus', { name, distance: formatDistance(lane.distanceM) })}>
        <span class="premise-card-distance">{formatDistance(lane.distanceM)}</span>
        <span>{name}</span>
        <span class="premise-card-lane-status">
          <span aria-hidden="true">{`${LANE_ICON[lane.status] ?? '?'} `}</span>{enumText('lane_status', lane.status)}
        </span>
        {lane.widthM !== undefined && <span class="premise-card-muted">{t('card.lane.width', { width: formatNumber(lane.widthM) })}</span>}
      </button>
      {lane.obstacles.length > 0 && (
        <ul class="premise-card-obstacles">{lane.obstacles.map((o, i) => <ObstacleItem key={i} obstacle={o} />)}</ul>
      )}
    </li>
  );
}

/** Fire lanes near the premise, blocked ones first. */
export function LanesSection({ lanes, onFocus }: { lanes: LaneSummary; onFocus: Focus }) {
  const radius = formatNumber(lanes.radiusM, 0);
  return (
    <CardSection testId="card-lanes" title={t('card.lanes.title', { radius })} filled={lanes.list.length > 0} none={t('card.lanes.none', { radius })}>
      <ul class="premise-card-list">{lanes.list.map((lane) => <LaneItem key={lane.id} lane={lane} onFocus={onFocus} />)}</ul>
    </CardSection>
  );
}
