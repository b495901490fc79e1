// The live match model of the latest run: the prior and the threshold as weights, and per
// comparison, each level's m and u (bars) and match weight log2(m/u) (bars either side of zero),
// with the same numbers in a table.
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { DivergingBars, signed } from '../../components/charts/DivergingBars.js';
import { PairedBars } from '../../components/charts/PairedBars.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Figure } from '../../components/Figure.js';
import { fmtDecimal, fmtFixed, fmtInt, fmtSci } from '../../components/format.js';

const prob = (v: number) => (v >= 0.001 || v === 0 ? fmtFixed(v, 4) : fmtSci(v, 2));

export function ModelView() {
  const q = useEngineQuery('resolve.model', {}, { reloadOn: ['job.finished'] });
  const m = q.data;
  return (
    <section aria-labelledby="resolve-model-title" className="stack">
      <div className="screen-head-row report-head">
        <h2 id="resolve-model-title" className="section-title">
          Model
        </h2>
        {m && (
          <span className="muted" data-testid="resolve-model-meta">
            resolve.match version {m.version} · run {m.runId}
          </span>
        )}
      </div>
      <p className="hint">
        m: how often one person&apos;s two records fall in a level; u: how often two different people&apos;s do. A level&apos;s match weight is log2(m/u) bits; a pair&apos;s weight is the prior plus its levels&apos; weights, and it links when that reaches the
        threshold&apos;s weight.
      </p>
      <ErrorNotice error={q.error} title="Could not read the model" />
      {m && (
        <>
          <div className="cards">
            <Figure label="Prior" value={prob(m.prior)} note={`${signed(m.priorWeight)} bits`} />
            <Figure label="Threshold" value={fmtDecimal(m.threshold, 6)} note={`${signed(m.thresholdWeight)} bits`} />
            <Figure label="Household prior" value={m.household === 0 ? 'none' : prob(m.household)} />
            <Figure label="Comparisons" value={fmtInt(m.comparisons.length)} />
          </div>
          <div className="resolve-model-grid">
            {m.comparisons.map((c) => (
              <article key={c.name} className="card resolve-model-comparison" aria-label={`Comparison ${c.name}`} data-testid="model-comparison">
                <h3>
                  {c.name}
                  {c.shared && <span className="muted"> · shared by households</span>}
                </h3>
                <PairedBars title={`${c.name}: m and u per level`} names={['m (one person)', 'u (two people)']} rows={c.levels.map((l) => ({ label: l.label, first: l.m, second: l.u }))} />
                <DivergingBars title={`${c.name}: match weight per level (bits)`} items={c.levels.map((l) => ({ label: l.label, value: l.weight }))} />
                <table className="table table-compact" aria-label={`Levels of ${c.name}`}>
                  <thead>
                    <tr>
                      <th scope="col">Level</th>
                      <th scope="col" className="num">
                        m
                      </th>
                      <th scope="col" className="num">
                        u
                      </th>
                      <th scope="col" className="num">
                        Weight
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.levels.map((l, k) => (
                      <tr key={l.label}>
                        <td>
                          {l.label}
                          {k === c.tfLevel && <span className="muted" title="Adjusted by how common the agreed value is"> · tf</span>}
                        </td>
                        <td className="num">{prob(l.m)}</td>
                        <td className="num">{prob(l.u)}</td>
                        <td className="num">{signed(l.weight)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
