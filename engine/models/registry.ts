// The one registry of trained artefacts. A capability registers what it trained (kind, schema,
// parameters, metrics, the artefact or a pointer to it) and moves it through its statuses; readers
// ask for the live entry of a kind. Churn, resolve and next-best-action add kinds, not tables.
import type { DB } from '../db/sqlite.js';

export const MODEL_STATUSES = ['building', 'candidate', 'shadow', 'canary', 'live', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export interface DataWindow {
  from: string | null;
  to: string | null;
  rows: number;
}

export interface ModelEntry {
  id: number;
  kind: string;
  version: number;
  status: ModelStatus;
  createdAt: string;
  createdBy: string | null;
  jobId: string | null;
  dataWindow: DataWindow | null;
  schema: Record<string, unknown>;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  ref: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface NewModel {
  kind: string;
  status: ModelStatus;
  schema: Record<string, unknown>;
  params?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  dataWindow?: DataWindow | null;
  artefact?: Buffer | null;
  ref?: string | null;
  jobId?: string | null;
  createdBy?: string | null;
}

interface Row {
  id: number;
  kind: string;
  version: number;
  status: ModelStatus;
  created_at: string;
  created_by: string | null;
  job_id: string | null;
  data_window: string | null;
  schema: string;
  params: string;
  metrics: string;
  ref: string | null;
  activated_at: string | null;
  retired_at: string | null;
}

const COLS = 'id, kind, version, status, created_at, created_by, job_id, data_window, schema, params, metrics, ref, activated_at, retired_at';

function entry(r: Row): ModelEntry {
  return {
    id: r.id,
    kind: r.kind,
    version: r.version,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    jobId: r.job_id,
    dataWindow: r.data_window ? (JSON.parse(r.data_window) as DataWindow) : null,
    schema: JSON.parse(r.schema) as Record<string, unknown>,
    params: JSON.parse(r.params) as Record<string, unknown>,
    metrics: JSON.parse(r.metrics) as Record<string, unknown>,
    ref: r.ref,
    activatedAt: r.activated_at,
    retiredAt: r.retired_at,
  };
}

/** Add an entry as the next version of its kind; a `live` one retires the kind's previous live entry. */
export function registerModel(db: DB, m: NewModel): ModelEntry {
  return db.transaction(() => {
    const now = new Date().toISOString();
    if (m.status === 'live') retireLive(db, m.kind, now);
    const version = ((db.prepare('SELECT max(version) FROM models WHERE kind = ?').pluck().get(m.kind) as number | null) ?? 0) + 1;
    const id = Number(
      db
        .prepare(
          `INSERT INTO models (kind, version, status, created_at, created_by, job_id, data_window, schema, params, metrics, artefact, ref, activated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          m.kind,
          version,
          m.status,
          now,
          m.createdBy ?? null,
          m.jobId ?? null,
          m.dataWindow ? JSON.stringify(m.dataWindow) : null,
          JSON.stringify(m.schema),
          JSON.stringify(m.params ?? {}),
          JSON.stringify(m.metrics ?? {}),
          m.artefact ?? null,
          m.ref ?? null,
          m.status === 'live' ? now : null,
        ).lastInsertRowid,
    );
    return getModel(db, id)!;
  })();
}

function retireLive(db: DB, kind: string, now: string): void {
  db.prepare("UPDATE models SET status = 'retired', retired_at = ? WHERE kind = ? AND status = 'live'").run(now, kind);
}

/** Move an entry to a status; making one live retires the kind's previous live entry. */
export function setModelStatus(db: DB, id: number, status: ModelStatus): void {
  db.transaction(() => {
    const now = new Date().toISOString();
    const m = getModel(db, id);
    if (!m) return;
    if (status === 'live') retireLive(db, m.kind, now);
    db.prepare(
      `UPDATE models SET status = ?, activated_at = CASE WHEN ? = 'live' THEN ? ELSE activated_at END,
         retired_at = CASE WHEN ? = 'retired' THEN ? ELSE retired_at END WHERE id = ?`,
    ).run(status, status, now, status, now, id);
  })();
}

/** Record evaluation figures measured after registration (merged into the stored metrics). */
export function addModelMetrics(db: DB, id: number, metrics: Record<string, unknown>): void {
  const m = getModel(db, id);
  if (m) db.prepare('UPDATE models SET metrics = ? WHERE id = ?').run(JSON.stringify({ ...m.metrics, ...metrics }), id);
}

export function getModel(db: DB, id: number): ModelEntry | null {
  const r = db.prepare(`SELECT ${COLS} FROM models WHERE id = ?`).get(id) as Row | undefined;
  return r ? entry(r) : null;
}

export function modelByRef(db: DB, kind: string, ref: string): ModelEntry | null {
  const r = db.prepare(`SELECT ${COLS} FROM models WHERE kind = ? AND ref = ?`).get(kind, ref) as Row | undefined;
  return r ? entry(r) : null;
}

/** The live entry of a kind, or null. */
export function liveModel(db: DB, kind: string): ModelEntry | null {
  const r = db.prepare(`SELECT ${COLS} FROM models WHERE kind = ? AND status = 'live' ORDER BY version DESC LIMIT 1`).get(kind) as Row | undefined;
  return r ? entry(r) : null;
}

export function listModels(db: DB, opts: { kind?: string | undefined } = {}): ModelEntry[] {
  const rows = (
    opts.kind
      ? db.prepare(`SELECT ${COLS} FROM models WHERE kind = ? ORDER BY kind, version DESC`).all(opts.kind)
      : db.prepare(`SELECT ${COLS} FROM models ORDER BY kind, version DESC`).all()
  ) as Row[];
  return rows.map(entry);
}

export function modelArtefact(db: DB, id: number): Buffer | null {
  return (db.prepare('SELECT artefact FROM models WHERE id = ?').pluck().get(id) as Buffer | null | undefined) ?? null;
}

/** Undo a training job: drop what it registered and make the newest earlier entry live again. */
export function removeModelsOfJob(db: DB, jobId: string): void {
  const kinds = db.prepare('SELECT DISTINCT kind FROM models WHERE job_id = ?').pluck().all(jobId) as string[];
  db.prepare('DELETE FROM models WHERE job_id = ?').run(jobId);
  for (const kind of kinds) {
    if (liveModel(db, kind)) continue;
    const prev = db.prepare("SELECT id FROM models WHERE kind = ? AND status = 'retired' ORDER BY version DESC LIMIT 1").pluck().get(kind) as number | undefined;
    if (prev !== undefined) setModelStatus(db, prev, 'live');
  }
}

export function removeModel(db: DB, id: number): void {
  db.prepare('DELETE FROM models WHERE id = ?').run(id);
}
