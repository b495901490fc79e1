// Embedding models: the shipped ones and those imported into this workspace (embed.models); import a
// transformers.js or built-in model folder into the workspace (a job: progress and cancel here), and
// remove an unused imported one.
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { isJobOf } from '../../../engine/api/jobs.js';
import { errorMessage, useAppStatus, useEngine, useEngineContext, useEngineEvent } from '../../api/useEngine.js';
import { isFinished, useJob } from '../../api/useJob.js';
import { FolderBrowser } from '../../components/FolderBrowser.js';
import { FormError } from '../../components/FormError.js';
import { ProgressBar } from '../../components/ProgressBar.js';

type Model = MethodOutput<'embed.models'>['models'][number];

export function EmbeddingModels() {
  const client = useEngine();
  const { bridge } = useEngineContext();
  const roots = [...new Set(useAppStatus()?.roots ?? [])];
  const [models, setModels] = useState<Model[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [browsing, setBrowsing] = useState(false);
  const [dir, setDir] = useState<string | null>(roots[0] ?? null);
  const [busy, setBusy] = useState(false);
  const [importJob, setImportJob] = useState<string | null>(null);
  const job = useJob(importJob);
  const importing = importJob !== null;

  const load = useCallback(async () => {
    const r = await client.call('embed.models', {});
    setModels(r.models);
    setProblems(r.problems.map((p) => `${p.path}: ${p.error}`));
  }, [client]);

  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, [load]);
  // a finished re-index changes which model is in use
  useEngineEvent('job', (j) => {
    if ((j.kind === 'embed.reindex' || j.kind === 'embed.index') && j.state === 'succeeded') load().catch(() => undefined);
  });

  // The folder is checked before the job starts (a folder that is not a model is refused here);
  // the copy is a job whose end is handled below.
  const importFolder = async (path: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const { jobId } = await client.call('embed.importModel', { path });
      setImportJob(jobId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // The import job finished: say how, list the model once it is in, and drop the progress bar.
  useEffect(() => {
    if (!job || !isFinished(job)) return;
    if (job.state === 'succeeded' && isJobOf(job, 'embed.importModel') && job.result) {
      const r = job.result;
      setNotice(r.alreadyImported ? `${r.id} was already in this workspace.` : `Imported ${r.id} (${r.kind}, ${r.dims} dimensions).`);
      setBrowsing(false);
      load().catch((e: unknown) => setError(errorMessage(e)));
    } else if (job.state === 'failed') {
      setError(job.error?.message ?? 'The model import failed; nothing was kept.');
    } else {
      setNotice('Import cancelled: nothing was kept.');
    }
    setImportJob(null);
  }, [job, load]);

  const cancelImport = async () => {
    if (!importJob) return;
    try {
      await client.call('jobs.cancel', { id: importJob });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const pickNative = async () => {
    if (!bridge) return;
    try {
      const chosen = await bridge.pickPath({ purpose: 'import-model-folder', title: 'Import an embedding model folder' });
      if (chosen) await importFolder(chosen);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // Switching model re-embeds every record as a job (progress in the jobs panel); the live vectors
  // keep serving search until the new generation is complete.
  const reindex = async (id: string) => {
    setError(null);
    setNotice(null);
    try {
      await client.call('embed.reindex', { model: id });
      setNotice(`Re-embedding every record with ${id}: progress in the jobs panel.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const remove = async (id: string) => {
    setError(null);
    setNotice(null);
    try {
      await client.call('embed.removeModel', { id });
      await load(); // the notice appears with the updated list, not before it
      setNotice(`Removed ${id} from this workspace.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="card" aria-labelledby="models-title">
      <h2 id="models-title">Embedding models</h2>
      <p className="hint">
        Models run on this machine only. Import a model folder (transformers.js layout with onnx/model.onnx, or an Aerie built-in model) to keep it inside the encrypted workspace;
        switching model re-embeds every record as a job (or <code>aerie embed --full --model</code>).
      </p>
      {models === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="models-table" aria-label="Embedding models">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Kind</th>
              <th scope="col">Dimensions</th>
              <th scope="col">Where</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={`${m.source}:${m.id}`} data-model={m.id}>
                <td>
                  <code>{m.id}</code>
                  {m.active && <span className="badge"> in use</span>}
                </td>
                <td>{m.kind}</td>
                <td>{m.dims}</td>
                <td>{m.source === 'workspace' ? 'In this workspace' : 'Shipped with Aerie'}</td>
                <td className="models-actions">
                  {!m.active && (
                    <button type="button" className="button button-small" onClick={() => void reindex(m.id)}>
                      Re-index with {m.id}
                    </button>
                  )}
                  {m.source === 'workspace' && !m.active && (
                    <button type="button" className="button button-small button-quiet" onClick={() => void remove(m.id)}>
                      Remove {m.id}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.length > 0 && (
        <ul className="hint" aria-label="Unreadable model folders">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {importing ? (
        <div aria-label="Model import">
          <ProgressBar label="Model import progress" done={job?.done ?? 0} total={job?.total ?? null} unit={job?.unit ?? 'bytes'} />
          <p className="hint" role="status" aria-live="polite">
            {!job || job.state === 'queued' ? 'Waiting for the engine…' : job.message || 'Copying the model into the workspace…'}
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void cancelImport()}>
              Cancel import
            </button>
          </div>
        </div>
      ) : bridge ? (
        <div className="form-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void pickNative()}>
            Import a model folder…
          </button>
        </div>
      ) : browsing ? (
        <>
          <FolderBrowser roots={roots} mode="create" dir={dir} onDir={setDir} />
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={!dir || busy} onClick={() => dir && void importFolder(dir)}>
              {busy ? 'Importing…' : 'Import this folder'}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setBrowsing(false)}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setBrowsing(true)}>
            Import a model folder…
          </button>
        </div>
      )}
      {notice && (
        <p className="form-ok" role="status">
          {notice}
        </p>
      )}
      <FormError message={error} />
    </section>
  );
}
