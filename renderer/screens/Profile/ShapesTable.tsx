// The value shapes of a column (letters → A/a, digits → 9), with counts and shares.
import type { ColumnProfile } from '../../../engine/api/profile-types.js';
import { fmtInt, fmtShare } from '../../components/format.js';

export function ShapesTable({ column: c, limit = 8 }: { column: ColumnProfile; limit?: number }) {
  const shapes = c.shapes.values.slice(0, limit);
  if (shapes.length === 0) return null;
  return (
    <div className="shapes">
      <h4>
        Value shapes
        {c.shapes.distinct !== null && <span className="muted"> · {fmtInt(c.shapes.distinct)} distinct</span>}
        {!c.shapes.exact && <span className="muted"> · approx.</span>}
      </h4>
      <table className="table table-compact" aria-label={`Value shapes of ${c.name}`}>
        <thead>
          <tr>
            <th scope="col">Shape</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {shapes.map((s) => (
            <tr key={s.value}>
              <td>
                <code>{s.value === '' ? '(empty)' : s.value}</code>
              </td>
              <td className="num">{fmtInt(s.count)}</td>
              <td className="num">{fmtShare(c.nonBlank ? s.count / c.nonBlank : 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
