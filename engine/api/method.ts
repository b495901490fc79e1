// What a method of the contract declares. Each capability's contract file (engine/api/<capability>.ts)
// builds its methods with `method()`; methods.ts merges them into the one map.
import { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Changes workspace state: appended to the audit log. */
  mutates: boolean;
  /** Needs an open (unlocked) workspace. */
  needsWorkspace: boolean;
  /** Only the host process may call it (Electron main, CLI); UI-facing bridges refuse it. */
  hostOnly?: boolean;
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
/** What a method that starts a job returns: follow it with `job` events or jobs.get. */
export const JobStarted = z.object({ jobId: z.string() });
/** Exports: replace a file already at the path (the UI asks first); refused by default. */
export const ReplaceExisting = z.boolean().default(false);

/**
 * A kind of job in the contract: the method that starts it (its input is the job's request) and the
 * result a succeeded job carries. The engine validates the result against `result` when the job ends.
 */
export interface JobSpec<Q extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** The method that starts it; jobs.start with this kind calls it with the same request. */
  start: string;
  /** What the caller asks for: the starting method's input. */
  request: Q;
  result: R;
  summary: string;
}

export function jobSpec<Q extends z.ZodType, R extends z.ZodType>(spec: JobSpec<Q, R>): JobSpec<Q, R> {
  return spec;
}
