// A cross-tab of two columns of one table (Churn by Contract): counts with row percentages and
// totals, counted by the engine (data.crosstab) over every row.
import { useState } from 'react';
import type { TableInfo } from '../../../engine/api/data.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtInt, fmtPercent } from '../../components/format.js';

const pct = (n: number, of: number) => (of === 0 ? '–' : fmtPercent(n / of, 1));

export function CrossTab({ tables }: { tables: readonly TableInfo[] }) {
  const usable = tables.filter((t) => t.name.startsWith('source:') || t.name === 'records');
  const [table, setTable] = useState(usable.find((t) => t.name.startsWith('source:'))?.name ?? usable[0]?.name ?? '');
  const cols = usable.find((t) => t.name === table)?.columns ?? [];
  const [rows, setRows] = useState('');
  const [colsBy, setColsBy] = useState('');
  const ready = table !== '' && rows !== '' && colsBy !== '' && cols.some((c) => c.name === rows) && cols.some((c) => c.name === colsBy);
  const { data: x, error } = useEngineQuery('data.crosstab', ready ? { table, rows, cols: colsBy } : null, { reloadOn: ['data.changed'] });
  const label = (name: string) => cols.find((c) => c.name === name)?.label ?? name;
  const pick = (value: string, set: (v: string) => void, aria: string) => (
    <select className="picker-cut" value={value} title={value ? label(value) : undefined} onChange={(e) => set(e.target.value)} aria-label={aria}>
      <option value="">Choose…</option>
      {cols.map((c) => (
        <option key={c.name} value={c.name}>
          {c.label}
        </option>
      ))}
    </select>
  );
  if (usable.length === 0) return null;
  return (
    <section className="card crosstab" aria-labelledby="crosstab-title" data-testid="crosstab">
      <h2 id="crosstab-title">Cross-tab</h2>
      <div className="screen-head-row">
        <label className="field-inline">
          <span>Table</span>
          <select
            className="picker-cut"
            value={table}
            title={usable.find((t) => t.name === table)?.label}
            onChange={(e) => {
              setTable(e.target.value);
              setRows('');
              setColsBy('');
            }}
            aria-label="Cross-tab table"
          >
            {usable.map((t) => (
              <option key={t.name} value={t.name}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Rows</span>
          {pick(rows, setRows, 'Cross-tab rows')}
        </label>
        <label className="field-inline">
          <span>Columns</span>
          {pick(colsBy, setColsBy, 'Cross-tab columns')}
        </label>
      </div>
      <ErrorNotice error={error} />
      {ready && x && (
        <table className="table compact crosstab-table">
          <caption className="sr-only">
            {label(x.rows)} by {label(x.cols)}: counts and row percentages
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {label(x.rows)} \ {label(x.cols)}
              </th>
              {x.colValues.map((v) => (
                <th key={v} scope="col">
                  {v}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {x.rowValues.map((r, i) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {x.counts[i]!.map((n, j) => (
                  <td key={j} className="num" data-testid={`crosstab-${i}-${j}`}>
                    {fmtInt(n)} <span className="muted">({pct(n, x.rowTotals[i]!)})</span>
                  </td>
                ))}
                <td className="num">{fmtInt(x.rowTotals[i])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {x.colTotals.map((n, j) => (
                <td key={j} className="num">
                  {fmtInt(n)} <span className="muted">({pct(n, x.total)})</span>
                </td>
              ))}
              <td className="num">{fmtInt(x.total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
