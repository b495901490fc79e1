// Every profiled column on one table: type, PII, null / blank shares, distinct — each links to
// its detail card below.
import type { ColumnProfile } from '../../../engine/api/profile-types.js';
import { ShareMeter } from '../../components/charts/ShareMeter.js';
import { fmtInt } from '../../components/format.js';
import { PiiBadge } from './PiiBadge.js';

export const columnAnchor = (c: ColumnProfile) => `col-${c.source ? `s${c.source.id}-` : ''}${c.position}-${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function ColumnsOverview({ columns, label = 'Columns overview' }: { columns: ColumnProfile[]; label?: string }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">PII</th>
            <th scope="col">Null or blank</th>
            <th scope="col" className="num">
              Distinct
            </th>
            <th scope="col">Feeds</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={`${c.position}-${c.name}`} data-column={c.name}>
              <th scope="row">
                <a href={`#${columnAnchor(c)}`}>{c.name}</a>
              </th>
              <td>{c.inferredType}</td>
              <td>
                <PiiBadge pii={c.pii} />
              </td>
              <td>
                <ShareMeter label={`Null or blank in ${c.name}`} share={c.nullShare + c.blankShare} sense="bad" width={90} />
              </td>
              <td className="num">
                {fmtInt(c.distinct.count)}
                {!c.distinct.exact && <span className="muted"> approx.</span>}
              </td>
              <td className="muted">{c.feeds.join(', ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
