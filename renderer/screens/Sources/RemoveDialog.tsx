// Confirm, then delete a source or roll back one import (the ingest.remove job: one transaction, so
// a cancel or failure changes nothing). Says what goes with it and which results to re-run after.
import { useEffect, useRef } from 'react';
import type { RemoveResult } from '../../../engine/api/ingest.js';
import { useJobRun } from '../../api/useJobRun.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtInt } from '../../components/format.js';
import { useNavigation } from '../../shell/navigation.js';

export interface RemoveTarget {
  source: string;
  importId?: number;
  file?: string;
  records: number;
}

const STALE_LABEL: Record<string, string> = { resolve: 'Resolve', golden: 'Golden records', churn: 'churn scores', profile: 'Profile' };

export function RemoveDialog({ target, onClose }: { target: RemoveTarget; onClose(): void }) {
  const run = useJobRun('ingest.remove');
  const { go } = useNavigation();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const what = target.importId !== undefined ? `import ${target.importId}${target.file ? ` (${target.file})` : ''} of ${target.source}` : `source ${target.source}`;
  const done = run.job?.state === 'succeeded' ? (run.job.result as RemoveResult) : null;
  return (
    <div className="notice-warn-box" role="alertdialog" aria-labelledby="remove-title" data-testid="remove-dialog" onKeyDown={(e) => e.key === 'Escape' && !run.running && onClose()}>
      <strong id="remove-title">{target.importId !== undefined ? `Roll back ${what}?` : `Delete ${what}?`}</strong>
      {!done && (
        <span>
          This removes {target.importId !== undefined ? 'its' : 'all its'} {fmtInt(target.records)} records, events and rejected rows, their column list, profiles, search entries and their places in
          resolved entities and golden records. It is logged in the audit. It cannot be undone except by importing the file again.
        </span>
      )}
      {done && (
        <span data-testid="remove-done">
          Removed {fmtInt(done.records)} records, {fmtInt(done.events)} events and {fmtInt(done.rejects)} rejected rows{done.sourceDeleted ? `; source ${done.source} is gone` : ''}.
          {done.stale.length > 0 && ` Re-run to bring them up to date: ${done.stale.map((s) => STALE_LABEL[s] ?? s).join(', ')}.`}
        </span>
      )}
      {done && !done.sourceDeleted && (
        <span className="hint" data-testid="reimport-hint">
          The workspace keeps a file's name{target.file ? ` (${target.file})` : ''}, not the file. To re-apply an edited mapping, import the file again into {target.source}: the wizard
          starts from the source's saved mapping, which you can change in its Mapping step.{' '}
          <button type="button" className="link-button" onClick={() => go('sources', { importWizard: true })}>
            Import again…
          </button>
        </span>
      )}
      <ErrorNotice error={run.error ?? (run.job?.state === 'failed' ? run.job.error : null)} />
      <span className="row-actions">
        {!done && (
          <button ref={confirmRef} type="button" className="button button-danger" disabled={run.running} onClick={() => void run.start({ source: target.source, importId: target.importId })}>
            {run.running ? 'Removing…' : target.importId !== undefined ? 'Roll back import' : 'Delete source'}
          </button>
        )}
        <button type="button" className="button" disabled={run.running} onClick={onClose}>
          {done ? 'Close' : 'Keep it'}
        </button>
      </span>
    </div>
  );
}
