/**
 * The hazard sections of the premise card: the timeline (each hazard with its three-step progress,
 * deadline and overdue badge) and the enforcement record. Overdue and progress never rely on colour
 * alone: each carries an icon and words.
 */
import { enumText, t } from '../../i18n/index.ts';
import { CardSection } from './CardSection.tsx';
import { daysUntil, formatNumber } from './format.ts';
import type { EnforcementRow, HazardStep, TimelineHazard } from './premise-file-types.ts';

const STEP_ICON = { done: '✓', current: '●', pending: '○' } as const;

function Step({ step }: { step: HazardStep }) {
  const state = step.current ? 'current' : step.reached ? 'done' : 'pending';
  const date = step.date ?? (step.reached ? t('card.step.date_unknown') : t('card.step.pending'));
  return (
    <li class={`premise-card-step premise-card-step--${state}`} aria-current={step.current ? 'step' : undefined}>
      <span class="premise-card-step-icon" aria-hidden="true">{STEP_ICON[state]}</span>
      <span class="premise-card-step-label">{t(`card.step.${step.stage}`)}</span>
      <span class="premise-card-step-date">{date}</span>
    </li>
  );
}

/** The deadline with how it stands: overdue (icon + days), due today, or days left while open. */
function Deadline({ hazard, now }: { hazard: TimelineHazard; now: Date }) {
  if (!hazard.deadline) return null;
  const left = hazard.status === 'closed' || hazard.overdue ? null : daysUntil(hazard.deadline, now);
  return (
    <p class="premise-card-deadline">
      <span>{t('card.deadline', { date: hazard.deadline })}</span>
      {hazard.overdue && (
        <span class="premise-card-badge premise-card-badge--overdue" data-overdue-days={hazard.daysOverdue}>
          <span aria-hidden="true">⚠ </span>{t('card.overdue', { count: hazard.daysOverdue })}
        </span>
      )}
      {left === 0 && <span class="premise-card-badge premise-card-badge--due">{t('card.due_today')}</span>}
      {left !== null && left > 0 && <span class="premise-card-days-left">{t('card.days_left', { count: left })}</span>}
    </p>
  );
}

function HazardItem({ hazard, now }: { hazard: TimelineHazard; now: Date }) {
  return (
    <li class={`premise-card-hazard premise-card-hazard--${hazard.severity}${hazard.overdue ? ' premise-card-hazard--overdue' : ''}`} data-hazard={hazard.id}>
      <p class="premise-card-hazard-head">
        <span class={`premise-card-severity premise-card-severity--${hazard.severity}`}>{enumText('severity', hazard.severity)}</span>
        <span class="premise-card-hazard-type">{enumText('hazard_type', hazard.type)}</span>
        <span class="premise-card-muted">{hazard.id}</span>
      </p>
      {hazard.description && <p class="premise-card-hazard-text">{hazard.description}</p>}
      <ol class="premise-card-steps" aria-label={t('card.timeline.progress')}>
        {hazard.steps.map((step) => <Step key={step.stage} step={step} />)}
      </ol>
      <Deadline hazard={hazard} now={now} />
    </li>
  );
}

/** The hazards of the premise, oldest first. */
export function TimelineSection({ timeline, now }: { timeline: readonly TimelineHazard[]; now: Date }) {
  return (
    <CardSection testId="card-timeline" title={t('card.timeline.title')} filled={timeline.length > 0} none={t('card.timeline.none')}>
      <ol class="premise-card-timeline">
        {timeline.map((hazard) => <HazardItem key={hazard.id} hazard={hazard} now={now} />)}
      </ol>
    </CardSection>
  );
}

function actionDetails(row: EnforcementRow): string[] {
  const parts: string[] = [];
  if (row.agency) parts.push(row.agency);
  if (row.amount_cny !== undefined) parts.push(t('card.enforcement.fine', { amount: formatNumber(row.amount_cny, 2) }));
  if (row.case_ref) parts.push(t('card.enforcement.case', { ref: row.case_ref }));
  parts.push(t('card.enforcement.hazard', { id: row.hazardId }));
  return parts;
}

/** Every enforcement action, newest first. */
export function EnforcementSection({ enforcement }: { enforcement: readonly EnforcementRow[] }) {
  return (
    <CardSection testId="card-enforcement" title={t('card.enforcement.title')} filled={enforcement.length > 0} none={t('card.enforcement.none')}>
      <ul class="premise-card-list">
        {enforcement.map((row, i) => (
          <li key={`${row.hazardId}-${row.date}-${row.type}-${i}`} class="premise-card-action">
            <span class="premise-card-date">{row.date}</span>
            <strong>{enumText('enforcement_action', row.type)}</strong>
            <span class="premise-card-muted">{actionDetails(row).join(' · ')}</span>
            {row.note && <span class="premise-card-note">{row.note}</span>}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}
