// Workspace facts for `aerie info` and the settings screen.
import { statSync, existsSync } from 'node:fs';
import type { WorkspaceInfo, WorkspaceSummary } from '../api/workspace.js';
import { CIPHER_NAME, KDF_DESCRIPTION, PAGE_SIZE } from '../db/cipher.js';
import { schemaVersion } from '../db/migrate.js';
import type { WorkspaceSession } from '../session/session.js';

const COUNTED_TABLES = ['sources', 'imports', 'records', 'rejects', 'events', 'jobs', 'audit_log'] as const;

export function workspaceSummary(s: WorkspaceSession): WorkspaceSummary {
  const owner = s.readOnlyBecause;
  const meta = (k: string) => (s.db.prepare('SELECT value FROM meta WHERE key = ?').get(k) as { value: string } | undefined)?.value;
  return {
    path: s.path,
    name: s.name,
    schemaVersion: schemaVersion(s.db),
    createdBy: meta('created_by') ?? 'unknown',
    cipher: `${CIPHER_NAME} (SQLCipher 4 compatible: AES-256-CBC + HMAC-SHA512, ${PAGE_SIZE / 1024} KiB pages)`,
    kdf: KDF_DESCRIPTION,
    journalMode: String(s.db.pragma('journal_mode', { simple: true })),
    sqliteVec: (s.db.prepare('SELECT vec_version() AS v').get() as { v: string }).v,
    ...(owner ? { inUseBy: { command: owner.command, pid: owner.pid, host: owner.host, since: owner.since } } : {}),
  };
}

export function workspaceInfo(s: WorkspaceSession): WorkspaceInfo {
  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) {
    counts[t] = (s.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return { ...workspaceSummary(s), sizeBytes: size(s.path) + size(`${s.path}-wal`), counts };
}
