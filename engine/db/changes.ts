// What changed in an open workspace, told to whoever keeps something built from it (the search
// indexes, the data browser's sorted keys). One bus per open workspace (the session owns it):
// writers publish, caches subscribe; nothing is keyed by a module-level map.

export type WorkspaceChange =
  /** A job or call changed rows of these tables (imports, rollbacks, demo data, training, vectors). */
  | { kind: 'tables'; tables: string[] }
  /** These records were erased everywhere (governance): drop them from every index now. */
  | { kind: 'forget'; recordIds: number[] };

export class ChangeBus {
  private readonly listeners = new Set<(c: WorkspaceChange) => void>();

  on(fn: (c: WorkspaceChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(change: WorkspaceChange): void {
    for (const fn of [...this.listeners]) fn(change);
  }

  clear(): void {
    this.listeners.clear();
  }
}
