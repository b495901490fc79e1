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
