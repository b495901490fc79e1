// The latest run's results: headline figures, the cluster-size histogram, matches by rule and
// seconds per stage.
import type { MethodOutput } from '../../../engine/api/methods.js';
import { BarList } from '../../components/charts/BarList.js';
import { Figure } from '../../components/Figure.js';
import { fmtDate, fmtDecimal, fmtFixed, fmtInt } from '../../components/format.js';

type Summary = MethodOutput<'resolve.summary'>;

export function ResultsView({ summary }: { summary: Summary }) {
  const run = summary.run;
  if (!run) {
    return (
      <p className="card muted" data-testid="no-resolve-run">
        No resolution yet. Run one to see the entities, how large they are and which rules found the matches.
      </p>
    );
  }
  const stages = Object.entries(run.secondsPerStage);
  return (
    <section aria-labelledby="resolve-results-title" className="stack">
      <div className="screen-head-row report-head">
        <h2 id="resolve-results-title" className="section-title">
          Results
        </h2>
        <span className="muted" data-testid="resolve-run-meta">
          run {run.runId} · {fmtDate(run.createdAt)} · threshold {fmtDecimal(run.threshold, 6)}
        </span>
      </div>
      <div className="cards">
        <Figure label="Entities" value={fmtInt(run.entities)} note={`${fmtInt(run.entitiesKept)} kept their id`} />
        <Figure label="Records" value={fmtInt(run.records)} />
        <Figure label="Matches" value={fmtInt(run.matches)} note={`of ${fmtInt(run.scoredPairs)} scored pairs`} />
        <Figure label="Candidate pairs" value={fmtInt(run.candidatePairs)} />
      </div>
      <div className="resolve-charts">
        <BarList title="Entities by cluster size" items={summary.clusterSizes.map(([size, count]) => ({ label: `${size} record${size === 1 ? '' : 's'}`, value: count }))} />
        <BarList title="Matches by blocking rule" items={summary.matchesByRule.map((m) => ({ label: m.rule, value: m.matches }))} />
        <table className="table table-compact resolve-stages" aria-label="Seconds per stage">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="num">
                Seconds
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map(([stage, s]) => (
              <tr key={stage}>
                <td>{stage}</td>
                <td className="num">{fmtFixed(s, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
