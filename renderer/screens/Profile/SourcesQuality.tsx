// The quality figures per source, side by side.
import type { SourceQuality } from '../../../engine/api/profile-types.js';
import { ShareMeter } from '../../components/charts/ShareMeter.js';
import { fmtInt, fmtShare } from '../../components/format.js';

export function SourcesQuality({ sources }: { sources: SourceQuality[] }) {
  if (sources.length === 0) return null;
  return (
    <section aria-labelledby="per-source-title">
      <h2 id="per-source-title">Per source</h2>
      <div className="table-scroll">
        <table className="table table-compact" aria-label="Quality per source">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col">Malformed emails</th>
              <th scope="col">Malformed phones</th>
              <th scope="col" className="num">
                <abbr title="Duplicate emails">Dup. emails</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Duplicate phones">Dup. phones</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Duplicate name + date of birth">Dup. name + DOB</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.sourceId}>
                <th scope="row">{s.name}</th>
                <td className="num">{fmtInt(s.rows)}</td>
                <td>
                  <ShareMeter label={`Malformed emails in ${s.name}`} share={s.emails.malformedShare} sense="bad" width={70} detail={`${fmtInt(s.emails.malformed)} / ${fmtInt(s.emails.present)}`} />
                </td>
                <td>
                  <ShareMeter label={`Malformed phones in ${s.name}`} share={s.phones.malformedShare} sense="bad" width={70} detail={`${fmtInt(s.phones.malformed)} / ${fmtInt(s.phones.present)}`} />
                </td>
                <td className="num">
                  {fmtInt(s.duplicates.email.duplicates)} <span className="muted">({fmtShare(s.duplicates.email.duplicateShare)})</span>
                </td>
                <td className="num">
                  {fmtInt(s.duplicates.phone.duplicates)} <span className="muted">({fmtShare(s.duplicates.phone.duplicateShare)})</span>
                </td>
                <td className="num">
                  {fmtInt(s.duplicates.nameDob.duplicates)} <span className="muted">({fmtShare(s.duplicates.nameDob.duplicateShare)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
