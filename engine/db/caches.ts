// In-memory state a capability builds from one open workspace (search indexes, sorted keys of the
// data browser). It lives and dies with the session: disposed on lock, close or a re-key, so a
// cache can never outlive the key or serve another workspace.

/** A cache with resources to release (statements, an embedding session) has dispose(). */
interface Disposable {
  dispose?(): unknown;
}

export class WorkspaceCaches {
  private readonly entries = new Map<string, object>();

  /** The cache named `key`, made on first use. */
  get<T extends object>(key: string, make: () => T): T {
    let v = this.entries.get(key) as T | undefined;
    if (!v) this.entries.set(key, (v = make()));
    return v;
  }

  /** The cache named `key` if it was made, without making it. */
  peek<T extends object>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  disposeAll(): void {
    for (const v of this.entries.values()) void (v as Disposable).dispose?.();
    this.entries.clear();
  }
}
