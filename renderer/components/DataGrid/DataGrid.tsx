// The reusable virtualised data grid: any browsable table, paged through data.page as you scroll.
// Sort by clicking a header (asc → desc → none), filter per column in the filter syntax
// (engine/api/data-filter.ts: text, =exact, >3000, 1..9, blank, /regex/; a filter that does not
// parse says why and is not applied), resize by dragging a header edge, move with the keyboard
// (arrows, Page Up/Down, Home/End, Ctrl+Home/End), select cells with Shift, copy them as TSV with
// Ctrl+C, open a row with Enter or a double-click.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { FILTER_SYNTAX_HELP, parseFilter } from '../../../engine/api/data-filter.js';
import type { Cell, ColumnInfo, Filter, Sort } from '../../../engine/api/data.js';
import { useEngine } from '../../api/useEngine.js';
import { fmtInt, isPiiColumn, maskValue, usePiiMask } from '../format.js';
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
  /** Filter text per column, when the screen keeps it (facets, links from other screens set it). */
  filterText?: Record<string, string>;
  onFilterTextChange?(text: Record<string, string>): void;
  /** Columns (names) not shown. */
  hiddenColumns?: readonly string[];
  /** Enter or a double-click on a row. */
  onOpenRow?(row: Cell[], columns: ColumnInfo[]): void;
}

/** Selected cells as tab-separated lines (what spreadsheets paste), from loaded rows only. */
export function cellsAsTsv(rows: (Cell[] | undefined)[], columns: { ix: number; c: ColumnInfo }[], masked = false): string {
  const clean = (v: Cell, c: ColumnInfo) => (v === null ? '' : maskedText(String(v).replace(/[\t\r\n]+/g, ' '), c, masked));
  return rows.map((r) => columns.map(({ ix, c }) => (r ? clean(r[ix] ?? null, c) : '')).join('\t')).join('\n');
}

/** With "Mask personal data" on, a personal-data column (by attribute name or source header) shows a•••; copies too. */
function maskedText(text: string, c: ColumnInfo, masked: boolean): string {
  return masked && (isPiiColumn(c.name) || isPiiColumn(c.label)) ? maskValue(text) : text;
}

export function DataGrid(props: DataGridProps) {
  // A new table starts with fresh sort, filters and widths.
  return <GridView key={`${props.table}|${JSON.stringify(props.fixedFilters ?? [])}`} {...props} />;
}

