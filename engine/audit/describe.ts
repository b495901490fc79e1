// Audit entries in words for a person: "Imported customers.csv into source CRM (import 3)". Built
// when read, from what the entry names (its job: kind, parameters and result; or an exported file's
// name) — the entry itself keeps only the keyed digest of its arguments, so nothing here is a value
// from a customer row: file names, source names, ids and counts only.
import { basename } from 'node:path';
import { methods, type MethodName } from '../api/methods.js';
import type { DB } from '../db/sqlite.js';

/** Calls that start nothing and export nothing, in words. Others fall back to the contract's summary. */
const WORDS: Record<string, string> = {
  'workspace.create': 'Created the workspace',
  'workspace.lock': 'Locked the workspace',
  'workspace.unlock': 'Unlocked the workspace',
  'workspace.changePassphrase': 'Changed the workspace passphrase',
  'jobs.cancel': 'Cancelled a job',
  'workspace.setPrivacy': 'Changed the privacy settings (auto-lock, masking)',
  'ingest.exportRejects': 'Exported rejected rows',
  'data.export': 'Exported a table',
  'golden.export': 'Exported golden records',
  'golden.exportCrosswalk': 'Exported the golden crosswalk',
  'profile.exportHtml': 'Exported a profile report',
  'churn.exportCard': 'Exported a churn model card',
  'experiments.exportAssignments': 'Exported experiment assignments',
  'experiments.report': 'Wrote an experiment report',
};

interface JobRow {
  kind: string;
  label: string;
  state: string;
  params: string;
  result: string | null;
}

const parse = (s: string | null): Record<string, unknown> => {
  try {
    return s ? ((JSON.parse(s) as Record<string, unknown> | null) ?? {}) : {};
  } catch {
    return {};
  }
};

function scopeWords(scope: unknown): string {
  const s = (scope ?? {}) as { kind?: string; sourceId?: number; importId?: number };
  return s.kind === 'source' ? `source ${s.sourceId}` : s.kind === 'import' ? `import ${s.importId}` : 'the whole workspace';
}

function jobWords(j: JobRow): string {
  const p = parse(j.params);
  const r = parse(j.result);
  const str = (v: unknown) => (typeof v === 'string' ? v : '?');
  let text: string;
  switch (j.kind) {
    case 'ingest.import':
      text = `Imported ${basename(str(p.path))} into source ${str(p.source)}${typeof r.importId === 'number' ? ` (import ${r.importId})` : ''}`;
      break;
    case 'ingest.remove':
      text = typeof p.importId === 'number' ? `Rolled back import ${p.importId} of source ${str(p.source)}` : `Deleted source ${str(p.source)}`;
      if (typeof r.records === 'number') text += ` (${r.records} records, ${typeof r.events === 'number' ? r.events : 0} events removed)`;
      break;
    case 'profile.run':
      text = `Profiled ${scopeWords(p.scope)}`;
      break;
    default:
      text = j.label; // the job's own label, as the jobs panel shows it ("Generate demo CRM (2,000 customers)")
  }
  return j.state === 'succeeded' ? text : `${text}: ${j.state}`;
}

/** The entry in words, from its method and subject (`job:<id>`, `file:<name>`). */
export function describeEntry(db: DB, method: string, subject: string | null): string {
  if (subject?.startsWith('job:')) {
    const j = db.prepare('SELECT kind, label, state, params, result FROM jobs WHERE id = ?').get(subject.slice(4)) as JobRow | undefined;
    if (j) return jobWords(j);
  }
  const words = WORDS[method] ?? (method in methods ? methods[method as MethodName].summary.replace(/[.:(].*$/s, '').trim() : method);
  if (subject?.startsWith('file:')) return `${words} → ${subject.slice(5)}`;
  return words;
}
