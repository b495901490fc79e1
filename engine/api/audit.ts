// Contract of the audit log: entries, verification of the hash chain and its head.
import { z } from 'zod';
import { Empty, method } from './method.js';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  method: z.string(),
  argsDigest: z.string(),
  hash: z.string(),
  /** What the call started, e.g. `job:<id>` (verify follows it to the job and its imports), or `file:<name>` it exported. */
  subject: z.string().optional(),
  /** The entry in words (file, source, import, what was done), built from what it names; never a row's values. */
  description: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditProblem = z.object({
  /** The entry concerned; 0 for a row (an import) that no entry records. */
  seq: z.number().int(),
  /** changed / deleted / truncated: the chain; rewritten: no longer holds the expected head (re-chained, truncated, wiped);
   * orphaned: names a job or import that is gone; unaudited: an import no entry records. */
  kind: z.enum(['changed', 'deleted', 'truncated', 'rewritten', 'orphaned', 'unaudited']),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

/** The newest audit entry: kept outside the workspace, it lets verify detect a rewritten log. */
export const AuditHead = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditHead = z.infer<typeof AuditHead>;

export const auditMethods = {
  'audit.list': method({
    input: z.object({ beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(AuditEntry),
    mutates: false,
    needsWorkspace: true,
    summary: 'Audit entries, newest first.',
  }),
  'audit.verify': method({
    input: z
      .object({
        /** A head recorded earlier outside the workspace: fail if the log no longer holds it. */
        expect: z.object({ hash: z.string().regex(/^[0-9a-fA-F]{64}$/), seq: z.number().int().min(0).optional() }).strict().optional(),
      })
      .strict(),
    output: z.object({ ok: z.boolean(), checked: z.number().int(), head: AuditHead, problems: z.array(AuditProblem) }),
    mutates: false,
    needsWorkspace: true,
    summary: 'Re-check the audit hash chain (and an expected head), cross-check it with the jobs and imports; name every problem.',
  }),
};
