// Scored pairs of the latest run in a probability band, a page at a time; picking one shows why.
import { useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { FiguresTable } from '../../components/FiguresTable.js';
import { fmtFixed, fmtInt, fmtMinus } from '../../components/format.js';
import { PairExplanation } from './PairExplanation.js';

const BANDS = [
  { id: 'all', label: 'All scored pairs', min: 0, max: 1 },
  { id: 'likely', label: 'Likely the same (≥ 0.9)', min: 0.9, max: 1 },
  { id: 'unsure', label: 'Uncertain (0.1 – 0.9)', min: 0.1, max: 0.9 },
  { id: 'unlikely', label: 'Unlikely (< 0.1)', min: 0, max: 0.1 },
] as const;
const LIMIT = 25;

export function PairsView() {
  const [band, setBand] = useState<(typeof BANDS)[number]['id']>('all');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<{ a: number; b: number } | null>(null);
  const b = BANDS.find((x) => x.id === band)!;
  const q = useEngineQuery('resolve.pairs', { minProbability: b.min, maxProbability: b.max, offset, limit: LIMIT });
  const page = q.data;
  const isOpen = (p: { a: number; b: number }) => open?.a === p.a && open.b === p.b;

  return (
    <section aria-labelledby="resolve-pairs-title" className="stack">
      <div className="screen-head-row report-head">
        <h2 id="resolve-pairs-title" className="section-title">
          Pairs
        </h2>
        <label className="field-inline">
          Probability
          <select
            value={band}
            onChange={(e) => {
              setBand(e.target.value as typeof band);
              setOffset(0);
            }}
          >
            {BANDS.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        {page && (
          <span className="muted" data-testid="resolve-pairs-meta">
            {page.total === 0 ? 'no pairs' : `${fmtInt(offset + 1)}–${fmtInt(offset + page.pairs.length)} of ${fmtInt(page.total)}`}
          </span>
        )}
        <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
          Previous
        </button>
        <button type="button" className="button button-small" disabled={!page || offset + LIMIT >= page.total} onClick={() => setOffset(offset + LIMIT)}>
          Next
        </button>
      </div>
      <ErrorNotice error={q.error} title="Could not read the pairs" />
      <div className={open ? 'resolve-pairs resolve-pairs-split' : 'resolve-pairs'}>
        <FiguresTable
          label="Scored pairs"
          scroll
          rows={page?.pairs ?? []}
          rowKey={(p) => `${p.a}-${p.b}`}
          rowProps={(p) => ({ className: isOpen(p) ? 'is-selected' : undefined })}
          columns={[
            {
              label: 'Records',
              format: (p) => (
                <button type="button" className="link-button" aria-pressed={isOpen(p)} onClick={() => setOpen({ a: p.a, b: p.b })}>
                  {p.a} ↔ {p.b}
                </button>
              ),
            },
            { label: 'Probability', align: 'right', format: (p) => fmtFixed(p.probability, 3) },
            { label: 'Weight', align: 'right', format: (p) => fmtMinus(p.weight, 2) },
            { label: 'Rule', format: (p) => p.rule },
            { label: 'Entities', cellClass: () => 'resolve-entity', format: (p) => (p.entityA === null ? '–' : p.entityA === p.entityB ? 'same' : 'different') },
          ]}
        />
        {open && <PairExplanation a={open.a} b={open.b} onClose={() => setOpen(null)} />}
      </div>
    </section>
  );
}
