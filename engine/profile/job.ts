// profile.run: one streaming pass over the records in scope, stored so dashboards load instantly.
import type { ProfileScope } from '../api/profile-types.js';
import type { JobKind } from '../jobs/types.js';
import { profileColumns } from './profile.js';
import { savedDefaultCountry } from './settings.js';
import { saveProfile } from './store.js';

export interface ProfileJobParams {
  scope: ProfileScope;
  /** Absent: the workspace's saved default country (profile.setSettings), else GB. */
  defaultCountry?: string | undefined;
}

export const profileJob: JobKind<ProfileJobParams> = {
  kind: 'profile.run',
  unit: 'rows',
  label: (p) => `Profile ${p.scope.kind === 'workspace' ? 'the workspace' : p.scope.kind === 'source' ? `source ${p.scope.sourceId}` : `import ${p.scope.importId}`}`,
  resumable: false,
  tables: ['profiles'],
  async run(ctx) {
    const report = await profileColumns(ctx.db, ctx.params.scope, {
      defaultCountry: ctx.params.defaultCountry ?? savedDefaultCountry(ctx.db),
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total, 'Profiling columns'),
    });
    const id = saveProfile(ctx.db, report);
    return { profileId: id, rows: report.rows, seconds: report.seconds };
  },
};
