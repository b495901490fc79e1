// Find a customer however they were typed: instant hybrid search while typing, fielded queries,
// why each result matched, keyboard navigation (combobox + listbox), and a record detail panel.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchMatch, SearchResult } from '../../../engine/api/search.js';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Highlighted } from './Highlighted.js';
import { IndexStatus } from './IndexStatus.js';
import { MatchChips } from './MatchChips.js';
import { RecordDetail } from './RecordDetail.js';
import { useSearch } from './useSearch.js';
import { SearchExport } from './SearchExport.js';
import './search.css';
import { fmtFixed, fmtInt, fmtPercent } from '../../components/format.js';

export function SearchScreen() {
  const client = useEngine();
  const [q, setQ] = useState('');
  const s = useSearch(q);
  // An emptied box shows nothing at once, before the hook clears its last answer.
  const results = q.trim() ? (s.response?.results ?? []) : [];
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState<{ result: SearchResult; query: string; shown: number[] } | null>(null);
  const [feedbackError, setFeedbackError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const base = useId();
  const optionId = (i: number) => `${base}-opt-${i}`;
  const listId = `${base}-results`;

  // New results: no active option until the analyst moves.
  useEffect(() => setActive(-1), [s.response]);

  useEffect(() => {
    if (active < 0) return;
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const openResult = useCallback(
    (i: number) => {
      const r = results[i];
      if (!r) return;
      const shown = results.map((x) => x.recordId);
      const query = s.answered;
      setActive(i);
      setOpen({ result: r, query, shown });
      setFeedbackError(null);
      if (query.trim()) {
        client.call('search.feedback', { q: query, recordId: r.recordId, kind: 'click', shown }).catch((e: unknown) => setFeedbackError(errorMessage(e)));
      }
    },
    [client, results, s.answered],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (results.length) setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length) setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (results.length) openResult(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      if (open) setOpen(null);
      else if (q) setQ('');
    }
  };

  const r = s.response;
  const expanded = results.length > 0;
  const showEmpty = !!r && !s.error && q.trim() !== '' && r.query.trim() !== '' && results.length === 0 && !s.loading;

  return (
    <div className="screen search-screen">
      <header className="screen-head">
        <h1>Search</h1>
        <p className="hint">Find a customer however they were typed — typos, swapped names, old addresses. Nothing leaves this machine.</p>
      </header>
      <IndexStatus onIndexed={s.refresh} />
      <div className="search-box">
        <label htmlFor={`${base}-q`} className="sr-only">
          Search customers
        </label>
        <input
          id={`${base}-q`}
          ref={input}
          type="search"
          className="search-input"
          placeholder="Name, email, phone, address…"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={active >= 0 && results[active] ? optionId(active) : undefined}
          aria-describedby={`${base}-hint`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id={`${base}-hint`} className="hint search-hint">
          Narrow by field: <code>email:</code> <code>phone:</code> <code>postcode:</code> <code>name:</code> — e.g. <code>name:smith postcode:LS1</code>. ↑ ↓ to move, Enter to open.
        </p>
      </div>
      <div className="search-meta" role="status" aria-live="polite">
        {s.loading && q.trim() && <span className="muted">Searching…</span>}
        {!s.loading && r && r.query.trim() && q.trim() && (
          <span className="muted" data-testid="search-meta">
            {results.length === 0 ? 'No results' : `${fmtInt(results.length)} result${results.length === 1 ? '' : 's'}`} · {fmtFixed(r.tookMs, 1)} ms ·{' '}
            {r.vectors ? `text + vectors (${r.vectors})` : 'text matching only'} · ranker {r.ranker}
            {Object.keys(r.parsed.fields).length > 0 && <> · fields {Object.entries(r.parsed.fields).map(([k, v]) => `${k}: ${v}`).join(', ')}</>}
          </span>
        )}
        {!s.loading && r?.warming && (
          <span className="muted" data-testid="search-warming">
            {' '}
            · The search index is still loading (text {fmtPercent(r.warming.lexical, 0)}, vectors {fmtPercent(r.warming.vectors, 0)}): results may be incomplete; type again in a moment.
          </span>
        )}
      </div>
      {results.length > 0 && <SearchExport ids={results.map((x) => x.recordId)} />}
      <ErrorNotice error={q.trim() ? s.error : null} title="Search failed" />
      {feedbackError && (
        <p className="form-error" role="alert">
          {feedbackError}
        </p>
      )}
      <div className={`search-body${open ? ' search-body-split' : ''}`}>
        <div className="search-results-wrap">
          {!q.trim() && (
            <p className="card muted search-empty" data-testid="search-start">
              Start typing to search every customer record. Try a surname with a typo, part of an email, or the last digits of a phone number.
            </p>
          )}
          {showEmpty && (
            <p className="card muted search-empty" data-testid="search-empty">
              No customers match “{r!.query}”. Check the spelling of fielded values, or search fewer words.
            </p>
          )}
          <ul id={listId} ref={list} role="listbox" aria-label="Search results" className="search-results" hidden={!expanded}>
            {results.map((res, i) => (
              <ResultItem key={res.recordId} id={optionId(i)} result={res} active={i === active} opened={open?.result.recordId === res.recordId} onOpen={() => openResult(i)} onHover={() => setActive(i)} />
            ))}
          </ul>
        </div>
        {open && (
          <RecordDetail
            result={open.result}
            query={open.query}
            shown={open.shown}
            onClose={() => {
              setOpen(null);
              input.current?.focus();
            }}
          />
        )}
      </div>
    </div>
  );
}

function byField(matched: SearchMatch[], field: string, value: string | null): SearchMatch | undefined {
  return value ? matched.find((m) => m.field === field && m.value === value) : undefined;
}

function Val({ value, match }: { value: string | null; match: SearchMatch | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return match ? <Highlighted value={value} spans={match.spans} /> : <>{value}</>;
}

interface ItemProps {
  id: string;
  result: SearchResult;
  active: boolean;
  opened: boolean;
  onOpen(): void;
  onHover(): void;
}

function ResultItem({ id, result: r, active, opened, onOpen, onHover }: ItemProps) {
  const m = r.matched;
  const place = [r.address, r.city, r.postcode].filter(Boolean).length > 0;
  const shownValues = [r.name, r.email, r.phone, r.address, r.city, r.postcode];
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      data-opened={opened || undefined}
      className={`search-result${active ? ' active' : ''}`}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the search box */}
      onClick={onOpen}
      onMouseMove={active ? undefined : onHover}
      data-record-id={r.recordId}
    >
      <div className="search-result-main">
        <span className="search-result-name">
          <Val value={r.name || null} match={byField(m, 'name', r.name)} />
        </span>
        <span className="search-score" title="Ranker score">
          {fmtFixed(r.score, 2)}
        </span>
      </div>
      <div className="search-result-contact">
        <span>
          <Val value={r.email} match={byField(m, 'email', r.email)} />
        </span>
        <span>
          <Val value={r.phone} match={byField(m, 'phone', r.phone)} />
        </span>
        {r.sourceKey && <span className="search-key">{r.sourceKey}</span>}
      </div>
      {place && (
        <div className="search-result-place">
          {r.address && <Val value={r.address} match={byField(m, 'address', r.address)} />}
          {r.city && (
            <>
              {r.address && ', '}
              <Val value={r.city} match={byField(m, 'city', r.city)} />
            </>
          )}
          {r.postcode && (
            <>
              {' '}
              <Val value={r.postcode} match={byField(m, 'postcode', r.postcode)} />
            </>
          )}
        </div>
      )}
      {m.length > 0 && <MatchChips matched={m} showValues={(x) => !shownValues.includes(x.value)} />}
      {r.rankReason && (
        <p className="hint rank-reason" data-testid="rank-reason">
          {r.rankReason}
        </p>
      )}
    </li>
  );
}
