// The report's columns, grouped: in the workspace view, the canonical attributes some source maps,
// then each source's own columns under its name (issue 15: show what the workspace holds).
import type { ColumnProfile } from '../../../engine/api/profile-types.js';
import { ColumnCard } from './ColumnCard.js';
import { ColumnsOverview } from './ColumnsOverview.js';

interface Group {
  key: string;
  title: string;
  hint: string;
  columns: ColumnProfile[];
}

function groups(columns: ColumnProfile[]): Group[] {
  const canonical = columns.filter((c) => !c.source);
  if (canonical.length === columns.length) return [{ key: 'all', title: '', hint: '', columns }];
  const out: Group[] = [];
  if (canonical.length > 0) {
    out.push({ key: 'canonical', title: 'Canonical attributes', hint: 'Only the attributes some source maps a column to, across every source.', columns: canonical });
  }
  const bySource = new Map<number, Group>();
  for (const c of columns) {
    if (!c.source) continue;
    let g = bySource.get(c.source.id);
    if (!g) bySource.set(c.source.id, (g = { key: `source-${c.source.id}`, title: `Source “${c.source.name}”`, hint: 'Every column of its files, as imported, mapped or not.', columns: [] }));
    g.columns.push(c);
  }
  return [...bySource.values(), ...out];
}

export function ColumnGroups({ columns, country }: { columns: ColumnProfile[]; country: string }) {
  return (
    <>
      {groups(columns).map((g) =>
        g.key === 'all' ? (
          <div key={g.key} className="stack">
            <ColumnsOverview columns={g.columns} label="Columns overview" />
            {g.columns.map((c) => (
              <ColumnCard key={`${c.position}-${c.name}`} column={c} country={country} />
            ))}
          </div>
        ) : (
          <section key={g.key} className="stack column-group" aria-labelledby={`${g.key}-title`} data-group={g.key}>
            <h3 id={`${g.key}-title`}>
              {g.title} <span className="muted small">· {g.columns.length} columns</span>
            </h3>
            <p className="hint">{g.hint}</p>
            <ColumnsOverview columns={g.columns} label={`Columns of ${g.title}`} />
            {g.columns.map((c) => (
              <ColumnCard key={`${c.position}-${c.name}`} column={c} country={country} />
            ))}
          </section>
        ),
      )}
    </>
  );
}
