// Lineage per canonical attribute: which source columns (in which imports) feed it.
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES } from '../../../engine/api/ingest.js';
import type { Catalogue } from '../../../engine/api/profile-types.js';
import { attributeLabel } from '../Import/MappingStep.js';

export function LineageView({ lineage }: { lineage: Catalogue['lineage'] }) {
  const known: string[] = [...new Set<string>([...CUSTOMER_ATTRIBUTES, ...EVENT_ATTRIBUTES])];
  const attrs = [...known.filter((a) => lineage[a]?.length), ...Object.keys(lineage).filter((a) => !known.includes(a) && lineage[a]?.length), ...known.filter((a) => !lineage[a]?.length)];
  return (
    <div className="table-scroll">
      <table className="table table-compact lineage" aria-label="Lineage by canonical attribute">
        <thead>
          <tr>
            <th scope="col">Canonical attribute</th>
            <th scope="col">Fed by (source · column · import)</th>
          </tr>
        </thead>
        <tbody>
          {attrs.map((a) => {
            const feeds = lineage[a] ?? [];
            return (
              <tr key={a} data-attribute={a}>
                <th scope="row">
                  {attributeLabel(a)} <code className="muted">{a}</code>
                </th>
                <td>
                  {feeds.length === 0 ? (
                    <span className="muted">not fed by any source</span>
                  ) : (
                    <ul className="lineage-list">
                      {feeds.map((f) => (
                        <li key={`${f.importId}-${f.column}`}>
                          <strong>{f.source}</strong> · <code>{f.column}</code> <span className="muted">· import #{f.importId}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
