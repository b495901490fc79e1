// "Export rejects as CSV": ingest.exportRejects to a path the analyst can change (by default
// beside the source file: <file>.rejects.csv). Formula-like cells are neutralised by the engine.
import { useEngine } from '../../api/useEngine.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { fmtInt } from '../../components/format.js';

export function ExportRejects({ importId, defaultPath }: { importId: number; defaultPath: string }) {
  const client = useEngine();
  return (
    <ExportToPath
      id={`rejects-path-${importId}`}
      label="Rejects CSV path"
      buttonLabel="Export rejects as CSV"
      defaultPath={defaultPath}
      write={(path, overwrite) => client.call('ingest.exportRejects', { importId, path, overwrite })}
      describe={(done) => (
        <>
          Wrote {fmtInt(done.rows)} {done.rows === 1 ? 'row' : 'rows'} to <code>{done.path}</code>
        </>
      )}
    />
  );
}
