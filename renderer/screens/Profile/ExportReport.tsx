// "Export HTML report": profile.exportHtml of the scope's latest report to a path inside the
// allowed folders (by default the first allowed root).
import type { ProfileScope } from '../../../engine/api/profile-types.js';
import { useAppStatus, useEngine } from '../../api/useEngine.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { joinPath } from '../../components/paths.js';
import { scopeKey } from './scope.js';
import { fmtBytes } from '../../components/format.js';

export function ExportReport({ scope }: { scope: ProfileScope }) {
  const client = useEngine();
  const root = useAppStatus()?.roots[0] ?? '';
  const suggested = root ? joinPath(root, `aerie-profile-${scopeKey(scope).replace(':', '-')}.html`) : '';
  return (
    <ExportToPath
      id="profile-export-path"
      label="HTML report path"
      buttonLabel="Export HTML report"
      defaultPath={suggested}
      write={(path, overwrite) => client.call('profile.exportHtml', { scope, path, overwrite })}
      describe={(done) => (
        <>
          Wrote the report ({fmtBytes(done.bytes)}) to <code>{done.path}</code>
        </>
      )}
    />
  );
}
