// A churn model's model card (churn.card: self-contained HTML without customer rows) shown in a
// sandboxed frame (no scripts, no same-origin access), and written to a file by the engine
// (churn.exportCard): Electron cancels blob downloads, so a download link would do nothing there.
import { useAppStatus, useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { joinPath } from '../../components/paths.js';
import { fmtBytes } from '../../components/format.js';

export function ModelCard({ id, version }: { id: number; version: number }) {
  const client = useEngine();
  const card = useEngineQuery('churn.card', { id }, { clearOnChange: true });
  const html = card.data?.html ?? null;
  const root = useAppStatus()?.roots[0] ?? '';
  const suggested = root ? joinPath(root, `aerie-churn-model-v${version}.html`) : '';

  return (
    <section className="stack" aria-label="Model card">
      <ErrorNotice error={card.error} title="Could not build the model card" />
      {card.loading && !html && <p className="muted">Building the model card…</p>}
      {html !== null && (
        <>
          <ExportToPath
            id="churn-card-path"
            label="Model card path"
            buttonLabel="Save model card (HTML)"
            defaultPath={suggested}
            write={(path, overwrite) => client.call('churn.exportCard', { id, path, overwrite })}
            describe={(done) => (
              <>
                Wrote the model card ({fmtBytes(done.bytes)}) to <code>{done.path}</code>
              </>
            )}
          />
          {/* sandbox="" : no scripts, forms or same-origin access for the card's HTML */}
          <iframe className="models-card-frame" title={`Model card of version ${version}`} sandbox="" srcDoc={html} />
        </>
      )}
    </section>
  );
}
