// Contract of the app itself: engine status, the folders workspaces may live in, folder browsing.
import { z } from 'zod';
import { Empty, method } from './method.js';
import { WorkspaceState } from './workspace.js';

export const FsEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['dir', 'workspace', 'file']),
  sizeBytes: z.number(),
});
export type FsEntry = z.infer<typeof FsEntry>;

export const appMethods = {
  'app.status': method({
    input: Empty,
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      state: WorkspaceState,
      workspace: z.object({ path: z.string(), name: z.string() }).nullable(),
      roots: z.array(z.string()),
    }),
    mutates: false,
    needsWorkspace: false,
    summary: 'Engine version, workspace state and the folders workspaces may live in.',
  }),
  'app.allowPath': method({
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ roots: z.array(z.string()) }),
    mutates: false,
    needsWorkspace: false,
    hostOnly: true,
    summary: 'Allow a folder chosen in a native dialog (Electron main only).',
  }),
  'fs.list': method({
    input: z.object({ dir: z.string().max(4096).optional() }).strict(),
    output: z.object({ dir: z.string(), parent: z.string().nullable(), entries: z.array(FsEntry) }),
    mutates: false,
    needsWorkspace: false,
    summary: 'List a folder inside the allowed roots (workspaces and importable files).',
  }),
};
