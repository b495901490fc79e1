// Facets beside the grid, as OpenRefine has them: pick a column, see its most common values with
// counts (a click filters the grid to one), its blanks, and for numbers a range histogram (a
// click filters to that range). Counted by the engine (data.facet) over the rows the other
// columns' filters keep, so a facet never hides its own alternatives.
import type { ColumnInfo, Filter } from '../../../engine/api/data.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { filterNum, fmtInt, fmtNumber } from '../../components/format.js';

interface Props {
  table: string;
  columns: ColumnInfo[];
  column: string;
  onColumn(column: string): void;
  /** The grid's filters (syntax text per column). */
  filterText: Record<string, string>;
  /** Set (or with '' clear) the facet column's filter. */
  onFilter(column: string, text: string): void;
}

export function FacetPanel({ table, columns, column, onColumn, filterText, onFilter }: Props) {
  const others: Filter[] = Object.entries(filterText)
    .filter(([c, v]) => c !== column && v.trim() !== '')
    .map(([c, v]) => ({ column: c, op: 'match', value: v.trim() }));
  const valid = column !== '' && columns.some((c) => c.name === column);
  const { data: f, error } = useEngineQuery('data.facet', valid ? { table, column, filters: others, top: 15 } : null, { reloadOn: ['data.changed'] });
  const current = filterText[column]?.trim() ?? '';
  return (
    <aside className="card facet-panel" aria-label="Facets" data-testid="facet-panel">
      <label className="field">
        <span>Facet by column</span>
        <select value={column} onChange={(e) => onColumn(e.target.value)} aria-label="Facet column">
          <option value="">Choose a column…</option>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {error != null && <p className="form-error small">The facet could not be counted (a filter may not parse).</p>}
      {valid && f && (
        <>
          <p className="small muted">
            {fmtInt(f.rows)} rows · {fmtInt(f.distinct)} distinct values
            {current && (
              <>
                {' · '}
                <button type="button" className="link-button" onClick={() => onFilter(column, '')}>
                  clear “{current}”
                </button>
              </>
            )}
          </p>
          <ul className="facet-values" aria-label="Values">
            {f.values.map((v) => (
              <li key={v.value}>
                <button type="button" className={`facet-value${current === `=${v.value}` ? ' facet-on' : ''}`} onClick={() => onFilter(column, `=${v.value}`)} title={v.value}>
                  <span className="facet-label">{v.value}</span>
                  <span className="facet-count">{fmtInt(v.count)}</span>
                </button>
              </li>
            ))}
            <li>
              <button type="button" className={`facet-value${current === 'blank' ? ' facet-on' : ''}`} onClick={() => onFilter(column, 'blank')} data-testid="facet-blank">
                <span className="facet-label muted">(blank)</span>
                <span className="facet-count">{fmtInt(f.blanks)}</span>
              </button>
            </li>
            <li>
              <button type="button" className={`facet-value${current === 'not blank' ? ' facet-on' : ''}`} onClick={() => onFilter(column, 'not blank')}>
                <span className="facet-label muted">(not blank)</span>
                <span className="facet-count">{fmtInt(f.rows - f.blanks)}</span>
              </button>
            </li>
          </ul>
          {f.numeric && (
            <div className="facet-range" data-testid="facet-range">
              <h4>
                Numbers {fmtNumber(f.numeric.min)} to {fmtNumber(f.numeric.max)} ({fmtInt(f.numeric.count)})
              </h4>
              <ul className="facet-values">
                {f.numeric.bins.map((b, i) => (
                  <li key={i}>
                    <button type="button" className="facet-value" onClick={() => onFilter(column, `${filterNum(b.from)}..${filterNum(b.to)}`)}>
                      <span className="facet-label">
                        {fmtNumber(b.from)} – {fmtNumber(b.to)}
                      </span>
                      <span className="facet-bar" style={{ width: `${Math.round((b.count / Math.max(1, ...f.numeric!.bins.map((x) => x.count))) * 60)}px` }} />
                      <span className="facet-count">{fmtInt(b.count)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </aside>
  );
}
