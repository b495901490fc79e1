// One pair's explanation: the prior, each comparison's level and match weight (+ term-frequency
// adjustment), the household correction, the running total and the final probability — as a
// table with the numbers and a waterfall drawn beside it.
import { useEffect, useRef } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Waterfall, sign, type WaterfallStep } from './Waterfall.js';
import { fmtFixed, fmtMinus } from '../../components/format.js';

export function PairExplanation({ a, b, onClose }: { a: number; b: number; onClose(): void }) {
  const q = useEngineQuery('resolve.explain', { a, b }, { clearOnChange: true });
  const e = q.data;
  const panel = useRef<HTMLElement>(null);
  // Below a long pairs table when the screen is narrow: bring it into view. A block body: newer
  // Chromium returns a promise from scrollIntoView, which React would call as the clean-up.
  useEffect(() => {
    void panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [a, b]);
  const rows: (WaterfallStep & { level: string; weight: number; tf: number })[] = [];
  if (e) {
    rows.push({ label: 'Prior', level: '', delta: e.prior, weight: e.prior, tf: 0 });
    for (const s of e.steps) rows.push({ label: s.comparison, level: s.level < 0 ? 'missing' : s.label, delta: s.weight + s.tfAdjustment, weight: s.weight, tf: s.tfAdjustment });
    if (e.household !== 0) rows.push({ label: 'Household', level: 'could be relatives', delta: e.household, weight: e.household, tf: 0 });
  }
  let total = 0;
  return (
    <section ref={panel} className="card resolve-explain" aria-labelledby="resolve-explain-title" data-testid="pair-explanation">
      <div className="screen-head-row report-head">
        <h3 id="resolve-explain-title">
          Why records {a} and {b}
        </h3>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNotice error={q.error} title="Could not explain the pair" />
      {!e && !q.error && <p className="muted">Loading…</p>}
      {e && (
        <>
          <div className="table-scroll">
            <table className="table table-compact" aria-label="Match weight steps">
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Level</th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                  <th scope="col" className="num">
                    Term freq.
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  total += r.delta;
                  return (
                    <tr key={`${r.label}-${i}`} data-testid="waterfall-step">
                      <td>{r.label}</td>
                      <td>{r.level}</td>
                      <td className="num">{sign(r.weight)}</td>
                      <td className="num">{r.tf === 0 ? '' : sign(r.tf)}</td>
                      <td className="num">{fmtMinus(total, 2)}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    Match weight → probability
                  </th>
                  <td className="num" data-testid="pair-probability">
                    {fmtMinus(e.weight, 2)} → {fmtFixed(e.probability, 4)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <Waterfall title="Match weight, step by step (bits)" steps={rows} width={480} />
        </>
      )}
    </section>
  );
}
