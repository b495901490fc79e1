// Workspace lifecycle: create, open, lock, unlock, close, re-key; app status and folder browsing.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AerieError } from '../api/errors.js';
import { LATEST_SCHEMA_VERSION } from '../db/migrate.js';
import { handlers } from '../core/handler.js';
import { ENGINE_VERSION } from '../version.js';
import { checkFile, checkSession } from './check.js';
import { listFolder } from './fs-list.js';
import { workspaceInfo, workspaceSummary } from './info.js';

export const workspaceHandlers = handlers({
  'app.status': (_i, { engine }) => ({
    version: ENGINE_VERSION,
    schemaVersion: LATEST_SCHEMA_VERSION,
    state: engine.state,
    workspace: engine.workspacePath ? { path: engine.workspacePath, name: engine.workspacePath.split(/[\\/]/).pop()!.replace(/\.aerie$/, '') } : null,
    roots: engine.roots.list(),
  }),
  'app.allowPath': (i, { engine }) => {
    engine.roots.add(i.path);
    return { roots: engine.roots.list() };
  },
  'fs.list': (i, { engine }) => listFolder(engine.roots, i.dir),
  'workspace.create': async (i, { engine }) => {
    if (!i.path.endsWith('.aerie')) {
      throw new AerieError('INVALID_INPUT', 'Workspace files end in .aerie.', { file: i.path, hint: `Try ${i.path}.aerie` });
    }
    // Checked after the allowed roots (so nothing is said about folders outside them).
    const folder = dirname(engine.roots.check(i.path));
    if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
      throw new AerieError('NOT_FOUND', `The folder ${dirname(i.path)} does not exist.`, { file: i.path, hint: 'Create the folder first, or choose one that exists.' });
    }
    return workspaceSummary(await engine.openWorkspace(i.path, i.passphrase, true));
  },
  'workspace.open': async (i, { engine }) => workspaceSummary(await engine.openWorkspace(i.path, i.passphrase, false)),
  'workspace.unlock': async (i, { engine }) => {
    if (engine.state !== 'locked') throw new AerieError('CONFLICT', 'No workspace is locked.');
    return workspaceSummary(await engine.openWorkspace(engine.workspacePath!, i.passphrase, false));
  },
  'workspace.lock': async (_i, { engine }) => {
    await engine.closeWorkspace(true);
    return { ok: true as const };
  },
  'workspace.close': async (_i, { engine }) => {
    await engine.closeWorkspace(false);
    return { ok: true as const };
  },
  'workspace.info': (_i, { engine }) => workspaceInfo(engine.requireSession()),
  'workspace.check': (i, { engine }) => {
    if (i.path === undefined) return checkSession(engine.requireSession());
    const real = engine.roots.check(i.path);
    if (engine.state === 'open' && engine.workspacePath === real) return checkSession(engine.requireSession());
    if (i.passphrase === undefined) throw new AerieError('INVALID_INPUT', 'Checking a workspace that is not open needs its passphrase.', { file: real });
    return checkFile(real, i.passphrase, engine.owner);
  },
  'workspace.changePassphrase': (i, { engine }) => {
    // Synchronous from start to end: no other call runs against the handle being replaced.
    engine.requireSession().changePassphrase(i.current, i.next);
    return { ok: true as const };
  },
});
