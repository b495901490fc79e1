// Experiment records and their assignments in the workspace (tables of migration 0013).
import { randomBytes } from 'node:crypto';
import type { DB } from '../db/sqlite.js';
import { assign, type ArmShare, type Assignment, type Unit } from './assignment.js';

export interface ExperimentDesign {
  name: string;
  hypothesis?: string;
  unitKind: 'golden' | 'source';
  arms: ArmShare[];
  holdout?: number;
  stratifyColumn?: string | null;
  primaryMetric: string;
  guardrailMetrics?: string[];
  startsOn?: string | null;
  endsOn?: string | null;
}

export type ExperimentStatus = 'draft' | 'running' | 'stopped' | 'analysed';

export interface ExperimentRecord extends Required<Omit<ExperimentDesign, 'stratifyColumn' | 'startsOn' | 'endsOn'>> {
  id: number;
  createdBy: string;
  createdAt: string;
  stratifyColumn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  status: ExperimentStatus;
  salt: string;
}

/** `salt` only to re-create an assignment made elsewhere (the demo campaign); normally random. */
export function createExperiment(db: DB, d: ExperimentDesign, actor: string, salt = randomBytes(16).toString('hex')): number {
  // validates the arms and holdout the same way assignment will
  assign([], { salt: 'check', arms: d.arms, holdout: d.holdout });
  const r = db
    .prepare(`INSERT INTO experiments (name, hypothesis, unit_kind, arms, holdout, stratify_column, salt, primary_metric, guardrail_metrics, starts_on, ends_on, created_by, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(d.name, d.hypothesis ?? '', d.unitKind, JSON.stringify(d.arms), d.holdout ?? 0, d.stratifyColumn ?? null, salt, d.primaryMetric, JSON.stringify(d.guardrailMetrics ?? []), d.startsOn ?? null, d.endsOn ?? null, actor, new Date().toISOString());
  return Number(r.lastInsertRowid);
}

export function getExperiment(db: DB, id: number): ExperimentRecord | null {
  const r = db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? fromRow(r) : null;
}

export function listExperiments(db: DB): ExperimentRecord[] {
  return (db.prepare('SELECT * FROM experiments ORDER BY id DESC').all() as Record<string, unknown>[]).map(fromRow);
}

/** Which status may follow which: a finished (analysed) experiment is not reopened. */
export const NEXT_STATUS: Record<ExperimentStatus, ExperimentStatus[]> = {
  draft: ['running', 'stopped'],
  running: ['stopped', 'analysed'],
  stopped: ['running', 'analysed'],
  analysed: [],
};

export function setStatus(db: DB, id: number, status: ExperimentStatus): void {
  db.prepare('UPDATE experiments SET status = ? WHERE id = ?').run(status, id);
}

/** Assigned units per arm (holdout included under its name). */
export function armCounts(db: DB, id: number): Record<string, number> {
  const rows = db.prepare('SELECT arm, count(*) AS n FROM experiment_assignments WHERE experiment_id = ? GROUP BY arm ORDER BY arm').all(id) as { arm: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.arm, r.n]));
}

function fromRow(r: Record<string, unknown>): ExperimentRecord {
  return {
    id: r.id as number, name: r.name as string, hypothesis: r.hypothesis as string, unitKind: r.unit_kind as 'golden' | 'source',
    arms: JSON.parse(r.arms as string), holdout: r.holdout as number, stratifyColumn: (r.stratify_column as string | null) ?? null,
    salt: r.salt as string, primaryMetric: r.primary_metric as string, guardrailMetrics: JSON.parse(r.guardrail_metrics as string),
    startsOn: (r.starts_on as string | null) ?? null, endsOn: (r.ends_on as string | null) ?? null, status: r.status as ExperimentRecord['status'],
    createdBy: r.created_by as string, createdAt: r.created_at as string,
  };
}

/**
 * Assign units not yet assigned (units already assigned keep their arm) and store them. Returns the
 * number newly assigned. With a stratum column the deal balances the new units within each stratum.
 */
export function assignUnits(db: DB, id: number, units: Unit[]): number {
  const e = getExperiment(db, id);
  if (!e) throw new RangeError(`experiment ${id} does not exist.`);
  const known = db.prepare('SELECT 1 FROM experiment_assignments WHERE experiment_id = ? AND unit = ?').pluck();
  const fresh = units.filter((u) => !known.get(id, u.unit));
  const rows = assign(fresh, { salt: e.salt, arms: e.arms, holdout: e.holdout, stratified: e.stratifyColumn !== null });
  const ins = db.prepare('INSERT INTO experiment_assignments (experiment_id, unit, stratum, arm, assigned_at) VALUES (?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const r of rows) ins.run(id, r.unit, r.stratum, r.arm, at);
  })();
  return rows.length;
}

export function assignments(db: DB, id: number): Assignment[] {
  return db.prepare('SELECT unit, stratum, arm FROM experiment_assignments WHERE experiment_id = ? ORDER BY unit').all(id) as Assignment[];
}
