// The reusable virtualised data grid: any browsable table, paged through data.page as you scroll.
// Sort by clicking a header (asc → desc → none), filter per column (contains), resize by dragging
// a header edge, move with the keyboard (arrows, Page Up/Down, Home/End, Ctrl+Home/End).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnInfo, Filter, Sort } from '../../../engine/api/data.js';
import { useEngine } from '../../api/useEngine.js';
import { defaultWidth, formatCell, isNumeric } from './columns.js';
import { HeaderCell } from './HeaderCell.js';
import { domTop, scaledScrollOptions, scrollScale, type ScrollScale } from './scaledScroll.js';
import { usePages } from './usePages.js';
import './DataGrid.css';

export const ROW_PX = 32;
const FILTER_DEBOUNCE_MS = 300;

export interface DataGridProps {
  table: string;
  /** Accessible name, e.g. "Customer records". */
  label: string;
  initialSort?: Sort | null;
  /** Filters the analyst cannot remove, e.g. one source's records or one import's rejects. */
  fixedFilters?: Filter[];
  /** Told the sort and filters the grid shows, e.g. to export what the analyst sees. */
  onQueryChange?(query: { sort: Sort | null; filters: Filter[] }): void;
}

export function DataGrid(props: DataGridProps) {
  // A new table starts with fresh sort, filters and widths.
  return <GridView key={`${props.table}|${JSON.stringify(props.fixedFilters ?? [])}`} {...props} />;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function GridView({ table, label, initialSort = null, fixedFilters, onQueryChange }: DataGridProps) {
  const client = useEngine();
  const id = useId();
  const [sort, setSort] = useState<Sort | null>(initialSort);
  const [filterText, setFilterText] = useState<Record<string, string>>({});
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [viewport, setViewport] = useState(0);
  const debouncedText = useDebounced(filterText, FILTER_DEBOUNCE_MS);
  const filters = useMemo<Filter[]>(
    () => [
      ...(fixedFilters ?? []),
      ...Object.entries(debouncedText)
        .filter(([, v]) => v.trim() !== '')
        .map(([column, value]): Filter => ({ column, op: 'contains', value: value.trim() })),
    ],
    [debouncedText],
  );
  const pages = usePages(client, { table, sort, filters });
  useEffect(() => onQueryChange?.({ sort, filters }), [sort, filters]);
  const columns: ColumnInfo[] = pages.columns ?? [];
  const count = pages.total ?? 0;

  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const scale = useRef<ScrollScale>({ factor: 1, spacerPx: 0 });
  scale.current = scrollScale(count * ROW_PX, viewport);
  const scrollOpts = useMemo(() => scaledScrollOptions(scale), []);

  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    ...scrollOpts,
  });

  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { want } = pages;
  useEffect(() => {
    if (count > 0) want(first, last);
  }, [first, last, count, want]);

  // Keep the active cell inside the table when it shrinks (filters, a changed table).
  useEffect(() => {
    setActive((a) => (a.row < count ? a : { row: Math.max(0, count - 1), col: a.col }));
  }, [count]);

  const widthOf = (c: ColumnInfo) => widths[c.name] ?? defaultWidth(c);
  const totalWidth = columns.reduce((s, c) => s + widthOf(c), 0);
  const virtualScroll = virtualizer.scrollOffset ?? 0;
  const cellId = (row: number, col: number) => `${id}-r${row}-c${col}`;
  const activeVisible = count > 0 && active.row >= first && active.row <= last;

  const move = (row: number, col: number) => {
    const r = Math.max(0, Math.min(count - 1, row));
    const c = Math.max(0, Math.min(columns.length - 1, col));
    setActive({ row: r, col: c });
    virtualizer.scrollToIndex(r, { align: 'auto' });
    // Horizontal: bring the active column into view.
    const body = bodyRef.current;
    if (body) {
      const left = columns.slice(0, c).reduce((s, x) => s + widthOf(x), 0);
      const w = columns[c] ? widthOf(columns[c]) : 0;
      if (left < body.scrollLeft) body.scrollLeft = left;
      else if (left + w > body.scrollLeft + body.clientWidth) body.scrollLeft = left + w - body.clientWidth;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || count === 0) return;
    const pageRows = Math.max(1, Math.floor(viewport / ROW_PX) - 1);
    const { row, col } = active;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col),
      ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1),
      ArrowLeft: () => move(row, col - 1),
      PageDown: () => move(row + pageRows, col),
      PageUp: () => move(row - pageRows, col),
      Home: () => (e.ctrlKey || e.metaKey ? move(0, col) : move(row, 0)),
      End: () => (e.ctrlKey || e.metaKey ? move(count - 1, col) : move(row, columns.length - 1)),
    };
    const fn = keys[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  };

  const hasFilters = Object.values(filterText).some((v) => v.trim() !== '');
  const sortLabel = sort ? `sorted by ${columns.find((c) => c.name === sort.column)?.label ?? sort.column}, ${sort.dir === 'asc' ? 'ascending' : 'descending'}` : 'unsorted';

  return (
    <div className="dg">
      <div
        ref={gridRef}
        role="grid"
        aria-label={label}
        aria-rowcount={pages.total === null ? -1 : pages.total + 2}
        aria-colcount={columns.length}
        aria-busy={pages.loading}
        aria-activedescendant={activeVisible ? cellId(active.row, active.col) : undefined}
        tabIndex={0}
        className="dg-grid"
        onKeyDown={onKeyDown}
        data-table={table}
      >
        <div className="dg-head" ref={headRef} role="rowgroup">
          <div role="row" aria-rowindex={1} className="dg-row dg-head-row" style={{ width: totalWidth }}>
            {columns.map((c, i) => (
              <HeaderCell
                key={c.name}
                column={c}
                index={i}
                width={widthOf(c)}
                sort={sort}
                onSort={setSort}
                onResize={(w) => setWidths((ws) => ({ ...ws, [c.name]: w }))}
              />
            ))}
          </div>
          <div role="row" aria-rowindex={2} className="dg-row dg-filter-row" style={{ width: totalWidth }}>
            {columns.map((c, i) => (
              <div role="gridcell" aria-colindex={i + 1} key={c.name} className="dg-fc" style={{ width: widthOf(c) }}>
                <input
                  type="search"
                  aria-label={`Filter ${c.label}`}
                  placeholder="Filter…"
                  value={filterText[c.name] ?? ''}
                  onChange={(e) => setFilterText((f) => ({ ...f, [c.name]: e.target.value }))}
                />
              </div>
            ))}
          </div>
        </div>
        <div
          className="dg-body"
          ref={bodyRef}
          role="rowgroup"
          onScroll={(e) => {
            if (headRef.current) headRef.current.scrollLeft = e.currentTarget.scrollLeft;
          }}
        >
          <div className="dg-spacer" style={{ height: scale.current.spacerPx, width: totalWidth }}>
            {items.map((item) => {
              const row = pages.row(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 3}
                  className={`dg-row${row ? '' : ' dg-loading'}${item.index === active.row ? ' dg-active-row' : ''}`}
                  style={{ width: totalWidth, transform: `translateY(${domTop(item.start, virtualScroll, scale.current.factor)}px)` }}
                >
                  {columns.map((c, ci) => (
                    <div
                      key={c.name}
                      role="gridcell"
                      id={cellId(item.index, ci)}
                      aria-colindex={ci + 1}
                      className={`dg-td${isNumeric(c) ? ' dg-num' : ''}${item.index === active.row && ci === active.col ? ' dg-active' : ''}`}
                      style={{ width: widthOf(c) }}
                      onMouseDown={() => setActive({ row: item.index, col: ci })}
                    >
                      {row ? formatCell(row[ci] ?? null, c) : ''}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
          {!pages.loading && count === 0 && !pages.error && <p className="dg-empty">{hasFilters ? 'No rows match these filters.' : 'This table is empty.'}</p>}
        </div>
      </div>
      <div className="dg-status">
        <span role="status" aria-live="polite">
          {pages.loading ? 'Loading…' : `${count.toLocaleString('en')} ${count === 1 ? 'row' : 'rows'}, ${sortLabel}`}
        </span>
        {pages.error && (
          <span role="alert" className="error-text">
            {pages.error}
          </span>
        )}
        {hasFilters && (
          <button type="button" className="link-button" onClick={() => setFilterText({})}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
