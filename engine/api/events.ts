// Push events from the engine to every connected host.
import { z } from 'zod';
import { Job } from './jobs.js';
import { WorkspaceState } from './workspace.js';

export const events = {
  /** A job was created, made progress or finished. Throttled to a few per second while running. */
  job: Job,
  /** The workspace was opened, locked or closed. */
  workspace: z.object({ state: WorkspaceState, path: z.string().nullable() }),
  /** Rows changed in these tables: grids refresh. */
  'data.changed': z.object({ tables: z.array(z.string()) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventData<E extends EventName> = z.output<Events[E]>;
