// The import wizard's steps and the choices carried from one step to the next.
import type { ImportKind, Mapping, Preview, ReadSettings } from '../../../engine/api/ingest.js';

export const STEPS = [
  { id: 'file', label: 'Choose file' },
  { id: 'source', label: 'Kind and source' },
  { id: 'preview', label: 'Preview' },
  { id: 'mapping', label: 'Mapping' },
  { id: 'run', label: 'Import' },
  { id: 'summary', label: 'Summary' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export interface WizardState {
  path: string | null;
  kind: ImportKind;
  source: string;
  preview: Preview | null;
  /** How the file is read (detected unless the analyst sets something in the preview). */
  read: ReadSettings;
  mapping: Mapping;
  eventType: string;
  allowDuplicate: boolean;
  jobId: string | null;
  importId: number | null;
}

export const initialWizard: WizardState = {
  path: null,
  kind: 'customers',
  source: '',
  preview: null,
  read: { format: 'auto', encoding: 'auto' },
  mapping: {},
  eventType: '',
  allowDuplicate: false,
  jobId: null,
  importId: null,
};

/** A source name from a file name: "CRM export 2019.csv" → "CRM export 2019". */
export function sourceNameFromFile(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const stem = base.replace(/\.[^.]+$/, '').replace(/\.rejects$/, '');
  return stem.trim().slice(0, 200) || 'Imported file';
}

/** Saved mapping when it fits the file's columns, else the suggestions. */
export function initialMapping(p: Preview): Mapping {
  if (p.savedMapping) return Object.fromEntries(p.columns.map((c) => [c, p.savedMapping?.[c] ?? null]));
  const byColumn = new Map(p.suggestions.map((s) => [s.column, s.attribute]));
  return Object.fromEntries(p.columns.map((c) => [c, byColumn.get(c) ?? null]));
}
