/**
 * One titled section of the premise card, with the short "none" text when it has nothing to show.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface CardSectionProps {
  /** `data-testid` of the section, e.g. `card-facts`. */
  testId: string;
  title: string;
  /** Whether there is anything to show; when false, `none` is shown instead of the children. */
  filled: boolean;
  none: string;
  children?: ComponentChildren;
}

/** A section of the card, labelled by its heading. */
export function CardSection({ testId, title, filled, none, children }: CardSectionProps) {
  const headingId = useId();
  return (
    <section class="premise-card-section" data-testid={testId} aria-labelledby={headingId}>
      <h3 id={headingId} class="premise-card-section-title">{title}</h3>
      {filled ? children : <p class="premise-card-none">{none}</p>}
    </section>
  );
}
