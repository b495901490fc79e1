// profileColumns: one streaming pass over the records in scope, in rowid windows so the job can
// yield (and be cancelled) between windows without holding a statement open.
//   workspace scope → the canonical attributes some source maps (or that hold values), then each
//     source's own columns, tagged with the source;
//   source / import scope → the original source columns, parsed from records.raw (a JSON array in
//   import_columns order; JSON.parse in JS; see raw-columns.ts).
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { readDateOverrides } from '../records/date-overrides.js';
import { readColumnTypes } from '../records/column-types.js';
import type { ColumnType } from '../api/profile-types.js';
import { ColumnProfiler } from './column.js';
import { PhonePrefetcher } from '../standardize/phone-prefetch.js';
import { PhoneValidator } from '../standardize/phone-validator.js';
import { QualityAccumulator, type CanonicalRow } from './quality.js';
import { declaredColumns, RawColumns } from './raw-columns.js';
import type { ColumnProfile, ProfileReport, ProfileScope, SourceQuality } from './types.js';

export interface ProfileOptions {
  /** ISO 3166 alpha-2 country for phone numbers written without a country code (and US → month-first dates). */
  defaultCountry: string;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** Distinct values counted exactly per column before switching to sketches (default 50,000). */
  exactDistinctLimit?: number;
  /** Top values and shapes kept per column (default 10). */
  topN?: number;
  /** Rowid window per read (default 25,000). */
  windowRows?: number;
  /** Parse every phone number in full instead of per template (slow; for checks). */
  exactPhones?: boolean;
  /**
   * Parse phone numbers one window ahead on a helper thread (same results; see PhonePrefetcher).
   * Default: on from 100,000 rows in scope.
   */
  phoneHelper?: boolean;
}

/** Canonical attributes of `records`, in display order. */
export const CANONICAL_COLUMNS = [
  'source_key', 'given_name', 'family_name', 'full_name', 'email', 'phone', 'address_line', 'city',
  'postcode', 'country', 'date_of_birth', 'company', 'consent_email', 'consent_sms', 'notes',
] as const;

export function scopeKey(scope: ProfileScope): string {
  return scope.kind === 'workspace' ? 'workspace' : scope.kind === 'source' ? `source:${scope.sourceId}` : `import:${scope.importId}`;
}

interface Resolved {
  title: string;
  filter: string; // extra WHERE clause on records (no index use: rowid windows drive the scan)
  params: number[];
  sourceId: number | null;
  importIds: number[];
}

