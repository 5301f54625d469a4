/**
 * The search box: a WAI-ARIA combobox (input + listbox) over a prebuilt search index. Typing shows
 * hits after a short pause; ArrowDown/ArrowUp move, Enter picks the active hit (or the first),
 * Escape closes the list and, pressed again, clears the text; "/" anywhere outside a text field
 * focuses the box. The caller decides what picking does (usually: fly to the hit).
 *
 * The box declares the little it needs of an index and a hit (components take data through props);
 * app/search.ts's `SearchIndex` and `SearchHit` fit these shapes, and `onPick` receives the caller's
 * own hit type. Data text (names, addresses) is rendered as JSX text only.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { fieldText, kindText, t } from '../../i18n/index.ts';
import { KINDS, type Kind } from '../../sources/contract/index.ts';
import './search.css';

/** What the box shows of a hit. */
export interface SearchBoxHit {
  readonly kind: Kind;
  readonly id: string;
  readonly label: string;
  readonly sublabel?: string | undefined;
  /** Contract property the query matched; when it is the id and the label is not, the id is shown. */
  readonly matchedField?: string | undefined;
}

/** What the box needs of an index (app/search.ts's `SearchIndex` is one). */
export interface SearchBoxIndex<H extends SearchBoxHit> {
  search(query: string, options?: { limit?: number }): readonly H[];
}

export interface SearchBoxProps<H extends SearchBoxHit> {
  /** `null` while the data loads: the box is disabled and says so. */
  index: SearchBoxIndex<H> | null;
  /** Called with the chosen hit (Enter or click). */
  onPick: (hit: H) => void;
  /** Most hits listed; 12 when absent. */
  limit?: number;
  /** Pause after the last keystroke before searching, in ms; 80 when absent. */
  debounceMs?: number;
}

/** True when keystrokes on `target` are typing (so "/" must not steal focus). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

const keepFocus = (event: MouseEvent) => event.preventDefault();

/** The search combobox. */
export function SearchBox<H extends SearchBoxHit>({ index, onPick, limit = 12, debounceMs = 80 }: SearchBoxProps<H>) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<readonly H[]>([]);
  const [searched, setSearched] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const listId = `${baseId}-results`;
  const optionId = (i: number) => `${baseId}-option-${i}`;

  useEffect(() => {
    if (!index || text.trim() === '') {
      setHits([]);
      setSearched('');
      setActive(-1);
      return undefined;
    }
    const timer = setTimeout(() => {
      setHits(index.search(text, { limit }));
      setSearched(text);
      setActive(-1);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [index, text, limit, debounceMs]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const input = inputRef.current;
      if (!input || input.disabled || isTextEntry(event.target) || isTextEntry(document.activeElement)) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const expanded = open && text.trim() !== '' && hits.length > 0;
  const noResults = open && text.trim() !== '' && searched === text && hits.length === 0;

  useEffect(() => {
    if (expanded && active >= 0) listRef.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [expanded, active]);
  // New hits start at the top of the list, not where the keys left the last ones.
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
  }, [hits]);

  const pick = (hit: H) => {
    setText(hit.label);
    setOpen(false);
    setActive(-1);
    onPick(hit);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // From "nothing active", Down goes to the first hit and Up to the last.
      setActive((current) => (current < 0 ? (step > 0 ? 0 : hits.length - 1) : (current + step + hits.length) % hits.length));
    } else if (event.key === 'Enter') {
      if (!index || text.trim() === '') return;
      event.preventDefault();
      // Enter typed faster than the pause searches now rather than picking from stale hits.
      const current = searched === text ? hits : index.search(text, { limit });
      const hit = (searched === text && expanded ? current[active] : undefined) ?? current[0];
      if (hit) pick(hit);
      else {
        setHits(current);
        setSearched(text);
        setOpen(true);
      }
    } else if (event.key === 'Escape') {
      if (expanded || noResults) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text !== '') {
        event.preventDefault();
        setText('');
      }
    }
  };

  const clear = () => {
    setText('');
    setOpen(false);
    inputRef.current?.focus();
  };

  const matchedLine = (hit: H): string | null => {
    if (hit.matchedField !== KINDS[hit.kind].idField || hit.label === hit.id) return null;
    return t('search.matched', { field: fieldText(hit.kind, hit.matchedField), value: hit.id });
  };

  return (
    <div class="search-box" data-testid="search-box">
      <input
        ref={inputRef}
        class="search-box__input"
        type="text"
        role="combobox"
        aria-label={t('search.label')}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autocomplete="off"
        spellcheck={false}
        enterKeyHint="search"
        placeholder={index ? t('search.placeholder') : t('search.loading')}
        disabled={!index}
        value={text}
        data-testid="search-input"
        onInput={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      {text !== '' && index && (
        <button type="button" class="search-box__clear" aria-label={t('search.clear')} onMouseDown={keepFocus} onClick={clear}>
          <span aria-hidden="true">×</span>
        </button>
      )}
      <ul id={listId} ref={listRef} class="search-box__list" role="listbox" aria-label={t('search.label')} data-testid="search-results" hidden={!expanded}>
        {hits.map((hit, i) => {
          const matched = matchedLine(hit);
          return (
            <li
              key={`${hit.kind}:${hit.id}:${i}`}
              id={optionId(i)}
              class={`search-box__option${i === active ? ' search-box__option--active' : ''}`}
              role="option"
              aria-selected={i === active}
              data-kind={hit.kind}
              data-id={hit.id}
              onMouseDown={keepFocus}
              onClick={() => pick(hit)}
            >
              <span class="search-box__label">{hit.label}</span>
              <span class="search-box__kind">{kindText(hit.kind)}</span>
              {hit.sublabel && <span class="search-box__sublabel">{hit.sublabel}</span>}
              {matched && <span class="search-box__matched">{matched}</span>}
            </li>
          );
        })}
      </ul>
      <div class={noResults ? 'search-box__empty' : 'search-box__sr-only'} role="status" aria-live="polite">
        {noResults ? t('search.no_results', { query: searched.trim() }) : expanded ? t('search.results', { count: hits.length }) : ''}
      </div>
    </div>
  );
}
