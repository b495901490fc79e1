// The analyst's run set-up: column roles overridden, proposed blocking rules switched off, rules
// added from blocking keys. Saved with the run's model in the registry (params.setup), so a later
// run that gives none uses it; an incremental run refuses a set-up other than its full run's.
import { AerieError } from '../api/errors.js';
import type { ResolveSetup } from '../api/resolve.js';
import type { DB } from '../db/sqlite.js';
import { getModel } from '../models/registry.js';
import { blockingKeys, measuredRule, proposeRules, type BlockingOptions, type BlockingRule } from './blocking.js';
import { inferRoles, roleFromHeader } from './roles.js';
import type { Prepared } from './standardise.js';
import { latestRun } from './store.js';
import type { ColumnRole, Table } from './types.js';

export const EMPTY_SETUP: ResolveSetup = { roles: [], rulesOff: [], rulesAdded: [] };

/** The set-up saved with the latest succeeded run, or null. */
export function savedSetup(db: DB): ResolveSetup | null {
  const run = latestRun(db);
  if (!run) return null;
  const s = getModel(db, run.modelId)?.params.setup as ResolveSetup | undefined;
  return s ?? null;
}

/** The set-up to use: the one given, else the saved one, else none. */
export function effectiveSetup(db: DB, given: ResolveSetup | undefined): { setup: ResolveSetup; from: 'input' | 'saved' | 'none' } {
  if (given) return { setup: given, from: 'input' };
  const saved = savedSetup(db);
  return saved ? { setup: saved, from: 'saved' } : { setup: EMPTY_SETUP, from: 'none' };
}

/** One canonical form (order aside) so that two set-ups compare equal when they do the same. */
export function setupKey(s: ResolveSetup): string {
  const roles = [...s.roles].sort((x, y) => (x.column < y.column ? -1 : 1)).map((r) => `${r.column}=${r.role}`);
  const added = s.rulesAdded.map((r) => r.join(' + ')).sort();
  return JSON.stringify([roles, [...s.rulesOff].sort(), added, s.nearest ?? 0]);
}

/** The table's roles (id column 'id') with the set-up's overrides; an unknown column is refused. */
export function setupRoles(table: Table, setup: ResolveSetup): ColumnRole[] {
  const roles = inferRoles(table, { id: 'id' });
  for (const o of setup.roles) {
    const r = roles.find((x) => x.column === o.column && x.role !== 'id');
    if (!r) {
      const names = roles.filter((x) => x.role !== 'id').map((x) => x.column);
      throw new AerieError('INVALID_INPUT', `The run set-up gives a role to ${JSON.stringify(o.column)}, which is not a compared column of the workspace.`, { column: o.column, hint: `Columns: ${names.join(', ')}.` });
    }
    if (o.role === 'id') throw new AerieError('INVALID_INPUT', `The run set-up gives ${JSON.stringify(o.column)} the role id: the record id is the workspace's own.`, { column: o.column, hint: 'Give it a compared role, or ignore.' });
    if (r.role === o.role) continue;
    const birth = o.role === 'date' ? roleFromHeader(o.column)?.birth : undefined;
    Object.assign(r, { role: o.role, reason: 'set by the analyst' });
    if (birth) r.birth = true;
    else delete r.birth;
  }
  return roles;
}

export interface SetupRule extends BlockingRule {
  on: boolean;
  added: boolean;
}

/**
 * Every rule of the set-up on a prepared table, measured: the proposed ones (off where switched
 * off) and the added ones. A name the set-up gives that matches nothing is refused with the choices;
 * with `strict` false (a saved set-up, on records that may have changed since) a rule switched off
 * that is no longer proposed is passed over.
 */
export function setupRules(p: Prepared, setup: ResolveSetup, opts: BlockingOptions = {}, strict = true): SetupRule[] {
  const proposed = proposeRules(p, opts);
  const keys = blockingKeys(p);
  for (const name of strict ? setup.rulesOff : [])
    if (!proposed.some((r) => r.name === name))
      throw new AerieError('INVALID_INPUT', `The run set-up switches off the blocking rule ${JSON.stringify(name)}, which is not proposed for this workspace.`, { rule: name, hint: `Proposed rules: ${proposed.map((r) => r.name).join('; ') || 'none'}.` });
  const added = setup.rulesAdded.map((names) => {
    const ks = names.map((n) => {
      const k = keys.find((x) => x.name === n);
      if (!k) throw new AerieError('INVALID_INPUT', `The run set-up adds a blocking rule on ${JSON.stringify(n)}, which is not a blocking key of this workspace.`, { key: n, hint: `Keys: ${keys.map((x) => x.name).join(', ')}.` });
      return k;
    });
    return { ...measuredRule(p, ks, opts), on: true, added: true };
  });
  const out: SetupRule[] = proposed.map((r) => ({ ...r, on: !setup.rulesOff.includes(r.name), added: false }));
  for (const a of added) if (!out.some((r) => r.name === a.name && r.on)) out.push(a);
  return out;
}

/** The rules a run uses (pipeline ResolveOptions.rules). */
export function setupRuleChooser(setup: ResolveSetup, strict = true): (p: Prepared, o: BlockingOptions) => BlockingRule[] {
  return (p, o) => {
    const rules = setupRules(p, setup, o, strict).filter((r) => r.on);
    // only the analyst's switching off is refused here; a workspace that offers no rule at all runs as before
    if (rules.length === 0 && setup.rulesOff.length > 0) throw new AerieError('INVALID_INPUT', 'The run set-up leaves no blocking rule on: no pair of records would be compared.', { hint: 'Switch a proposed rule back on, or add one.' });
    return rules.map(({ on: _o, added: _a, ...r }) => r);
  };
}

/** Refuse an incremental run whose set-up differs from the one its full run used. */
export function checkIncrementalSetup(db: DB, given: ResolveSetup | undefined): void {
  if (!given) return;
  const saved = savedSetup(db) ?? EMPTY_SETUP;
  if (setupKey(saved) !== setupKey(given))
    throw new AerieError('CONFLICT', 'The run set-up (column roles or blocking rules) differs from the one the latest full run used: an incremental run must block and compare new records as that run did.', {
      hint: 'Run a full resolve with the new set-up (resolve.run with mode "full"; aerie resolve without --incremental), or leave the set-up out to use the saved one.',
    });
}

/** Refuse an incremental run after a link run (it extends a dedupe of the whole workspace). */
export function checkNotLinkRun(db: DB): void {
  const run = latestRun(db);
  const mode = run ? (getModel(db, run.modelId)?.params.mode as string | undefined) : undefined;
  if (mode === 'link')
    throw new AerieError('CONFLICT', `The latest resolve run (run ${run!.id}) linked two sources; an incremental run extends a full run of the whole workspace.`, {
      hint: 'Run a full resolve (resolve.run with mode "full"; aerie resolve without --incremental or --link), then incremental runs.',
    });
}
