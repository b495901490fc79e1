// Messages between a host thread and the engine worker, besides the API envelopes.
import type { CallerContext } from '../api/protocol.js';

export interface WorkerInit {
  roots: string[];
  caller: CallerContext;
  /** EngineOptions for one-shot hosts (the CLI); defaults as in Engine. */
  resumeJobs?: boolean | undefined;
  openHooks?: boolean | undefined;
  /** What another process is told holds a workspace this engine owns; defaults from caller.host. */
  owner?: string | undefined;
}

/** Host → worker: finish jobs' current chunk, close the workspace cleanly, then exit. */
export interface ShutdownMessage {
  t: 'shutdown';
}

/** Worker → host: the engine is ready for requests. */
export interface ReadyMessage {
  t: 'ready';
}
