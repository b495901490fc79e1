// Profiling and catalogue API.
import { AerieError } from '../api/errors.js';
import { handlers } from '../session/handler.js';
import { writeExportText } from '../util/safe-write.js';
import { catalogue } from './catalogue.js';
import { renderProfileHtml } from './html.js';
import { scopeKey } from './profile.js';
import { readProfileSettings, setDefaultCountry } from './settings.js';
import { latestProfile } from './store.js';
import { setDateOverride } from '../records/date-overrides.js';
import { setColumnType } from '../records/column-types.js';

export const profileHandlers = handlers({
  'profile.run': (i, ctx) => ({ jobId: ctx.session().jobs.start('profile.run', i).id }),
  'profile.get': (i, ctx) => latestProfile(ctx.session().db, scopeKey(i.scope)),
  'profile.exportHtml': (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    const report = latestProfile(s.db, scopeKey(i.scope));
    if (!report) throw new AerieError('NOT_FOUND', 'There is no profile of this scope yet. Run a profile first.');
    return writeExportText(path, renderProfileHtml(report, catalogue(s.db)), { overwrite: i.overwrite, workspace: s.path });
  },
  'profile.settings': (_i, ctx) => readProfileSettings(ctx.session().db),
  'profile.setSettings': (i, ctx) => {
    const db = ctx.session().db;
    if (i.defaultCountry) setDefaultCountry(db, i.defaultCountry);
    if (i.dateFormat) setDateOverride(db, i.dateFormat.column, i.dateFormat.format);
    if (i.columnType) setColumnType(db, i.columnType.column, i.columnType.type);
    return readProfileSettings(db);
  },
  'catalogue.get': (_i, ctx) => catalogue(ctx.session().db),
});
