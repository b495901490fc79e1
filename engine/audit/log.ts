// The append-only, hash-chained audit log. Each entry's hash covers its fields and the previous
// hash; the head (last seq + hash) is also kept in meta, so deleting the newest rows is caught too.
// The chain is unkeyed: whoever holds the passphrase can rewrite it consistently. What catches that
// is a head hash kept outside the file (`expect`, see anchor.ts), and the cross-check of the log
// against the jobs and imports it describes (links.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { AuditEntry, AuditHead, AuditProblem } from '../api/audit.js';
import type { DB } from '../db/sqlite.js';
import { checkAnchor, GENESIS, type AuditAnchor } from './anchor.js';
import { describeEntry } from './describe.js';
import { argsDigest } from './digest.js';
import { checkLinks, subjectOf } from './links.js';

interface Row {
  seq: number;
  at: string;
  actor: string;
  method: string;
  args_digest: string;
  prev_hash: string;
  hash: string;
  subject: string | null;
}

/** Entries written before subjects existed (subject NULL) keep their original hash. */
function entryHash(prev: string, seq: number, at: string, actor: string, method: string, digest: string, subject: string | null): string {
  const fields = [prev, seq, at, actor, method, digest];
  if (subject !== null) fields.push(subject);
  return createHash('sha256').update(fields.join('\u001f')).digest('hex');
}

function auditSecret(db: DB): Buffer {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'audit_secret'").get() as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'hex');
  const secret = randomBytes(32);
  db.prepare("INSERT INTO meta (key, value) VALUES ('audit_secret', ?)").run(secret.toString('hex'));
  return secret;
}

function head(db: DB): AuditHead {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { seq: number; hash: string }) : { seq: 0, hash: GENESIS };
}

/**
 * Append one entry. Call inside the same transaction as the change it records, where there is one.
 * `result` is the call's answer: a job it started becomes the entry's subject (`job:<id>`), which
 * verify follows to the job and the imports it made.
 */
export function appendAudit(db: DB, actor: string, method: string, args: unknown, result?: unknown): Omit<AuditEntry, 'description'> {
  return db.transaction(() => {
    const prev = head(db);
    const seq = prev.seq + 1;
    const at = new Date().toISOString();
    const digest = argsDigest(auditSecret(db), args);
    const subject = subjectOf(result, method);
    const hash = entryHash(prev.hash, seq, at, actor, method, digest, subject);
    db.prepare('INSERT INTO audit_log (seq, at, actor, method, args_digest, prev_hash, hash, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      seq, at, actor, method, digest, prev.hash, hash, subject,
    );
    db.prepare("INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify({ seq, hash }),
    );
    return { seq, at, actor, method, argsDigest: digest, hash, ...(subject ? { subject } : {}) };
  })();
}

export function listAudit(db: DB, beforeSeq: number | undefined, limit: number): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
    .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    method: r.method,
    argsDigest: r.args_digest,
    hash: r.hash,
    ...(r.subject ? { subject: r.subject } : {}),
    description: describeEntry(db, r.method, r.subject),
  }));
}

export interface AuditReport {
  ok: boolean;
  checked: number;
  /** The newest entry as recorded: keep its hash outside the workspace and pass it back as `expect`. */
  head: AuditHead;
  problems: AuditProblem[];
}

/**
 * Walk the whole chain; report each entry that was changed, and each gap where entries were deleted;
 * with `expect` (a head recorded earlier, outside the workspace), report a log that no longer holds it
 * (truncated, rewritten, re-chained or wiped); and cross-check the log with the jobs and imports.
 */
export function verifyAudit(db: DB, opts: { expect?: AuditAnchor | undefined } = {}): AuditReport {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let checked = 0;
  const entries: Row[] = [];
  let anchored: Row | undefined;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    checked++;
    if (r.subject !== null) entries.push(r);
    if (opts.expect && r.hash === opts.expect.hash) anchored = r;
    if (r.seq !== expectedSeq) {
      const missing = r.seq - expectedSeq;
      problems.push({
        seq: expectedSeq,
        kind: 'deleted',
        message: missing === 1 ? `Entry ${expectedSeq} was deleted.` : `Entries ${expectedSeq}–${r.seq - 1} were deleted.`,
      });
    } else if (r.prev_hash !== prevHash) {
      problems.push({ seq: r.seq, kind: 'changed', message: `Entry ${r.seq} does not link to entry ${r.seq - 1}: one of them was changed.` });
    }
    const recomputed = entryHash(r.prev_hash, r.seq, r.at, r.actor, r.method, r.args_digest, r.subject);
    if (recomputed !== r.hash) {
      problems.push({ seq: r.seq, kind: 'changed', message: `Entry ${r.seq} (${r.method} at ${r.at}) was changed after it was written.` });
    }
    prevHash = r.hash;
    expectedSeq = r.seq + 1;
  }
  const h = head(db);
  if (h.seq >= expectedSeq) {
    problems.push({
      seq: expectedSeq,
      kind: 'truncated',
      message: h.seq === expectedSeq ? `Entry ${expectedSeq}, the newest, was deleted.` : `The newest entries ${expectedSeq}–${h.seq} were deleted.`,
    });
  } else if (h.seq === expectedSeq - 1 && h.hash !== prevHash && checked > 0) {
    problems.push({ seq: h.seq, kind: 'changed', message: `Entry ${h.seq}, the newest, does not match the recorded head of the log.` });
  }
  if (opts.expect) problems.push(...checkAnchor(opts.expect, anchored ?? null, { seq: expectedSeq - 1, hash: prevHash }));
  problems.push(...checkLinks(db, entries));
  return { ok: problems.length === 0, checked, head: h, problems };
}
