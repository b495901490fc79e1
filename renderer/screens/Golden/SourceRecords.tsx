// The entity's source records side by side: one column per record (source, file, row), one row per
// attribute, cells that differ from the golden value highlighted. Ticking records and "Split out"
// moves them to a new entity.
import { useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { LABELS } from './EntityValues.js';

type Provenance = MethodOutput<'golden.provenance'>;

const norm = (v: string) => v.trim().toLowerCase().replace(/\s+/g, ' ');

export function SourceRecords({ records, provenance, busy, onSplit }: { records: number[]; provenance: Provenance; busy: boolean; onSplit(records: number[]): void }) {
  const [picked, setPicked] = useState<number[]>([]);
  const lineage = new Map<number, { source: string; sourceKey: string | null; file: string; rowNo: number }>();
  const cell = new Map<string, string>();
  for (const a of provenance.attributes)
    for (const c of a.candidates) {
      lineage.set(c.recordId, c);
      cell.set(`${a.attribute}|${c.recordId}`, c.value);
    }
  const canSplit = picked.length > 0 && picked.length < records.length;
  return (
    <section aria-labelledby="golden-records-title">
      <div className="screen-head-row">
        <h3 id="golden-records-title">Source records</h3>
        <button type="button" className="button button-small" disabled={busy || !canSplit} onClick={() => (onSplit(picked), setPicked([]))} data-testid="golden-split">
          Split {picked.length > 0 ? `${picked.length} record${picked.length === 1 ? '' : 's'}` : 'records'} out
        </button>
        {picked.length > 0 && !canSplit && <span className="form-error small">Leave at least one record in the entity.</span>}
      </div>
      <div className="table-scroll golden-records-scroll">
        <table className="table table-compact golden-records" aria-label="Source records side by side">
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              {records.map((r) => {
                const l = lineage.get(r);
                return (
                  <th scope="col" key={r} data-testid="golden-record-head" data-record={r}>
                    <label className="field-check">
                      <input type="checkbox" checked={picked.includes(r)} onChange={(e) => setPicked(e.target.checked ? [...picked, r] : picked.filter((x) => x !== r))} aria-label={`Pick record ${r} to split out`} />
                      record {r}
                    </label>
                    {l && (
                      <div className="muted small">
                        {l.source}
                        {l.sourceKey ? ` · ${l.sourceKey}` : ''} · {l.file} row {l.rowNo}
                      </div>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {provenance.attributes
              .filter((a) => a.candidates.length > 0)
              .map((a) => (
                <tr key={a.attribute}>
                  <th scope="row">{LABELS[a.attribute] ?? a.attribute}</th>
                  {records.map((r) => {
                    const v = cell.get(`${a.attribute}|${r}`);
                    const differs = v !== undefined && a.value !== null && norm(v) !== norm(a.value);
                    return (
                      <td key={r} className={v === undefined ? 'muted' : differs ? 'is-diff' : undefined} title={differs ? 'Differs from the golden value' : undefined}>
                        {v ?? '–'}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
