// What a capability gives the engine, and what its handlers receive. A capability is one folder
// with one descriptor (engine/<capability>/capability.ts) listed once in engine/core/capabilities.ts;
// its handlers get only what they need: the caller, the allowed roots, the open session, and (for
// the workspace capability) the lifecycle of workspaces.
import type { CallerContext } from '../api/protocol.js';
import type { MethodName, MethodOutput, MethodParsedInput } from '../api/methods.js';
import type { WorkspaceState } from '../api/workspace.js';
import type { JobKind } from '../jobs/types.js';
import type { AllowedRoots } from './roots.js';
import type { WorkspaceSession } from './session.js';

/** Opening, locking and closing workspaces: the engine's, handed to the workspace capability. */
export interface WorkspaceControl {
  readonly state: WorkspaceState;
  /** The open or locked workspace's path. */
  readonly path: string | null;
  /** What this process is called in a workspace's owner lock ("aerie import", "the Aerie app"). */
  readonly owner: string;
  open(path: string, passphrase: string, create: boolean): Promise<WorkspaceSession>;
  close(keepLocked: boolean): Promise<void>;
}

export interface HandlerContext {
  caller: CallerContext;
  /** Folders the engine may read and write. */
  roots: AllowedRoots;
  /** The open workspace; NO_WORKSPACE or WORKSPACE_LOCKED when there is none. */
  session(): WorkspaceSession;
  workspaces: WorkspaceControl;
  /** Call another method as this caller (validated and, if it mutates, audited as usual). */
  call<M extends MethodName>(method: M, params: unknown): Promise<MethodOutput<M>>;
}

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: HandlerContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };

/** Type helper for a capability's share of the map. */
export function handlers<K extends MethodName>(h: { [M in K]: Handler<M> }): { [M in K]: Handler<M> } {
  return h;
}

/** One capability, as core lists it. */
export interface Capability {
  name: string;
  /** The methods of its contract file (engine/api/<capability>.ts) it implements. */
  handlers: Partial<HandlerMap>;
  /** Its kinds of long work (their contract is in its contract file too). */
  jobKinds?: JobKind<never>[];
  /**
   * When a long-lived host (the app, `aerie serve`) opens a workspace: schedule background work
   * (warm an index). Never in one-shot CLI commands. Must return quickly.
   */
  onOpen?(session: WorkspaceSession): void;
}
