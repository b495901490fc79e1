// The entity list: filters (size, source, weak links, text), then every matching entity in a
// virtualised list paged through golden.list, so 100k+ entities scroll like a few hundred.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { domTop, scaledScrollOptions, scrollScale, type ScrollScale } from '../../components/DataGrid/scaledScroll.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtFixed, fmtInt } from '../../components/format.js';
import { useListPages, type ListQuery } from './useListPages.js';

const ROW_PX = 34;
const WEAK_DEFAULT = 0.9;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const posInt = (s: string) => (/^\d+$/.test(s.trim()) && Number(s) >= 1 ? Number(s) : undefined);

export function EntityList({ version, selected, onSelect }: { version: string; selected: string | null; onSelect(id: string): void }) {
  const [minSize, setMinSize] = useState('1');
  const [maxSize, setMaxSize] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [weakOnly, setWeakOnly] = useState(false);
  const [weakBelow, setWeakBelow] = useState(String(WEAK_DEFAULT));
  const [lockedOnly, setLockedOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<'size' | 'confidence' | 'id'>('size');
  const text = useDebounced(search.trim(), 250);
  const weak = Number(weakBelow);
  const query = useMemo<ListQuery>(
    () => ({
      minSize: posInt(minSize) ?? 1,
      ...(posInt(maxSize) !== undefined ? { maxSize: posInt(maxSize) } : {}),
      ...(sourceId ? { sourceId: Number(sourceId) } : {}),
      ...(weakOnly && weakBelow.trim() !== '' && weak >= 0 && weak <= 1 ? { maxConfidence: weak } : {}),
      ...(lockedOnly ? { lockedOnly } : {}),
      ...(text ? { search: text } : {}),
      sort,
    }),
    [minSize, maxSize, sourceId, weakOnly, weakBelow, weak, lockedOnly, text, sort],
  );
  const pages = useListPages(query, version);
  const count = pages.total ?? 0;

  const bodyRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(0);
  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const scale = useRef<ScrollScale>({ factor: 1, spacerPx: 0 });
  scale.current = scrollScale(count * ROW_PX, viewport);
  const scrollOpts = useMemo(() => scaledScrollOptions(scale), []);
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({ count, getScrollElement: () => bodyRef.current, estimateSize: () => ROW_PX, overscan: 10, ...scrollOpts });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { want } = pages;
  useEffect(() => {
    if (count > 0) want(first, last);
  }, [first, last, count, want]);
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [query]);
  const virtualScroll = virtualizer.scrollOffset ?? 0;

  return (
    <section className="golden-list card" aria-labelledby="golden-list-title">
      <h2 id="golden-list-title" className="section-title">
        Entities
      </h2>
      <div className="golden-filters">
        <label className="field-inline">
          Search
          <input type="search" value={search} placeholder="name or id" onChange={(e) => setSearch(e.target.value)} data-testid="golden-search" />
        </label>
        <label className="field-inline">
          Records
          <input className="golden-num" inputMode="numeric" aria-label="At least this many records" value={minSize} onChange={(e) => setMinSize(e.target.value)} data-testid="golden-min-size" />
          to
          <input className="golden-num" inputMode="numeric" aria-label="At most this many records" placeholder="any" value={maxSize} onChange={(e) => setMaxSize(e.target.value)} />
        </label>
        <label className="field-inline">
          Source
          <select value={sourceId} onChange={(e) => setSourceId(e.target.value)} data-testid="golden-source-filter">
            <option value="">Any source</option>
            {pages.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({fmtInt(s.entities)})
              </option>
            ))}
          </select>
        </label>
        <label className="field-check">
          <input type="checkbox" checked={weakOnly} onChange={(e) => setWeakOnly(e.target.checked)} data-testid="golden-weak-only" />
          Weakly linked: weakest link ≤
        </label>
        <input className="golden-num" aria-label="Weakest link at most" type="number" min={0} max={1} step={0.05} value={weakBelow} disabled={!weakOnly} onChange={(e) => setWeakBelow(e.target.value)} />
        <label className="field-check">
          <input type="checkbox" checked={lockedOnly} onChange={(e) => setLockedOnly(e.target.checked)} />
          Locked only
        </label>
        <label className="field-inline">
          Sort
          <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
            <option value="size">Largest first</option>
            <option value="confidence">Weakest link first</option>
            <option value="id">Id</option>
          </select>
        </label>
      </div>
      <ErrorNotice error={pages.error} title="Could not read the entities" />
      <p className="muted small" data-testid="golden-list-count" role="status">
        {pages.total === null ? 'Loading…' : `${fmtInt(pages.total)} entit${pages.total === 1 ? 'y' : 'ies'}`}
      </p>
      <div className="golden-list-head" aria-hidden="true">
        <span>Id</span>
        <span>Name</span>
        <span className="num">Records</span>
        <span>Sources</span>
        <span className="num" title="Weakest link: the lowest best-match probability of any of its records">
          Link
        </span>
      </div>
      <div ref={bodyRef} className="golden-list-body" role="listbox" aria-label="Golden records" data-testid="golden-list">
        <div style={{ height: scale.current.spacerPx, position: 'relative' }}>
          {items.map((it) => {
            const row = pages.row(it.index);
            const top = domTop(it.start, virtualScroll, scale.current.factor);
            if (!row)
              return (
                <div key={it.key} className="golden-row golden-row-loading" style={{ transform: `translateY(${top}px)` }}>
                  …
                </div>
              );
            return (
              <div
                key={it.key}
                role="option"
                aria-selected={selected === row.id}
                tabIndex={0}
                className={selected === row.id ? 'golden-row is-selected' : 'golden-row'}
                style={{ transform: `translateY(${top}px)` }}
                data-testid="golden-row"
                data-id={row.id}
                onClick={() => onSelect(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(row.id);
                  }
                }}
              >
                <span className="golden-id">
                  {row.id}
                  {row.locked && <span title="Locked"> 🔒</span>}
                </span>
                <span className="golden-name">{row.name ?? '–'}</span>
                <span className="num">{fmtInt(row.size)}</span>
                <span className="golden-sources">{row.sources.join(', ')}</span>
                <span className="num">{row.confidence === null ? '–' : fmtFixed(row.confidence, 2)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
