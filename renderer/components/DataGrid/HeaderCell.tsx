// One column header: a sort button (asc → desc → none) and a drag / keyboard resize handle.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { ColumnInfo, Sort } from '../../../engine/api/data.js';
import { MIN_COL_PX } from './columns.js';

interface Props {
  column: ColumnInfo;
  index: number;
  width: number;
  sort: Sort | null;
  onSort(next: Sort | null): void;
  onResize(width: number): void;
}

export function nextSort(column: string, current: Sort | null): Sort | null {
  if (current?.column !== column) return { column, dir: 'asc' };
  return current.dir === 'asc' ? { column, dir: 'desc' } : null;
}

export function HeaderCell({ column, index, width, sort, onSort, onResize }: Props) {
  const drag = useRef<{ x: number; w: number } | null>(null);
  const dir = sort?.column === column.name ? sort.dir : null;
  const ariaSort = dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';

  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, w: width };
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(Math.max(MIN_COL_PX, Math.round(drag.current.w + e.clientX - drag.current.x)));
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 48 : 16;
    if (e.key === 'ArrowLeft') onResize(Math.max(MIN_COL_PX, width - step));
    else if (e.key === 'ArrowRight') onResize(width + step);
    else return;
    e.preventDefault();
  };

  return (
    <div role="columnheader" aria-colindex={index + 1} aria-sort={ariaSort} className="dg-th" style={{ width }}>
      <button
        type="button"
        className="dg-sort"
        onClick={() => onSort(nextSort(column.name, sort))}
        title={`Sort by ${column.label}`}
        data-column={column.name}
      >
        <span className="dg-th-label">{column.label}</span>
        <span className="dg-sort-mark" aria-hidden="true">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
        </span>
      </button>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${column.label}`}
        aria-valuenow={width}
        aria-valuemin={MIN_COL_PX}
        tabIndex={0}
        className="dg-resize"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onKeyDown={key}
        onDoubleClick={() => onResize(150)}
      />
    </div>
  );
}
