// The engine: workspace state, input validation, dispatch to capability handlers, audit of
// mutating calls and event fan-out. Hosts reach it through a Transport; it knows nothing of them.
import { AerieError, toWireError } from '../api/errors.js';
import type { EventData, EventName } from '../api/events.js';
import { isMethodName, methods, type MethodName } from '../api/methods.js';
import type { CallerContext, EventEnvelope, RequestEnvelope, ResponseEnvelope } from '../api/protocol.js';
import type { WorkspaceState } from '../api/workspace.js';
import { appendAudit } from '../audit/log.js';
import { fromSqliteError } from '../db/sqlite-errors.js';
import type { JobKind } from '../jobs/types.js';
import type { HandlerContext, HandlerMap, WorkspaceControl } from '../session/handler.js';
import { AllowedRoots } from '../session/roots.js';
import { WorkspaceSession } from '../session/session.js';
import { allJobKinds, capabilities, handlerMap } from './capabilities.js';

export interface EngineOptions {
  /** Folders the engine may read and write; paths elsewhere are refused. */
  roots: string[];
  /** Extra job kinds (tests). */
  jobKinds?: JobKind<never>[];
  /** Resume interrupted jobs on open (default). One-shot CLI commands leave them for the app. */
  resumeJobs?: boolean | undefined;
  /** Run the capabilities' open hooks (default), e.g. warm the search indexes in the background. */
  openHooks?: boolean | undefined;
  /** What this process is, as another process is told while this one owns a workspace ("aerie import"). */
  owner?: string | undefined;
}

/** Methods that open, lock or re-key run one at a time. */
const LIFECYCLE = new Set<MethodName>(['workspace.create', 'workspace.open', 'workspace.unlock', 'workspace.lock', 'workspace.close', 'workspace.changePassphrase']);

export class Engine implements WorkspaceControl {
  readonly roots: AllowedRoots;
  private readonly handlers: HandlerMap = handlerMap();
  readonly jobKinds: Map<string, JobKind<never>>;
  private readonly resumeJobs: boolean;
  private readonly runOpenHooks: boolean;
  /** What this process is called in a workspace's owner lock (engine/db/lock.ts). */
  readonly owner: string;
  private session: WorkspaceSession | null = null;
  private lockedPath: string | null = null;
  private readonly listeners = new Set<(e: EventEnvelope) => void>();
  private lifecycle: Promise<unknown> = Promise.resolve();

  constructor(opts: EngineOptions) {
    this.roots = new AllowedRoots(opts.roots);
    this.resumeJobs = opts.resumeJobs ?? true;
    this.runOpenHooks = opts.openHooks ?? true;
    this.owner = opts.owner ?? 'Aerie';
    this.jobKinds = new Map([...allJobKinds(), ...(opts.jobKinds ?? [])].map((k) => [k.kind, k]));
  }

  get state(): WorkspaceState {
    return this.session ? 'open' : this.lockedPath ? 'locked' : 'none';
  }

  get workspacePath(): string | null {
    return this.session?.path ?? this.lockedPath;
  }

  get path(): string | null {
    return this.workspacePath;
  }

  open(path: string, passphrase: string, create: boolean): Promise<WorkspaceSession> {
    return this.openWorkspace(path, passphrase, create);
  }

  close(keepLocked: boolean): Promise<void> {
    return this.closeWorkspace(keepLocked);
  }

  /** The open workspace, or a clear error saying why there is none. */
  requireSession(): WorkspaceSession {
    if (this.session) return this.session;
    if (this.lockedPath) throw new AerieError('WORKSPACE_LOCKED', 'The workspace is locked. Unlock it with its passphrase.');
    throw new AerieError('NO_WORKSPACE', 'No workspace is open. Create or open one first.');
  }

  onEvent(fn: (e: EventEnvelope) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit<E extends EventName>(event: E, data: EventData<E>): void {
    const env: EventEnvelope = { t: 'evt', event, data };
    for (const fn of this.listeners) fn(env);
  }

  /** Validate, run and (for mutating methods) audit one call. Throws AerieError. */
  async call(method: string, params: unknown, caller: CallerContext): Promise<unknown> {
    if (!isMethodName(method)) throw new AerieError('UNKNOWN_METHOD', `Unknown method ${method}.`);
    const spec = methods[method];
    const parsed = spec.input.safeParse(params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : undefined;
      throw new AerieError('INVALID_INPUT', `${method}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid input'}`, {
        ...(where ? { column: where } : {}),
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    if (spec.needsWorkspace) this.requireSession();
    // A workspace another process owns is read-only here: say who has it rather than fail inside.
    if (spec.mutates && spec.needsWorkspace) {
      const refusal = this.session?.writeRefusal();
      if (refusal) throw refusal;
    }
    // A job holding the writes (session/write-hold.ts) would take another change down with it on cancel.
    const held = spec.needsWorkspace && (spec.mutates || method === 'jobs.start') && method !== 'jobs.cancel' ? this.session?.writes.holder : null;
    if (held) throw new AerieError('CONFLICT', `${held} is in progress; nothing was changed.`, { hint: 'Try again when it has finished, or cancel it.' });
    const run = async () => {
      const handler = this.handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
      const ctx: HandlerContext = {
        caller,
        roots: this.roots,
        session: () => this.requireSession(),
        workspaces: this,
        call: (m, p) => this.call(m, p, caller) as never,
      };
      const result = await handler(parsed.data, ctx);
      const s = this.session;
      if (spec.mutates && s) s.writes.afterHold(() => appendAudit(s.db, `${caller.user}@${caller.host}`, method, parsed.data, result));
      return result;
    };
    if (!LIFECYCLE.has(method)) return run();
    const next = this.lifecycle.then(run, run);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  /** Envelope in, envelope out: what every transport calls. */
  async handle(req: RequestEnvelope, caller: CallerContext): Promise<ResponseEnvelope> {
    try {
      return { t: 'res', id: req.id, ok: true, result: await this.call(req.method, req.params, caller) };
    } catch (e) {
      const s = this.session;
      const mapped = fromSqliteError(e, this.workspacePath ?? undefined, () => s?.writeRefusal() ?? null);
      return { t: 'res', id: req.id, ok: false, error: toWireError(mapped) };
    }
  }

  async openWorkspace(path: string, passphrase: string, create: boolean): Promise<WorkspaceSession> {
    const real = this.roots.check(path);
    if (this.session) await this.closeWorkspace(false);
    this.session = WorkspaceSession.open(real, passphrase, create, this.jobKinds, (e, d) => this.emit(e, d), this.resumeJobs, this.owner);
    this.lockedPath = null;
    this.emit('workspace', { state: 'open', path: real });
    if (this.runOpenHooks) {
      for (const c of capabilities) {
        try {
          c.onOpen?.(this.session);
        } catch {
          // a hook only prepares caches; the workspace is open either way
        }
      }
    }
    return this.session;
  }

  async closeWorkspace(keepLocked: boolean): Promise<void> {
    const s = this.session;
    this.session = null;
    this.lockedPath = keepLocked ? (s?.path ?? this.lockedPath) : null;
    if (s) await s.close();
    this.emit('workspace', { state: this.state, path: this.lockedPath });
  }

  async shutdown(): Promise<void> {
    await this.closeWorkspace(false);
    this.listeners.clear();
  }
}
