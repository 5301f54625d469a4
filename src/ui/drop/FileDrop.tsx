/**
 * Local files onto the map: drag .geojson/.json files over the window (an overlay shows where they
 * go), or open them with the button (keyboards and phones). Each file is read with File.text(),
 * handed to `parse` (the sources worker), and reported in <DropReport>. Only files that are taken
 * reach `onParsed`; a refused file changes nothing else. Files over the size limit are refused
 * without being read.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { Kind } from '../../sources/contract/index.ts';
import type { DropParseResult } from '../../sources/guess-kind.ts';
import type { LoadResult } from '../../sources/load.ts';
import { DEFAULT_MAX_MB } from '../../sources/read-limited.ts';
import { DropReport, type DropEntry } from './DropReport.tsx';
import './drop.css';

/** A file that was taken: its name and what it loaded. */
export interface DroppedFile {
  name: string;
  result: LoadResult;
}

/** What FileDrop hands to the parser: the file's name and text, and a kind when the user chose one. */
export interface DropParseRequest {
  name: string;
  text: string;
  kind?: Kind;
}

export interface FileDropProps {
  /** Called once per file taken, in the order read. */
  onParsed: (dropped: DroppedFile) => void;
  /** Parses one file, e.g. `(file) => client.request('parse', file)`. */
  parse: (file: DropParseRequest) => Promise<DropParseResult>;
  /** Bytes above which a file is refused unread. Default 64 MiB (the sources' default limit). */
  maxBytes?: number;
}

const EXTENSION = /\.(geo)?json$/i;

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The drop overlay, the open-file button and the report of the last files read. */
export function FileDrop({ onParsed, parse, maxBytes = DEFAULT_MAX_MB * 1024 * 1024 }: FileDropProps) {
  const [dragging, setDragging] = useState(false);
  const [entries, setEntries] = useState<readonly DropEntry[]>([]);
  const [reportOpen, setReportOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // Read by async work that outlives a render: always the latest props, and nothing after unmount.
  const latest = useRef({ onParsed, parse, maxBytes, reportOpen });
  latest.current = { onParsed, parse, maxBytes, reportOpen };
  const alive = useRef(true);
  const nextId = useRef(1);
  // Texts of files whose kind is unknown, kept so a chosen kind can parse them again without re-reading.
  const pendingTexts = useRef(new Map<number, { name: string; text: string }>());

  const update = (entry: DropEntry) => {
    if (alive.current) setEntries((old) => old.map((e) => (e.id === entry.id ? entry : e)));
  };

  const judge = async (id: number, name: string, text: string, kind?: Kind): Promise<DropEntry> => {
    let outcome: DropParseResult;
    try {
      outcome = await latest.current.parse(kind ? { name, text, kind } : { name, text });
    } catch (error) {
      return { id, name, state: 'refused', why: 'failed', message: messageOf(error) };
    }
    if (outcome.kind === null) {
      pendingTexts.current.set(id, { name, text });
      return { id, name, state: 'refused', why: 'kind', reason: outcome.reason };
    }
    pendingTexts.current.delete(id);
    if (!outcome.accepted) return { id, name, state: 'refused', why: 'data', kind: outcome.kind, result: outcome.result };
    if (alive.current) latest.current.onParsed({ name, result: outcome.result });
    return { id, name, state: 'accepted', kind: outcome.kind, guessed: outcome.guessed, reason: outcome.reason, result: outcome.result };
  };

  const readOne = async (id: number, file: File): Promise<DropEntry> => {
    const { name } = file;
    if (!EXTENSION.test(name)) return { id, name, state: 'refused', why: 'extension' };
    const limit = latest.current.maxBytes;
    if (file.size > limit) return { id, name, state: 'refused', why: 'too_large', size: file.size, limit };
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return { id, name, state: 'refused', why: 'failed', message: messageOf(error) };
    }
    return judge(id, name, text);
  };

  const readFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    const batch = files.map((file) => ({ id: nextId.current++, file }));
    const reading: DropEntry[] = batch.map(({ id, file }) => ({ id, name: file.name, state: 'reading' }));
    // A new drop while the report is open adds to it; otherwise it starts a new report.
    if (!latest.current.reportOpen) pendingTexts.current.clear();
    setEntries((old) => (latest.current.reportOpen ? [...old, ...reading] : reading));
    setReportOpen(true);
    // One at a time: the worker parses one file at a time anyway, and texts are not all held at once.
    for (const { id, file } of batch) update(await readOne(id, file));
  };

  const retry = async (id: number, kind: Kind) => {
    const pending = pendingTexts.current.get(id);
    if (!pending) return;
    update({ id, name: pending.name, state: 'reading' });
    update(await judge(id, pending.name, pending.text, kind));
  };

  useEffect(() => {
    alive.current = true;
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Without this the browser opens the file itself instead of letting the page have it.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void readFiles(Array.from(event.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      alive.current = false;
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  const onPicked = (event: Event) => {
    const picker = event.currentTarget as HTMLInputElement;
    const files = Array.from(picker.files ?? []);
    // Cleared so that picking the same file again (after fixing it) fires another change.
    picker.value = '';
    void readFiles(files);
  };

  return (
    <div class="file-drop">
      <button type="button" class="file-drop-open" data-testid="open-file" onClick={() => input.current?.click()}>
        {t('live.drop.open')}
      </button>
      <input ref={input} type="file" multiple accept=".geojson,.json" class="file-drop-input" hidden onChange={onPicked} />
      {dragging ? (
        <div class="file-drop-overlay" data-testid="file-drop-overlay" aria-hidden="true">
          <div class="file-drop-overlay-box">
            <p class="file-drop-overlay-title">{t('live.drop.overlay')}</p>
            <p class="file-drop-overlay-hint">{t('live.drop.overlay_hint', { limit: Math.round(maxBytes / (1024 * 1024)) })}</p>
          </div>
        </div>
      ) : null}
      {reportOpen ? (
        <DropReport entries={entries} onClose={() => setReportOpen(false)} onRetry={(id, kind) => void retry(id, kind)} />
      ) : null}
    </div>
  );
}
