// Embedding models: the shipped ones and those imported into this workspace (embed.models); import a
// transformers.js or built-in model folder into the workspace, and remove an unused imported one.
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { errorMessage, useAppStatus, useEngine, useEngineContext, useEngineEvent } from '../../api/useEngine.js';
import { FolderBrowser } from '../../components/FolderBrowser.js';
import { FormError } from '../../components/FormError.js';

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

  const importFolder = async (path: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await client.call('embed.importModel', { path });
      setNotice(r.alreadyImported ? `${r.id} was already in this workspace.` : `Imported ${r.id} (${r.kind}, ${r.dims} dimensions).`);
      setBrowsing(false);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
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
      setNotice(`Removed ${id} from this workspace.`);
      await load();
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
      {bridge ? (
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
