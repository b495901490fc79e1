// Contract of profiling and the catalogue.
import { z } from 'zod';
import { Catalogue, ProfileReport, ProfileScope } from './profile-types.js';
import { Empty, JobStarted, ReplaceExisting, jobSpec, method } from './method.js';

export const ProfileRunInput = z.object({ scope: ProfileScope, defaultCountry: z.string().length(2).default('GB') }).strict();
export const ProfileRun = z.object({ profileId: z.number().int(), rows: z.number().int(), seconds: z.number() });
export type ProfileRun = z.infer<typeof ProfileRun>;

export const profileMethods = {
  'profile.run': method({
    input: ProfileRunInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Profile a source, an import or the whole workspace (a job); the report is stored.',
  }),
  'profile.get': method({
    input: z.object({ scope: ProfileScope }).strict(),
    output: ProfileReport.nullable(),
    mutates: false,
    needsWorkspace: true,
    summary: 'The latest stored profile report of a scope, or null.',
  }),
  'profile.exportHtml': method({
    input: z.object({ scope: ProfileScope, path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write the latest report of a scope as a self-contained HTML file (never over the workspace, nor over a file unless overwrite).',
  }),
  'catalogue.get': method({
    input: Empty,
    output: Catalogue,
    mutates: false,
    needsWorkspace: true,
    summary: 'Every source, table and column, with lineage to the canonical attributes.',
  }),
};

export const profileJobs = {
  'profile.run': jobSpec({ start: 'profile.run', request: ProfileRunInput, result: ProfileRun, summary: 'Profile a scope and store the report.' }),
};
