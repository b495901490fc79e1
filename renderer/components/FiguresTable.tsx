// A compact table of figures: one row per item, columns declared with their header, alignment and
// how a row's cell is written (numbers through format.ts). Several screens share it so their
// tables look and read alike: row headers for screen readers, right-aligned numbers.
import type { ReactNode } from 'react';

export interface FigureColumn<R> {
  label: ReactNode;
  /** 'right' for numbers (tabular figures), 'left' (the default) for text. */
  align?: 'left' | 'right';
  /** The cell's content for a row. */
  format: (row: R) => ReactNode;
  /** The row's header cell (`th scope="row"`), usually the first column. */
  rowHeader?: boolean;
  /** Extra class of the cell, e.g. 'wrap' for long text. */
  cellClass?: (row: R) => string | undefined;
  /** A stable test id for the cell, where tests read one figure. */
  testId?: (row: R) => string | undefined;
}

export interface FigureRowProps {
  className?: string;
  /** Written as data-* attributes on the row. */
  data?: Record<string, string | number>;
}

interface Props<R> {
  /** The accessible name of the table. */
  label: string;
  columns: readonly FigureColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string | number;
  /** Rows written in the footer (totals), with the same columns. */
  footRows?: readonly R[];
  rowProps?: (row: R) => FigureRowProps;
  /** Wrap in a box that scrolls sideways; a string adds its class to that box. */
  scroll?: boolean | string;
}

function Row<R>({ row, columns, props }: { row: R; columns: readonly FigureColumn<R>[]; props?: FigureRowProps }) {
  const data = Object.fromEntries(Object.entries(props?.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <tr className={props?.className} {...data}>
      {columns.map((c, i) => {
        const className = [c.align === 'right' ? 'num' : '', c.cellClass?.(row) ?? ''].filter(Boolean).join(' ') || undefined;
        const Cell = c.rowHeader ? 'th' : 'td';
        return (
          <Cell key={i} scope={c.rowHeader ? 'row' : undefined} className={className} data-testid={c.testId?.(row)}>
            {c.format(row)}
          </Cell>
        );
      })}
    </tr>
  );
}

export function FiguresTable<R>({ label, columns, rows, rowKey, footRows, rowProps, scroll }: Props<R>) {
  const table = (
    <table className="table table-compact" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.align === 'right' ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row key={rowKey(r)} row={r} columns={columns} props={rowProps?.(r)} />
        ))}
      </tbody>
      {footRows && footRows.length > 0 && (
        <tfoot>
          {footRows.map((r) => (
            <Row key={rowKey(r)} row={r} columns={columns} props={rowProps?.(r)} />
          ))}
        </tfoot>
      )}
    </table>
  );
  if (!scroll) return table;
  return <div className={typeof scroll === 'string' ? `table-scroll ${scroll}` : 'table-scroll'}>{table}</div>;
}
