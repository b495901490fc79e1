// In-memory caches built from a workspace (vector index, lexical index) subscribe here to hear
// that what they were built from changed: vectors re-indexed, records erased.
import type { DB } from '../db/sqlite.js';

export type WorkspaceChange = { kind: 'vectors' } | { kind: 'forget'; recordIds: number[] } | { kind: 'records' };

const listeners = new WeakMap<DB, Set<(c: WorkspaceChange) => void>>();

export function onWorkspaceChange(db: DB, fn: (c: WorkspaceChange) => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

export function notifyWorkspaceChange(db: DB, change: WorkspaceChange): void {
  for (const fn of listeners.get(db) ?? []) fn(change);
}