function resolveScope(db: DB, scope: ProfileScope): Resolved {
  if (scope.kind === 'workspace') return { title: 'Workspace', filter: '', params: [], sourceId: null, importIds: [] };
  if (scope.kind === 'source') {
    const s = db.prepare('SELECT name FROM sources WHERE id = ?').get(scope.sourceId) as { name: string } | undefined;
    if (!s) throw new AerieError('NOT_FOUND', `No source with id ${scope.sourceId}.`, { sourceId: scope.sourceId });
    const importIds = db.prepare('SELECT id FROM imports WHERE source_id = ? ORDER BY id').pluck().all(scope.sourceId) as number[];
    return { title: `Source “${s.name}”`, filter: ' AND +source_id = ?', params: [scope.sourceId], sourceId: scope.sourceId, importIds };
  }
  const i = db.prepare('SELECT i.id, i.source_id, i.file_name, s.name FROM imports i JOIN sources s ON s.id = i.source_id WHERE i.id = ?').get(scope.importId) as
    | { id: number; source_id: number; file_name: string; name: string }
    | undefined;
  if (!i) throw new AerieError('NOT_FOUND', `No import with id ${scope.importId}.`, { importId: scope.importId });
  return { title: `Import #${i.id} (${i.file_name}) of source “${i.name}”`, filter: ' AND +import_id = ?', params: [scope.importId], sourceId: i.source_id, importIds: [i.id] };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function str(x: unknown): string | null {
  if (typeof x === 'string') return x;
  if (x === null || x === undefined) return null;
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') return String(x);
  return null;
}

/** Profile every column in scope. See ProfileReport for what comes back. */
export async function profileColumns(db: DB, scope: ProfileScope, opts: ProfileOptions): Promise<ProfileReport> {
  const t0 = performance.now();
  const r = resolveScope(db, scope);
  const country = opts.defaultCountry.toUpperCase();
  const monthFirst = country === 'US';
  const phones = new PhoneValidator(country, opts.exactPhones ?? false);
  const exactLimit = opts.exactDistinctLimit ?? 50_000;
  const topN = opts.topN ?? 10;
  const windowRows = opts.windowRows ?? 25_000;
  const notes: string[] = [];
  const dateOverrides = readDateOverrides(db);
  const columnTypes = readColumnTypes(db);

  const range = db.prepare(`SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM records WHERE 1 = 1${r.filter.replace(/\+/g, '')}`).get(...r.params) as {
    n: number;
    lo: number | null;
    hi: number | null;
  };
  const total = range.n;

  const sourceNames = new Map((db.prepare('SELECT id, name FROM sources').all() as { id: number; name: string }[]).map((s) => [s.id, s.name]));
  const perSource = new Map<number, QualityAccumulator>();
  const accFor = (sid: number) => {
    let a = perSource.get(sid);
    if (!a) perSource.set(sid, (a = new QualityAccumulator(phones, monthFirst)));
    return a;
  };
  // Several sources in the workspace view: a workspace-wide accumulator besides the per-source ones.
  const overall = scope.kind === 'workspace' && sourceNames.size > 1 ? new QualityAccumulator(phones, monthFirst) : null;

  // a type is set on a source's column by its name; canonical attributes keep their own types
  const mk = (name: string, position: number, feeds: string[], declared: boolean, nullsBefore = 0, typeOverride?: ColumnType) =>
    new ColumnProfiler({ name, position, feeds, declared, phones, monthFirst, dateOverride: dateOverrides[name], typeOverride, exactLimit, topN, nullsBefore });

  let columns: ColumnProfiler[];
  let rowsDone = 0;
  let handleRow: (row: unknown[]) => void;
  let sql: string;
  let phoneIx: number; // the canonical phone in a row (what the quality figures check)

  // Row: source_id, import_id, raw, then every canonical attribute in CUSTOMER_ATTRIBUTES order.
  const A = 3;
  const at = Object.fromEntries(CUSTOMER_ATTRIBUTES.map((a, i) => [a, A + i])) as Record<(typeof CUSTOMER_ATTRIBUTES)[number], number>;
  phoneIx = at.phone;
  sql = `SELECT source_id, import_id, raw, ${CUSTOMER_ATTRIBUTES.join(', ')} FROM records WHERE id >= ? AND id < ?${r.filter}`;
  const canonicalRow = (row: unknown[]): CanonicalRow => ({
    email: row[at.email] as string | null,
    phone: row[at.phone] as string | null,
    givenName: row[at.given_name] as string | null,
    familyName: row[at.family_name] as string | null,
    fullName: row[at.full_name] as string | null,
    dateOfBirth: row[at.date_of_birth] as string | null,
  });
  const rawMk = (name: string, position: number, feeds: string[]) => mk(name, position, feeds, true, 0, columnTypes[name]);
  /** Per source shown with its own columns: the source and its raw columns. */
  const bySource: { sourceId: number; raw: RawColumns }[] = [];
  const mapped = new Set<string>();

  if (scope.kind === 'workspace') {
    // What the workspace holds: each source's own columns, and the canonical attributes beside them.
    columns = CANONICAL_COLUMNS.map((c, i) => mk(c, i, [c], true));
    const imports = db.prepare("SELECT i.id, i.source_id FROM imports i JOIN sources s ON s.id = i.source_id WHERE s.kind = 'customers' ORDER BY i.source_id, i.id").all() as { id: number; source_id: number }[];
    const idsBySource = new Map<number, number[]>();
    for (const i of imports) idsBySource.set(i.source_id, [...(idsBySource.get(i.source_id) ?? []), i.id]);
    const rawByImport = new Map<number, RawColumns>();
    for (const [sourceId, ids] of idsBySource) {
      const declared = declaredColumns(db, ids);
      for (const d of declared) if (d.canonical) mapped.add(d.canonical);
      const raw = new RawColumns(declared, rawMk);
      bySource.push({ sourceId, raw });
      for (const id of ids) rawByImport.set(id, raw);
    }
    const cols = columns;
    const n = cols.length;
    const canonAt = CANONICAL_COLUMNS.map((c) => at[c]);
    const pair: QualityAccumulator[] = overall ? [overall, overall] : [];
    handleRow = (row) => {
      for (let i = 0; i < n; i++) cols[i]!.add(str(row[canonAt[i]!]));
      const importId = row[1] as number;
      rawByImport.get(importId)?.add(importId, row[2] as string, (s) => row[A + s]);
      const cr = canonicalRow(row);
      if (overall) {
        pair[0] = accFor(row[0] as number);
        QualityAccumulator.addToAll(cr, pair);
      } else accFor(row[0] as number).add(cr);
    };
  } else {
    const declaredRows = declaredColumns(db, r.importIds);
    const declaredImports = new Set(declaredRows.map((d) => d.import_id));
    const raw = new RawColumns(declaredRows, rawMk);
    columns = raw.columns;
    const undeclared = r.importIds.filter((id) => !declaredImports.has(id));
    if (undeclared.length > 0) notes.push(`Import${undeclared.length > 1 ? 's' : ''} ${undeclared.join(', ')} list${undeclared.length > 1 ? '' : 's'} no columns, so ${undeclared.length > 1 ? 'their' : 'its'} raw values were not profiled.`);
    handleRow = (row) => {
      const importId = row[1] as number;
      raw.add(importId, row[2] as string, (s) => row[A + s]);
      accFor(row[0] as number).add(canonicalRow(row));
    };
  }

  const stmt = db.prepare(sql).raw(true);
  const read = (lo: number) => stmt.all(lo, lo + windowRows, ...r.params) as unknown[][];
  const helper = !opts.exactPhones && (opts.phoneHelper ?? total >= 100_000) ? new PhonePrefetcher(country) : null;
  const ask = (rows: unknown[][]) => helper!.request(rows.map((row) => row[phoneIx] as string | null));
  opts.onProgress?.(0, total);
  try {
    if (range.lo !== null && range.hi !== null) {
      // Window N+1 is read (and its phones sent to the helper) before window N is profiled.
      let lo = range.lo;
      let rows = read(lo);
      let parsed: Promise<Map<string, string | null>> | null = null; // none for the first window
      for (;;) {
        if (opts.signal?.aborted) throw new AerieError('CANCELLED', 'Profiling was cancelled.');
        const nextLo = lo + windowRows;
        const nextRows = nextLo <= range.hi ? read(nextLo) : null;
        const nextParsed = helper && nextRows ? ask(nextRows) : null;
        phones.prefetched = parsed ? await parsed : null;
        for (let i = 0; i < rows.length; i++) handleRow(rows[i]!);
        rowsDone += rows.length;
        opts.onProgress?.(rowsDone, total);
        await tick();
        if (!nextRows) break;
        lo = nextLo;
        rows = nextRows;
        parsed = nextParsed;
      }
    }
  } finally {
    helper?.close();
    phones.prefetched = null;
  }
  if (opts.signal?.aborted) throw new AerieError('CANCELLED', 'Profiling was cancelled.');

  let profiles: ColumnProfile[] = columns.map((c) => c.finish(rowsDone));
  if (scope.kind === 'workspace') {
    // A canonical attribute no source maps is not shown (no "0% of 0" alarms for it); one that holds
    // values anyway (rows stored without their columns listed) still is.
    profiles = profiles.filter((p) => mapped.has(p.name) || p.nonBlank > 0);
    for (const { sourceId, raw } of bySource) {
      const source = { id: sourceId, name: sourceNames.get(sourceId) ?? `#${sourceId}` };
      profiles.push(...raw.columns.map((c) => ({ ...c.finish(raw.rows), source })));
    }
  }
  const sources: SourceQuality[] = [...perSource]
    .sort((a, b) => a[0] - b[0])
    .map(([sourceId, acc]) => ({ sourceId, name: sourceNames.get(sourceId) ?? `#${sourceId}`, ...acc.result() }));
  // One source in scope: the scope summary is that source's figures.
  const summary = overall ? overall.result() : sources[0] ? stripIds(sources[0]) : new QualityAccumulator(phones, monthFirst).result();
  const ambiguous = profiles.filter((p) => p.dates && p.dates.ambiguous > 0);
  for (const p of ambiguous) {
    notes.push(`${p.name}: ${p.dates!.ambiguous} date(s) read either day-first or month-first; read as ${p.dates!.order} (${p.dates!.orderEvidence.dmy} value(s) only fit day-first, ${p.dates!.orderEvidence.mdy} only month-first).`);
  }
  if (!opts.exactPhones) notes.push('Phone validity: libphonenumber-js per number template (leading six digits and length, each verified on two numbers).');

  return {
    version: 1,
    scope: scopeKey(scope),
    title: r.title,
    createdAt: new Date().toISOString(),
    defaultCountry: country,
    rows: rowsDone,
    seconds: (performance.now() - t0) / 1000,
    summary,
    sources,
    columns: profiles,
    notes,
  };
}

function stripIds<T extends object>(s: T): Omit<T, 'sourceId' | 'name'> {
  const { sourceId: _a, name: _b, ...rest } = s as T & { sourceId?: number; name?: string };
  void _a;
  void _b;
  return rest;
}

