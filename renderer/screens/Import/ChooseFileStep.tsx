// Step 1: the file. Electron: the native dialog; browser / loopback host: browse the allowed roots.
import { useState } from 'react';
import { errorMessage, useAppStatus, useEngineContext } from '../../api/useEngine.js';
import { FolderBrowser } from '../../components/FolderBrowser.js';
import { FormError } from '../../components/FormError.js';

interface Props {
  path: string | null;
  onPath(path: string): void;
  onNext(): void;
  onCancel(): void;
}

export function ChooseFileStep({ path, onPath, onNext, onCancel }: Props) {
  const { bridge } = useEngineContext();
  const roots = [...new Set(useAppStatus()?.roots ?? [])];
  const [dir, setDir] = useState<string | null>(path ? path.replace(/[\\/][^\\/]*$/, '') : (roots[0] ?? null));
  const [error, setError] = useState<string | null>(null);

  const pickNative = async () => {
    if (!bridge) return;
    try {
      const chosen = await bridge.pickPath({ purpose: 'import-file', title: 'Import a file' });
      if (chosen) onPath(chosen);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section aria-labelledby="step-file-title">
      <h3 id="step-file-title">Choose the file to import</h3>
      <p className="hint">Delimited text (CSV, TSV, TXT), Oracle INSERT scripts (.sql), SQL*Loader control files (.ctl) or Excel workbooks (.xlsx).</p>
      {bridge ? (
        <button type="button" className="button" onClick={() => void pickNative()}>
          Choose file…
        </button>
      ) : (
        <FolderBrowser roots={roots} mode="import" dir={dir} onDir={setDir} selected={path} onSelect={onPath} />
      )}
      <p className="hint wizard-selected" aria-live="polite">
        {path ? (
          <>
            Selected <code>{path}</code>
          </>
        ) : (
          'No file chosen yet.'
        )}
      </p>
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={!path} onClick={onNext}>
          Next
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
