// Job rows: the stored state that lets a restart resume or fail a job cleanly.
import { ERROR_CODES, type ErrorCode } from '../api/errors.js';
import { randomUUID } from 'node:crypto';
import type { Job, JobState } from '../api/jobs.js';
import type { DB } from '../db/sqlite.js';

interface JobRow {
  id: string;
  kind: string;
  label: string;
  state: JobState;
  params: string;
  done: number;
  total: number | null;
  unit: string;
  message: string;
  checkpoint: string | null;
  error_code: string | null;
  error_message: string | null;
  error_details: string | null;
  result: string | null;
  resumes: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface StoredJob extends Job {
  params: unknown;
  checkpoint: unknown;
}

/** A stored code this version does not know (written by a newer Aerie) reads as INTERNAL. */
function errorCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}

function toJob(r: JobRow): StoredJob {
  return {
    id: r.id,
    kind: r.kind,
    label: r.label,
    state: r.state,
    done: r.done,
    total: r.total,
    unit: r.unit,
    message: r.message,
    error: r.error_code
      ? { code: errorCode(r.error_code), message: r.error_message ?? '', ...(r.error_details ? { details: JSON.parse(r.error_details) as Record<string, unknown> } : {}) }
      : null,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    resumes: r.resumes,
    params: JSON.parse(r.params) as unknown,
    checkpoint: r.checkpoint === null ? null : (JSON.parse(r.checkpoint) as unknown),
  };
}

/** The public view: params and checkpoint stay inside the engine (they may hold paths or PII). */
export function publicJob(j: StoredJob): Job {
  const { params: _p, checkpoint: _c, ...rest } = j;
  return rest;
}

const now = () => new Date().toISOString();

export class JobStore {
  constructor(private readonly db: DB) {}

  insert(kind: string, label: string, unit: string, params: unknown): StoredJob {
    const id = randomUUID();
    this.db
      .prepare("INSERT INTO jobs (id, kind, label, state, params, unit, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)")
      .run(id, kind, label, JSON.stringify(params ?? null), unit, now());
    return this.get(id)!;
  }

  get(id: string): StoredJob | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return r ? toJob(r) : undefined;
  }

  list(limit: number): StoredJob[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }

  unfinished(): StoredJob[] {
    return (this.db.prepare("SELECT * FROM jobs WHERE state IN ('queued','running') ORDER BY created_at, rowid").all() as JobRow[]).map(toJob);
  }

  markRunning(id: string): void {
    this.db.prepare("UPDATE jobs SET state = 'running', started_at = coalesce(started_at, ?) WHERE id = ?").run(now(), id);
  }

  /** After a crash: count the resume. */
  markQueuedForResume(id: string): void {
    this.db.prepare("UPDATE jobs SET state = 'queued', resumes = resumes + 1, message = 'Resuming after an interruption' WHERE id = ?").run(id);
  }

  /** Paused by lock or close: continues on the next open. */
  markPaused(id: string): void {
    this.db.prepare("UPDATE jobs SET state = 'queued', message = 'Paused: continues when the workspace is opened again' WHERE id = ?").run(id);
  }

  progress(id: string, done: number, total: number | null, message: string): void {
    this.db.prepare('UPDATE jobs SET done = ?, total = ?, message = ? WHERE id = ?').run(done, total, message, id);
  }

  checkpoint(id: string, state: unknown): void {
    this.db.prepare('UPDATE jobs SET checkpoint = ? WHERE id = ?').run(JSON.stringify(state), id);
  }

  finish(id: string, state: 'succeeded' | 'failed' | 'cancelled', result: unknown, error: { code: string; message: string; details?: object | undefined } | null): void {
    this.db
      .prepare('UPDATE jobs SET state = ?, result = ?, error_code = ?, error_message = ?, error_details = ?, finished_at = ?, message = ? WHERE id = ?')
      .run(
        state,
        result === undefined || result === null ? null : JSON.stringify(result),
        error?.code ?? null,
        error?.message ?? null,
        error?.details ? JSON.stringify(error.details) : null,
        now(),
        state === 'succeeded' ? 'Done' : state === 'cancelled' ? 'Cancelled' : 'Failed',
        id,
      );
  }
}
