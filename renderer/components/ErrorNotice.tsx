// An engine error shown where it happened: the message, the hint (details.hint) and where in the
// file it was (row, column), announced to screen readers. The screen around it stays usable.
import { AerieError } from '../../engine/api/errors.js';

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  const e = error instanceof AerieError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  const d = e?.details;
  const where = [d?.row !== undefined ? `row ${d.row}` : null, d?.column ? `column ${d.column}` : null].filter(Boolean).join(', ');
  return (
    <div className="form-error error-notice" role="alert" data-code={e?.code}>
      {title && <strong>{title}: </strong>}
      <span>{message}</span>
      {where && <span className="error-where"> ({where})</span>}
      {typeof d?.hint === 'string' && <p className="error-hint">{d.hint}</p>}
    </div>
  );
}
