// zod schemas for the host.* methods: params are checked exactly like engine params.
import { z } from 'zod';
import { HOST_METHODS, type HostMethodName } from './host-api.js';

const WorkspacePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'Path contains a NUL byte.')
  .refine((p) => p.endsWith('.aerie'), 'Workspace files end in .aerie.');

export const hostSchemas = {
  [HOST_METHODS.pickPath]: {
    input: z
      .object({
        purpose: z.enum(['create-workspace', 'open-workspace', 'import-file', 'import-model-folder']),
        title: z.string().max(200).optional(),
      })
      .strict(),
    output: z.string().nullable(),
  },
  [HOST_METHODS.secretsAvailable]: {
    input: z.object({}).strict(),
    output: z.object({ ok: z.boolean(), backend: z.string(), reason: z.string().optional() }),
  },
  [HOST_METHODS.secretsRemember]: {
    input: z.object({ workspacePath: WorkspacePath, passphrase: z.string().min(1).max(1024) }).strict(),
    output: z.object({ ok: z.boolean(), reason: z.string().optional() }),
  },
  [HOST_METHODS.secretsRecall]: {
    input: z.object({ workspacePath: WorkspacePath }).strict(),
    output: z.string().nullable(),
  },
  [HOST_METHODS.secretsForget]: {
    input: z.object({ workspacePath: WorkspacePath }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
} as const satisfies Record<HostMethodName, { input: z.ZodType; output: z.ZodType }>;

export type HostSchemas = typeof hostSchemas;
export type HostInput<M extends HostMethodName> = z.output<HostSchemas[M]['input']>;
export type HostOutput<M extends HostMethodName> = z.output<HostSchemas[M]['output']>;

/** What main implements for each host method (Electron glue supplies these). */
export type HostHandlers = { [M in HostMethodName]: (input: HostInput<M>) => Promise<HostOutput<M>> };
