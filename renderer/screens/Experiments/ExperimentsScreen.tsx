// Experiments: the list of stored experiments, the design wizard with the power calculator, and
// for one experiment its results (SRM first) and its ROI page with the report export.
import { useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { DesignWizard } from './DesignWizard.js';
import { ExperimentList } from './ExperimentList.js';
import { ResultsView } from './ResultsView.js';
import { RoiView } from './RoiView.js';

type View = { page: 'list' } | { page: 'design' } | { page: 'results' | 'roi'; id: number };

export function ExperimentsScreen() {
  const [view, setView] = useState<View>({ page: 'list' });
  const list = useEngineQuery('experiments.list', {}, { reloadOn: ['data.changed', 'job.finished'] });
  const current = 'id' in view ? list.data?.items.find((e) => e.id === view.id) : undefined;
  return (
    <div className="screen">
      <header className="screen-head screen-head-row">
        <div>
          <h1>Experiments</h1>
          <p className="hint">Design A/B tests, assign customers, read the effect with its uncertainty, and cost it for finance.</p>
        </div>
        {view.page === 'list' ? (
          <button type="button" className="button button-primary" onClick={() => setView({ page: 'design' })}>New experiment</button>
        ) : (
          <button type="button" className="button" onClick={() => setView({ page: 'list' })}>All experiments</button>
        )}
      </header>
      <ErrorNotice error={list.error} />
      {view.page === 'list' && list.data && <ExperimentList items={list.data.items} onChanged={list.reload} onOpen={(id, page) => setView({ page, id })} />}
      {view.page === 'design' && <DesignWizard onCancel={() => setView({ page: 'list' })} onCreated={() => { list.reload(); setView({ page: 'list' }); }} />}
      {'id' in view && (
        <>
          <h2>{current?.name ?? `Experiment ${view.id}`}</h2>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" className="tab" aria-selected={view.page === 'results'} onClick={() => setView({ page: 'results', id: view.id })}>Results</button>
            <button type="button" role="tab" className="tab" aria-selected={view.page === 'roi'} onClick={() => setView({ page: 'roi', id: view.id })}>ROI</button>
          </div>
          {view.page === 'results' ? <ResultsView id={view.id} /> : <RoiView id={view.id} name={current?.name ?? `experiment ${view.id}`} />}
        </>
      )}
    </div>
  );
}
