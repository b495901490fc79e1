// Contract of profiling and the catalogue.
import { z } from 'zod';
import { Catalogue, ColumnType, ProfileReport, ProfileScope } from './profile-types.js';
import { Empty, JobStarted, ReplaceExisting, jobSpec, method } from './method.js';

/** Without defaultCountry the workspace's saved one (profile.setSettings) is used, else GB. */
export const ProfileRunInput = z.object({ scope: ProfileScope, defaultCountry: z.string().length(2).optional() }).strict();
/** How a column's dates are written, as the analyst says: day first, month first, Excel serials, not dates. */
export const DateFormatOverride = z.enum(['DMY', 'MDY', 'EXCEL', 'NONE']);
export const ProfileSettings = z.object({
  /** Phones without a country code are checked as this country's (ISO 3166 alpha-2). */
  defaultCountry: z.string().length(2),
  /** Per source column name (as the files write it): its date format override. */
  dateFormats: z.record(z.string(), DateFormatOverride),
  /** Per source column name: the type the analyst set (a zip code as text, Y/N as boolean). */
  columnTypes: z.record(z.string(), ColumnType),
});
export type ProfileSettings = z.infer<typeof ProfileSettings>;
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
  'profile.settings': method({
    input: Empty,
    output: ProfileSettings,
    mutates: false,
    needsWorkspace: true,
    summary: "The workspace's profiling settings: default phone country, per-column date formats and per-column types.",
  }),
  'profile.setSettings': method({
    input: z
      .object({
        defaultCountry: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as GB, US or DE').optional(),
        dateFormat: z.object({ column: z.string().min(1).max(500), format: DateFormatOverride.nullable() }).optional(),
        columnType: z.object({ column: z.string().min(1).max(500), type: ColumnType.nullable() }).optional(),
      })
      .strict(),
    output: ProfileSettings,
    mutates: true,
    needsWorkspace: true,
    summary:
      'Save the default phone country, one column’s date format (null: detect it) or one column’s type (null: infer it) with the workspace; profiling, later imports and the data browser use them.',
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
