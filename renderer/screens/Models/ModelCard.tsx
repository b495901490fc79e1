// A churn model's model card (churn.card: self-contained HTML without customer rows) shown in a
// sandboxed frame (no scripts, no same-origin access), and saved as an HTML file.
import { useEffect, useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatBytes } from '../../components/paths.js';

export function ModelCard({ id, version }: { id: number; version: number }) {
  const card = useEngineQuery('churn.card', { id }, { clearOnChange: true });
  const html = card.data?.html ?? null;
  // a blob URL for the download link, released when the card changes
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (html === null) return;
    const u = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [html]);

  return (
    <section className="stack" aria-label="Model card">
      <ErrorNotice error={card.error} title="Could not build the model card" />
      {card.loading && !html && <p className="muted">Building the model card…</p>}
      {html !== null && (
        <>
          <div className="form-row">
            {url && (
              <a className="button" href={url} download={`aerie-churn-model-v${version}.html`} data-testid="card-download">
                Save model card (HTML, {formatBytes(new Blob([html]).size)})
              </a>
            )}
          </div>
          {/* sandbox="" : no scripts, forms or same-origin access for the card's HTML */}
          <iframe className="models-card-frame" title={`Model card of version ${version}`} sandbox="" srcDoc={html} />
        </>
      )}
    </section>
  );
}
