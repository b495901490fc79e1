// Contract of workspaces: create, open, lock, unlock, close, re-key, info and the file check.
import { z } from 'zod';
import { AuditProblem } from './audit.js';
import { Empty, Ok, method } from './method.js';

// A new passphrase, judged as it will be keyed (NFC, engine/db/cipher.ts): not only spaces or
// invisible characters, and at least 8 characters once normalised.
const Passphrase = z
  .string()
  .max(1024)
  .refine((s) => /[^\s\p{Cc}\p{Cf}]/u.test(s), 'A passphrase cannot be empty or only spaces. Choose one with at least 8 characters.')
  .refine((s) => [...s.normalize('NFC')].length >= 8, 'Use a passphrase of at least 8 characters.');
const WorkspacePath = z.string().min(1).max(4096);

export const WorkspaceState = z.enum(['none', 'locked', 'open']);
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/** What opening a workspace tells: cheap to compute whatever the workspace holds. */
export const WorkspaceSummary = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  createdBy: z.string(),
  cipher: z.string(),
  kdf: z.string(),
  journalMode: z.string(),
  sqliteVec: z.string(),
  /** Present when another process owns (writes) the workspace: it is open read-only here. */
  inUseBy: z.object({ command: z.string(), pid: z.number().int(), host: z.string(), since: z.string() }).optional(),
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummary>;

/** The summary plus size and row counts (counting millions of rows takes a moment). */
export const WorkspaceInfo = WorkspaceSummary.extend({
  sizeBytes: z.number(),
  counts: z.record(z.string(), z.number()),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

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

/** Saved with the workspace (meta), so they follow the file to any host that opens it. */
export const PrivacySettings = z
  .object({
    /** Lock the app after this many minutes without input in the UI; 0 = never. */
    idleLockMinutes: z.number().int().min(0).max(24 * 60),
    /** Show values of personal-data columns masked (a•••) in grids, search and records. */
    maskPii: z.boolean(),
  })
  .strict();
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const workspaceMethods = {
  'workspace.create': method({
    input: z.object({ path: WorkspacePath, passphrase: Passphrase }).strict(),
    output: WorkspaceSummary,
    mutates: true,
    needsWorkspace: false,
    summary: 'Create a new encrypted workspace file and open it.',
  }),
  'workspace.open': method({
    input: z.object({ path: WorkspacePath, passphrase: z.string().max(1024) }).strict(),
    output: WorkspaceSummary,
    mutates: false,
    needsWorkspace: false,
    summary: 'Open an existing workspace with its passphrase.',
  }),
  'workspace.unlock': method({
    input: z.object({ passphrase: z.string().max(1024) }).strict(),
    output: WorkspaceSummary,
    mutates: false,
    needsWorkspace: false,
    summary: 'Unlock the locked workspace again.',
  }),
  'workspace.lock': method({
    input: Empty,
    output: Ok,
    mutates: false,
    needsWorkspace: false,
    summary: 'Close the database and forget the key; the workspace stays selected.',
  }),
  'workspace.close': method({
    input: Empty,
    output: Ok,
    mutates: false,
    needsWorkspace: false,
    summary: 'Close the workspace.',
  }),
  'workspace.info': method({
    input: Empty,
    output: WorkspaceInfo,
    mutates: false,
    needsWorkspace: true,
    summary: 'Schema version, cipher, size and row counts.',
  }),
  'workspace.changePassphrase': method({
    input: z.object({ current: z.string().max(1024), next: Passphrase }).strict(),
    output: Ok,
    mutates: true,
    needsWorkspace: true,
    summary: 'Re-key the workspace file under a new passphrase.',
  }),
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
  'workspace.privacy': method({
    input: Empty,
    output: PrivacySettings,
    mutates: false,
    needsWorkspace: true,
    summary: 'The privacy settings saved with the workspace: idle auto-lock and masked display of personal data.',
  }),
  'workspace.setPrivacy': method({
    input: PrivacySettings.partial().strict(),
    output: PrivacySettings,
    mutates: true,
    needsWorkspace: true,
    summary: 'Change the privacy settings saved with the workspace.',
  }),
};
