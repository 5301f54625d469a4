/**
 * The "one enterprise, one file" (一企一档) card of a clicked premise: who it is, its facts, its
 * hazards and their rectification, enforcement, sensors and alarms, and the hydrants and fire lanes
 * around it. A non-modal dialog: the map stays usable; Escape or the close button closes it.
 * The file is assembled by `premiseFile` (src/app/premise-file.ts); this only lays it out.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import { enumText, fieldText, sentenceCase, t } from '../../i18n/index.ts';
import { beijingDate } from '../../sources/dates.ts';
import { CardSection } from './CardSection.tsx';
import { EnforcementSection, TimelineSection } from './CardHazards.tsx';
import { HydrantsSection, LanesSection, SensorsSection } from './CardSurroundings.tsx';
import { factText } from './format.ts';
import type { FactRow, LonLat, PremiseFile, PremiseHeader } from './premise-file-types.ts';
import './card.css';

export interface PremiseCardProps {
  file: PremiseFile;
  /** Mask personal data (names, phone numbers: the contract's `personal` fields), e.g. on a public screen. */
  maskPersonal: boolean;
  /** The moment the file is shown at (days left to deadlines, the "as of" line). */
  now: Date;
  onClose: () => void;
  /** Centre the map on a hydrant or a point of a fire lane. */
  onFocusFeature: (lonLat: LonLat) => void;
}

const label = (field: string): string => sentenceCase(fieldText('premises', field));

/** Elements whose own Escape (clear a search, close a list) must not also close the card. */
function isOwnEscape(target: EventTarget | null, card: HTMLElement | null): boolean {
  if (!(target instanceof HTMLElement) || card?.contains(target)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Header({ premise, titleId, now, onClose }: { premise: PremiseHeader; titleId: string; now: Date; onClose: () => void }) {
  const level = premise.supervisionLevel;
  return (
    <header class="premise-card-header">
      <div class="premise-card-heading">
        <p class="premise-card-kind">{t('card.kind')}</p>
        <h2 id={titleId} class="premise-card-title">{premise.name}</h2>
        <p class="premise-card-muted">
          {t('card.id', { id: premise.id })} · {t('card.as_of', { date: beijingDate(now) })}
        </p>
      </div>
      <button type="button" class="premise-card-close" onClick={onClose} aria-label={t('card.close')} title={t('card.close')}>
        <span aria-hidden="true">×</span>
      </button>
      <ul class="premise-card-chips" aria-label={label('categories')}>
        {premise.categories.map((c) => <li key={c} class="premise-card-chip">{enumText('premise_category', c)}</li>)}
      </ul>
      {(premise.keyUnit || premise.highRiskUnit || (level && level !== 'none')) && (
        <p class="premise-card-badges">
          {premise.keyUnit && <span class="premise-card-badge premise-card-badge--key" data-testid="card-key-unit"><span aria-hidden="true">★ </span>{label('key_unit')}</span>}
          {premise.highRiskUnit && <span class="premise-card-badge premise-card-badge--risk"><span aria-hidden="true">▲ </span>{label('high_risk_unit')}</span>}
          {level && level !== 'none' && <span class="premise-card-badge">{label('supervision_level')}：{enumText('supervision_level', level)}</span>}
        </p>
      )}
    </header>
  );
}

function FactsSection({ facts, mask }: { facts: readonly FactRow[]; mask: boolean }) {
  const anyMasked = mask && facts.some((f) => f.personal);
  return (
    <CardSection testId="card-facts" title={t('card.facts.title')} filled={facts.length > 0} none={t('card.facts.none')}>
      <table class="premise-card-facts">
        <tbody>
          {facts.map((row) => (
            <tr key={row.field} data-field={row.field}>
              <th scope="row">{label(row.field)}</th>
              <td class={row.personal && mask ? 'premise-card-masked' : undefined}>{factText(row, mask)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {anyMasked && <p class="premise-card-muted">{t('card.masked_note')}</p>}
    </CardSection>
  );
}

/** The premise card: a scrollable dialog panel, placed by whoever mounts it. */
export function PremiseCard({ file, maskPersonal, now, onClose, onFocusFeature }: PremiseCardProps) {
  const titleId = useId();
  const cardRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || isOwnEscape(event.target, cardRef.current)) return;
      event.preventDefault();
      closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A new premise: start at the top and take focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => {
    const card = cardRef.current;
    if (!card) return;
    card.scrollTop = 0;
    card.focus({ preventScroll: true });
  }, [file.premise.id]);

  return (
    <div ref={cardRef} class="premise-card" role="dialog" aria-labelledby={titleId} data-testid="premise-card" data-premise={file.premise.id} tabIndex={-1}>
      <Header premise={file.premise} titleId={titleId} now={now} onClose={onClose} />
      <FactsSection facts={file.facts} mask={maskPersonal} />
      <TimelineSection timeline={file.timeline} now={now} />
      <EnforcementSection enforcement={file.enforcement} />
      <SensorsSection sensors={file.sensors} />
      <HydrantsSection hydrants={file.hydrants} onFocus={onFocusFeature} />
      <LanesSection lanes={file.lanes} onFocus={onFocusFeature} />
    </div>
  );
}