/** A cell's full text as its tooltip, only when the cell cuts it short. */
function showTitleIfTruncated(e: MouseEvent<HTMLDivElement>) {
  const el = e.currentTarget;
  if (el.scrollWidth > el.clientWidth) el.title = el.textContent ?? '';
  else el.removeAttribute('title');
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function GridView({ table, label, initialSort = null, fixedFilters, onQueryChange, filterText: controlled, onFilterTextChange, hiddenColumns, onOpenRow }: DataGridProps) {
  const client = useEngine();
  const masked = usePiiMask();
  const id = useId();
  const [sort, setSort] = useState<Sort | null>(initialSort);
  const [ownText, setOwnText] = useState<Record<string, string>>({});
  const filterText = controlled ?? ownText;
  const setFilterText = (next: Record<string, string> | ((f: Record<string, string>) => Record<string, string>)) => {
    const v = typeof next === 'function' ? next(filterText) : next;
    if (onFilterTextChange) onFilterTextChange(v);
    else setOwnText(v);
  };
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<{ row: number; col: number } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [viewport, setViewport] = useState(0);
  const debouncedText = useDebounced(filterText, FILTER_DEBOUNCE_MS);
  // Each filter as the engine will read it; one that does not parse is shown, not sent.
  const parsed = useMemo(() => Object.entries(filterText).map(([column, value]) => ({ column, value, p: parseFilter(value) })), [filterText]);
  const filterErrors = Object.fromEntries(parsed.filter((x) => !x.p.ok).map((x) => [x.column, x.p.ok ? '' : x.p.message]));
  const filters = useMemo<Filter[]>(
    () => [
      ...(fixedFilters ?? []),
      ...Object.entries(debouncedText)
        .filter(([, v]) => v.trim() !== '' && parseFilter(v).ok)
        .map(([column, value]): Filter => ({ column, op: 'match', value: value.trim() })),
    ],
    [debouncedText],
  );
  const pages = usePages(client, { table, sort, filters });
  useEffect(() => onQueryChange?.({ sort, filters }), [sort, filters]);
  const allColumns: ColumnInfo[] = pages.columns ?? [];
  // Shown columns with their index in a row's cells.
  const shown = useMemo(() => allColumns.map((c, ix) => ({ c, ix })).filter((x) => !hiddenColumns?.includes(x.c.name)), [allColumns, hiddenColumns]);
  const columns = shown.map((x) => x.c);
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

  const inSelection = (row: number, col: number) => {
    const a = anchor ?? active;
    return row >= Math.min(a.row, active.row) && row <= Math.max(a.row, active.row) && col >= Math.min(a.col, active.col) && col <= Math.max(a.col, active.col);
  };

  const selectionTsv = (): { tsv: string; rows: number; cols: number } => {
    const a = anchor ?? active;
    const [r0, r1] = [Math.min(a.row, active.row), Math.max(a.row, active.row)];
    const [c0, c1] = [Math.min(a.col, active.col), Math.max(a.col, active.col)];
    const rows = Array.from({ length: r1 - r0 + 1 }, (_, i) => pages.row(r0 + i));
    return { tsv: cellsAsTsv(rows, shown.slice(c0, c1 + 1), masked), rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if (count === 0 || (e.target as HTMLElement).tagName === 'INPUT') return;
    const sel = selectionTsv();
    e.clipboardData.setData('text/plain', sel.tsv);
    e.preventDefault();
    setCopied(`Copied ${sel.rows} × ${sel.cols} ${sel.rows * sel.cols === 1 ? 'cell' : 'cells'}`);
  };

  const open = (row: number) => {
    const r = pages.row(row);
    if (r && onOpenRow) onOpenRow(r, allColumns);
  };

  const move = (row: number, col: number, extend = false) => {
    const r = Math.max(0, Math.min(count - 1, row));
    const c = Math.max(0, Math.min(columns.length - 1, col));
    if (extend) setAnchor((x) => x ?? active);
    else setAnchor(null);
    setCopied(null);
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
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      // the copy event (onCopy) fills the clipboard where the browser sends one; this covers hosts that do not
      const sel = selectionTsv();
      void navigator.clipboard?.writeText(sel.tsv).catch(() => undefined);
      setCopied(`Copied ${sel.rows} × ${sel.cols} ${sel.rows * sel.cols === 1 ? 'cell' : 'cells'}`);
      return;
    }
    const pageRows = Math.max(1, Math.floor(viewport / ROW_PX) - 1);
    const { row, col } = active;
    const x = e.shiftKey;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col, x),
      ArrowUp: () => move(row - 1, col, x),
      ArrowRight: () => move(row, col + 1, x),
      ArrowLeft: () => move(row, col - 1, x),
      PageDown: () => move(row + pageRows, col, x),
      PageUp: () => move(row - pageRows, col, x),
      Home: () => (e.ctrlKey || e.metaKey ? move(0, col, x) : move(row, 0, x)),
      End: () => (e.ctrlKey || e.metaKey ? move(count - 1, col, x) : move(row, columns.length - 1, x)),
      Enter: () => open(row),
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
        onCopy={onCopy}
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
                  title={filterErrors[c.name] ?? `Filter: ${FILTER_SYNTAX_HELP}`}
                  aria-invalid={filterErrors[c.name] ? true : undefined}
                  aria-describedby={filterErrors[c.name] ? `${id}-filter-error` : undefined}
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
                  {shown.map(({ c, ix }, ci) => (
                    <div
                      key={c.name}
                      role="gridcell"
                      id={cellId(item.index, ci)}
                      aria-colindex={ci + 1}
                      aria-selected={inSelection(item.index, ci) || undefined}
                      className={`dg-td${isNumeric(c) ? ' dg-num' : ''}${item.index === active.row && ci === active.col ? ' dg-active' : ''}${anchor && inSelection(item.index, ci) ? ' dg-selected' : ''}`}
                      style={{ width: widthOf(c) }}
                      onMouseDown={(e) => {
                        if (e.shiftKey) setAnchor((x) => x ?? active);
                        else setAnchor(null);
                        setActive({ row: item.index, col: ci });
                      }}
                      onDoubleClick={() => open(item.index)}
                      onMouseEnter={showTitleIfTruncated}
                    >
                      {row ? maskedText(formatCell(row[ix] ?? null, c), c, masked) : ''}
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
          {pages.loading ? 'Loading…' : `${fmtInt(count)} ${count === 1 ? 'row' : 'rows'}, ${sortLabel}`}
        </span>
        {pages.error && (
          <span role="alert" className="error-text">
            {pages.error}
          </span>
        )}
        {Object.entries(filterErrors).map(([column, message]) => (
          <span key={column} id={`${id}-filter-error`} role="alert" className="error-text" data-testid="filter-error">
            Filter on {allColumns.find((c) => c.name === column)?.label ?? column} not applied: {message}
          </span>
        ))}
        {copied && <span data-testid="copied">{copied}</span>}
        {hasFilters && (
          <button type="button" className="link-button" onClick={() => setFilterText({})}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
