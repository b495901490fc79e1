// Contract of the workspace check (engine/workspace/check.ts): is the file whole, and is its audit
// chain intact? Runs on a file that will not open as a workspace (that is when it matters).
import { z } from 'zod';
import { method } from './method.js';
import { AuditProblem } from './schemas.js';

export const CheckReport = z.object({
  /** Every page and index sound, the size right, and the audit chain intact. */
  ok: z.boolean(),
  /** One sentence: the verdict and what to do. */
  message: z.string(),
  path: z.string(),
  sizeBytes: z.number(),
  /** Pages the header declares (null when even that could not be read). */
  pages: z.number().int().nullable(),
  /** What is damaged, in SQLite's words (page numbers, index names, row ids — never values); at most 100. */
  damage: z.array(z.string()),
  /** The audit chain, or null when the damage kept it from being read. */
  audit: z.object({ ok: z.boolean(), checked: z.number().int(), problems: z.array(AuditProblem) }).nullable(),
  tookMs: z.number(),
});
export type CheckReport = z.infer<typeof CheckReport>;

export const checkMethods = {
  'workspace.check': method({
    input: z
      .object({
        /** A workspace file to check (with its passphrase); omitted: the open workspace. */
        path: z.string().min(1).max(4096).optional(),
        passphrase: z.string().max(1024).optional(),
      })
      .strict(),
    output: CheckReport,
    mutates: false,
    needsWorkspace: false,
    summary: 'Read every page of a workspace file (PRAGMA integrity_check), check its size and its audit chain; writes nothing.',
  }),
};
