// One source: counts, saved mapping, imports, and links to its records and its profile.
import type { SourceInfo } from '../../../engine/api/ingest.js';
import { fmtInt } from '../../components/format.js';
import { useNavigation } from '../../shell/navigation.js';
import { attributeLabel } from '../Import/MappingStep.js';
import { ImportsTable } from './ImportsTable.js';
import type { RemoveTarget } from './RemoveDialog.js';

interface Props {
  source: SourceInfo;
  onRecords(sourceId: number): void;
  onRejects(importId: number): void;
  onRemove(target: RemoveTarget): void;
}

export function SourceCard({ source: s, onRecords, onRejects, onRemove }: Props) {
  const { go } = useNavigation();
  const mapped = Object.entries(s.mapping ?? {});
  return (
    <article className="card source-card" aria-labelledby={`source-${s.id}`} data-source={s.name}>
      <header className="source-head">
        <h3 id={`source-${s.id}`}>{s.name}</h3>
        <span className="badge">{s.kind}</span>
        <span className="muted" data-testid="source-counts">
          {fmtInt(s.records)} records · {fmtInt(s.events)} events · {s.imports.length} {s.imports.length === 1 ? 'import' : 'imports'}
        </span>
        <span className="spacer" />
        {s.records > 0 && (
          <button type="button" className="button button-small" onClick={() => onRecords(s.id)}>
            View records
          </button>
        )}
        <button type="button" className="button button-small" onClick={() => go('profile', { scope: { kind: 'source', sourceId: s.id } })}>
          Profile
        </button>
        <button type="button" className="button button-small" onClick={() => onRemove({ source: s.name, records: s.records + s.events })} aria-label={`Delete source ${s.name}`}>
          Delete…
        </button>
      </header>
      {mapped.length > 0 && (
        <details className="mapping-details">
          <summary>
            Saved mapping ({mapped.filter(([, a]) => a).length} of {mapped.length} columns feed attributes)
          </summary>
          <ul className="mapping-list">
            {mapped.map(([col, a]) => (
              <li key={col}>
                <code>{col}</code> → {a ? attributeLabel(a) : <span className="muted">raw only</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ImportsTable
        imports={s.imports}
        onRejects={onRejects}
        onRollback={(i) => onRemove({ source: s.name, importId: i.importId, file: i.file, records: i.rowsImported })}
      />
    </article>
  );
}
