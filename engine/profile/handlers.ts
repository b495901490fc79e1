// Profiling and catalogue API.
import { statSync, writeFileSync } from 'node:fs';
import { AerieError } from '../api/errors.js';
import { handlers } from '../core/handler.js';
import { catalogue } from './catalogue.js';
import { renderProfileHtml } from './html.js';
import { scopeKey } from './profile.js';
import { latestProfile } from './store.js';

export const profileHandlers = handlers({
  'profile.run': (i, { engine }) => ({ jobId: engine.requireSession().jobs.start('profile.run', i).id }),
  'profile.get': (i, { engine }) => latestProfile(engine.requireSession().db, scopeKey(i.scope)),
  'profile.exportHtml': (i, { engine }) => {
    const path = engine.roots.check(i.path);
    const db = engine.requireSession().db;
    const report = latestProfile(db, scopeKey(i.scope));
    if (!report) throw new AerieError('NOT_FOUND', 'There is no profile of this scope yet. Run a profile first.');
    writeFileSync(path, renderProfileHtml(report, catalogue(db)), 'utf8');
    return { path, bytes: statSync(path).size };
  },
  'catalogue.get': (_i, { engine }) => catalogue(engine.requireSession().db),
});
