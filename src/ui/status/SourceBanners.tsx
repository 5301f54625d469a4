/**
 * One banner per failing source, above the map: which source (title and id) and why. Each is
 * dismissed on its own and none blocks the map or the others. A dismissed banner stays away while
 * the same failure goes on (polls failing again and again), and comes back when the source fails
 * again after a later success.
 */
import { useState } from 'preact/hooks';
import { kindText, reportText, sentenceCase, t } from '../../i18n/index.ts';
import type { SourceStatusItem } from './SourceStatus.tsx';
import './status.css';

export interface SourceBannersProps {
  items: readonly SourceStatusItem[];
}

interface Failing {
  item: SourceStatusItem;
  error: string;
  /** Names the failure episode: the time of the last good data, or "never". */
  episode: string;
  /** Older data is still on the map. */
  dataKept: boolean;
}

/** The failure of a source right now, or null when it is fine (or still loading). */
function failingOf(item: SourceStatusItem): Failing | null {
  let error: string;
  if (item.failure) error = reportText(item.failure);
  else if (item.status === 'error' || item.failedAt !== undefined) error = item.error ?? t('status.failed');
  else return null;
  // A failure without failedAt is the result itself (nothing read): there is no good data behind it.
  const dataKept = item.result !== undefined && item.failedAt !== undefined && item.status === 'success';
  return { item, error, episode: dataKept ? String(item.updatedAt ?? 0) : 'never', dataKept };
}

/** The banners; renders nothing when every source is fine. */
export function SourceBanners({ items }: SourceBannersProps) {
  const [dismissed, setDismissed] = useState<ReadonlyMap<string, string>>(new Map());
  const failing = items.flatMap((item) => {
    const f = failingOf(item);
    return f && dismissed.get(item.spec.id) !== f.episode ? [f] : [];
  });
  if (failing.length === 0) return null;
  const dismiss = (id: string, episode: string) => setDismissed((old) => new Map(old).set(id, episode));
  return (
    <div class="source-banners">
      {failing.map(({ item, error, episode, dataKept }) => {
        const { spec } = item;
        const source = spec.title ?? sentenceCase(kindText(spec.kind));
        return (
          <div key={spec.id} class="source-banner" role="alert" data-testid="source-banner" data-source={spec.id}>
            <p class="source-banner-text">
              {source === spec.id ? t('live.banner.failed_plain', { source, error }) : t('live.banner.failed', { source, id: spec.id, error })}
              {dataKept ? <span class="source-banner-kept">{t('live.banner.kept')}</span> : null}
            </p>
            <button
              type="button"
              class="source-banner-close"
              aria-label={t('live.banner.dismiss', { source })}
              title={t('live.banner.dismiss', { source })}
              onClick={() => dismiss(spec.id, episode)}
            />
          </div>
        );
      })}
    </div>
  );
}
