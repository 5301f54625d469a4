/**
 * What happened to the files just dropped or opened: per file, taken (as which kind, how many
 * features kept) or refused (and why), with every load-report entry translated. A file whose kind
 * could not be told gets a kind chooser. File names and report details are data: JSX text only.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldText, kindText, reportText, sentenceCase, t } from '../../i18n/index.ts';
import { KIND_NAMES, type Kind } from '../../sources/contract/index.ts';
import type { GuessReason } from '../../sources/guess-kind.ts';
import type { LoadResult } from '../../sources/load.ts';
import type { ReportEntry } from '../../sources/report.ts';
import './drop.css';

/** Why a file was refused: wrong extension, over the size limit, kind unknown, no usable feature, read/parse failure. */
export type RefusalWhy = 'extension' | 'too_large' | 'kind' | 'data' | 'failed';

/** One file of the report. */
export type DropEntry =
  | { id: number; name: string; state: 'reading' }
  | { id: number; name: string; state: 'accepted'; kind: Kind; guessed: boolean; reason: GuessReason; result: LoadResult }
  | {
      id: number; name: string; state: 'refused'; why: RefusalWhy;
      /** Set for `kind`: why no kind was found. */
      reason?: GuessReason;
      kind?: Kind;
      result?: LoadResult;
      /** Set for `too_large`: the file's size in bytes and the limit. */
      size?: number;
      limit?: number;
      /** Set for `failed`: the error's message. */
      message?: string;
    };

export interface DropReportProps {
  entries: readonly DropEntry[];
  onClose: () => void;
  /** Parse a refused file again as `kind` (offered when its kind could not be told). */
  onRetry: (id: number, kind: Kind) => void;
  /** Report entries listed per file before "n more". Default 20. */
  maxEntries?: number;
}

const MIB = 1024 * 1024;
const mib = (bytes: number): string => String(Math.round((bytes / MIB) * 10) / 10);

function refusalText(entry: Extract<DropEntry, { state: 'refused' }>): string {
  switch (entry.why) {
    case 'extension': return t('live.drop.why.extension');
    case 'too_large': return t('live.drop.why.too_large', { size: mib(entry.size ?? 0), limit: mib(entry.limit ?? 0) });
    case 'kind':
      return entry.reason === 'ambiguous' ? t('live.drop.why.ambiguous')
        : entry.reason === 'no_match' ? t('live.drop.why.no_match')
        : t('live.drop.why.not_geojson');
    case 'data': return t('live.drop.why.data');
    case 'failed': return t('live.drop.why.failed', { message: entry.message ?? '' });
  }
}

function verdictText(entry: DropEntry): string {
  if (entry.state === 'reading') return t('live.drop.reading');
  if (entry.state === 'refused') return `${t('live.drop.refused')}${t('status.sep')}${refusalText(entry)}`;
  const { stats } = entry.result;
  const params = { kind: kindText(entry.kind), kept: stats.kept, read: stats.read };
  if (!entry.guessed) return t('live.drop.accepted', params);
  return t('live.drop.accepted_guessed', { ...params, how: t(entry.reason === 'name' ? 'live.drop.by_name' : 'live.drop.by_fields') });
}

function ReportEntries({ entries, kind, max, open }: { entries: readonly ReportEntry[]; kind: Kind; max: number; open: boolean }) {
  if (entries.length === 0) return null;
  return (
    <details class="drop-file-report" open={open}>
      <summary>{t('live.drop.problems', { count: entries.length })}</summary>
      <ul>
        {entries.slice(0, max).map((entry, i) => (
          <li key={i} class={`drop-entry drop-entry--${entry.severity}`}>
            <span class="drop-entry-severity">{t(entry.severity === 'error' ? 'status.severity.error' : 'status.severity.warning')}</span>{' '}
            {entry.featureIndex !== undefined ? <span class="drop-entry-where">{t('status.feature', { index: entry.featureIndex })} </span> : null}
            {entry.featureId ? <span class="drop-entry-where">{entry.featureId} </span> : null}
            {entry.field ? <span class="drop-entry-where">{fieldText(kind, entry.field)}</span> : null}
            {entry.featureIndex !== undefined || entry.featureId || entry.field ? t('status.sep') : null}
            <span>{reportText(entry)}</span>
          </li>
        ))}
      </ul>
      {entries.length > max ? <p class="drop-more">{t('status.more', { count: entries.length - max })}</p> : null}
    </details>
  );
}

function KindChooser({ onChoose }: { onChoose: (kind: Kind) => void }) {
  const [kind, setKind] = useState<Kind>(KIND_NAMES[0] ?? 'premises');
  return (
    <div class="drop-kind">
      <select
        aria-label={t('live.drop.choose_kind')}
        value={kind}
        onChange={(event) => setKind((event.currentTarget as HTMLSelectElement).value as Kind)}
      >
        {KIND_NAMES.map((name) => <option key={name} value={name}>{sentenceCase(kindText(name))}</option>)}
      </select>
      <button type="button" onClick={() => onChoose(kind)}>{t('live.drop.retry')}</button>
    </div>
  );
}

/** The report dialog. Escape or the close button closes it; it does not block the page. */
export function DropReport({ entries, onClose, onRetry, maxEntries = 20 }: DropReportProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    dialog.current?.focus();
    // On the document, not the dialog: focus may have left it (a retried file's chooser disappears).
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const accepted = entries.filter((e) => e.state === 'accepted').length;
  const refused = entries.filter((e) => e.state === 'refused').length;
  return (
    <div
      ref={dialog}
      class="drop-report"
      role="dialog"
      aria-labelledby="drop-report-title"
      data-testid="drop-report"
      tabIndex={-1}
    >
      <div class="drop-report-head">
        <h2 id="drop-report-title" class="drop-report-title">{t('live.drop.title')}</h2>
        <button type="button" class="drop-report-close" onClick={onClose}>{t('live.drop.close')}</button>
      </div>
      <p class="drop-report-summary">{t('live.drop.summary', { accepted, refused })}</p>
      <ul class="drop-files">
        {entries.map((entry) => {
          const result = entry.state === 'reading' ? undefined : entry.result;
          const kind = entry.state === 'accepted' ? entry.kind : entry.state === 'refused' ? entry.kind : undefined;
          return (
            <li key={entry.id} class={`drop-file drop-file--${entry.state}`} data-file={entry.name} data-verdict={entry.state}>
              <span class="drop-file-name">{entry.name}</span>
              <span class="drop-file-verdict">{verdictText(entry)}</span>
              {result && kind ? <ReportEntries entries={result.report} kind={kind} max={maxEntries} open={entry.state === 'refused'} /> : null}
              {entry.state === 'refused' && entry.why === 'kind' && entry.reason !== 'not_geojson'
                ? <KindChooser onChoose={(chosen) => onRetry(entry.id, chosen)} />
                : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
