// Workspace lifecycle: create, open, lock, unlock, close, re-key; app status and folder browsing.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AerieError } from '../api/errors.js';
import { LATEST_SCHEMA_VERSION } from '../db/migrate.js';
import { appendAudit } from '../audit/log.js';
import { handlers, type HandlerContext } from '../session/handler.js';
import type { WorkspaceSession } from '../session/session.js';
import { ENGINE_VERSION } from '../version.js';
import { checkFile, checkSession } from './check.js';
import { listFolder } from './fs-list.js';
import { workspaceInfo, workspaceSummary } from './info.js';
import { readPrivacy, writePrivacy } from './privacy.js';

/** Lock and unlock are not "mutating" calls (a read-only session may do them), so they log themselves where they can write. */
function auditLockState(s: WorkspaceSession, ctx: HandlerContext, method: 'workspace.lock' | 'workspace.unlock'): void {
  if (s.writeRefusal()) return;
  appendAudit(s.db, `${ctx.caller.user}@${ctx.caller.host}`, method, {});
}

export const workspaceHandlers = handlers({
  'app.status': (_i, ctx) => ({
    version: ENGINE_VERSION,
    schemaVersion: LATEST_SCHEMA_VERSION,
    state: ctx.workspaces.state,
    workspace: ctx.workspaces.path ? { path: ctx.workspaces.path, name: ctx.workspaces.path.split(/[\\/]/).pop()!.replace(/\.aerie$/, '') } : null,
    roots: ctx.roots.list(),
  }),
  'app.allowPath': (i, ctx) => {
    ctx.roots.add(i.path);
    return { roots: ctx.roots.list() };
  },
  'fs.list': (i, ctx) => listFolder(ctx.roots, i.dir),
  'workspace.create': async (i, ctx) => {
    if (!i.path.endsWith('.aerie')) {
      throw new AerieError('INVALID_INPUT', 'Workspace files end in .aerie.', { file: i.path, hint: `Try ${i.path}.aerie` });
    }
    // Checked after the allowed roots (so nothing is said about folders outside them).
    const folder = dirname(ctx.roots.check(i.path));
    if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
      throw new AerieError('NOT_FOUND', `The folder ${dirname(i.path)} does not exist.`, { file: i.path, hint: 'Create the folder first, or choose one that exists.' });
    }
    return workspaceSummary(await ctx.workspaces.open(i.path, i.passphrase, true));
  },
  'workspace.open': async (i, ctx) => workspaceSummary(await ctx.workspaces.open(i.path, i.passphrase, false)),
  'workspace.unlock': async (i, ctx) => {
    if (ctx.workspaces.state !== 'locked') throw new AerieError('CONFLICT', 'No workspace is locked.');
    const s = await ctx.workspaces.open(ctx.workspaces.path!, i.passphrase, false);
    auditLockState(s, ctx, 'workspace.unlock');
    return workspaceSummary(s);
  },
  'workspace.lock': async (_i, ctx) => {
    // logged before closing: afterwards there is no open database to write to
    if (ctx.workspaces.state === 'open') auditLockState(ctx.session(), ctx, 'workspace.lock');
    await ctx.workspaces.close(true);
    return { ok: true as const };
  },
  'workspace.close': async (_i, ctx) => {
    await ctx.workspaces.close(false);
    return { ok: true as const };
  },
  'workspace.info': (_i, ctx) => workspaceInfo(ctx.session()),
  'workspace.check': (i, ctx) => {
    if (i.path === undefined) return checkSession(ctx.session());
    const real = ctx.roots.check(i.path);
    if (ctx.workspaces.state === 'open' && ctx.workspaces.path === real) return checkSession(ctx.session());
    if (i.passphrase === undefined) throw new AerieError('INVALID_INPUT', 'Checking a workspace that is not open needs its passphrase.', { file: real });
    return checkFile(real, i.passphrase, ctx.workspaces.owner);
  },
  'workspace.privacy': (_i, ctx) => readPrivacy(ctx.session().db),
  'workspace.setPrivacy': (i, ctx) => writePrivacy(ctx.session().db, i),
  'workspace.changePassphrase': (i, ctx) => {
    // Synchronous from start to end: no other call runs against the handle being replaced.
    ctx.session().changePassphrase(i.current, i.next);
    return { ok: true as const };
  },
});
