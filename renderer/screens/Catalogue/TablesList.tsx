// The workspace tables with row counts; expand one to see its columns.
import type { CatalogueTable } from '../../../engine/api/profile-types.js';
import { fmtInt } from '../../components/format.js';

export function TablesList({ tables }: { tables: CatalogueTable[] }) {
  return (
    <ul className="tables-list" aria-label="Workspace tables">
      {tables.map((t) => (
        <li key={t.name}>
          <details>
            <summary>
              <code>{t.name}</code> <span className="muted">{t.rows === null ? 'rows not counted' : `${fmtInt(t.rows)} rows`} · {t.columns.length} columns</span>
            </summary>
            <table className="table table-compact" aria-label={`Columns of table ${t.name}`}>
              <tbody>
                {t.columns.map((c) => (
                  <tr key={c.name}>
                    <td>
                      <code>{c.name}</code>
                    </td>
                    <td className="muted">{c.type || 'any'}</td>
                    <td className="muted">{[c.primaryKey ? 'primary key' : '', c.notNull ? 'not null' : ''].filter(Boolean).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </li>
      ))}
    </ul>
  );
}
