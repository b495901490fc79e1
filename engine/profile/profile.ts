// profileColumns: one streaming pass over the records in scope, in rowid windows so the job can
// yield (and be cancelled) between windows without holding a statement open.
//   workspace scope → the canonical columns of every record;
//   source / import scope → the original source columns, parsed from records.raw (a JSON array in
//   import_columns order; JSON.parse in JS).
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { slotsFor, unpackRaw, type Slots } from '../records/raw-values.js';
import { ColumnProfiler } from './column.js';
import { PhonePrefetcher } from '../standardize/phone-prefetch.js';
import { PhoneValidator } from '../standardize/phone-validator.js';
import { QualityAccumulator, type CanonicalRow } from './quality.js';
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

  const mk = (name: string, position: number, feeds: string[], declared: boolean, nullsBefore = 0) =>
    new ColumnProfiler({ name, position, feeds, declared, phones, monthFirst, exactLimit, topN, nullsBefore });

  let columns: ColumnProfiler[];
  let rowsDone = 0;
  let handleRow: (row: unknown[]) => void;
  let sql: string;
  let phoneIx: number; // the canonical phone in a row (what the quality figures check)

  if (scope.kind === 'workspace') {
    columns = CANONICAL_COLUMNS.map((c, i) => mk(c, i, [c], true));
    sql = `SELECT source_id, ${CANONICAL_COLUMNS.join(', ')} FROM records WHERE id >= ? AND id < ?`;
    const ix = Object.fromEntries(CANONICAL_COLUMNS.map((c, i) => [c, i + 1])) as Record<(typeof CANONICAL_COLUMNS)[number], number>;
    const cols = columns;
    const n = cols.length;
    const pair: QualityAccumulator[] = overall ? [overall, overall] : [];
    phoneIx = ix.phone;
    handleRow = (row) => {
      for (let i = 0; i < n; i++) cols[i]!.add(str(row[i + 1]));
      const cr: CanonicalRow = {
        email: row[ix.email] as string | null,
        phone: row[ix.phone] as string | null,
        givenName: row[ix.given_name] as string | null,
        familyName: row[ix.family_name] as string | null,
        fullName: row[ix.full_name] as string | null,
        dateOfBirth: row[ix.date_of_birth] as string | null,
      };
      if (overall) {
        pair[0] = accFor(row[0] as number);
        QualityAccumulator.addToAll(cr, pair);
      } else accFor(row[0] as number).add(cr);
    };
  } else {
    // Raw source columns: the union of the scope's import_columns, in first-seen order.
    const declaredRows = db
      .prepare(`SELECT import_id, position, name, canonical FROM import_columns WHERE import_id IN (SELECT value FROM json_each(?)) ORDER BY import_id, position`)
      .all(JSON.stringify(r.importIds)) as { import_id: number; position: number; name: string; canonical: string | null }[];
    const declaredImports = new Set(declaredRows.map((d) => d.import_id));
    const byName = new Map<string, { feeds: Set<string>; position: number }>();
    for (const d of declaredRows) {
      let e = byName.get(d.name);
      if (!e) byName.set(d.name, (e = { feeds: new Set(), position: byName.size }));
      if (d.canonical) e.feeds.add(d.canonical);
    }
    columns = [...byName].map(([name, e]) => mk(name, e.position, [...e.feeds], true));
    const index = new Map(columns.map((c) => [c.name, c]));
    // records.raw holds the verbatim values in import_columns order, values that a canonical column
    // holds verbatim as markers (see records/raw-values.ts): per import, position → profiler and slot.
    const slots = new Map<number, ColumnProfiler[]>();
    const canonical = new Map<number, (string | null)[]>();
    for (const d of declaredRows) {
      const list = slots.get(d.import_id) ?? [];
      list[d.position - 1] = index.get(d.name)!;
      slots.set(d.import_id, list);
      const fed = canonical.get(d.import_id) ?? [];
      fed[d.position - 1] = d.canonical;
      canonical.set(d.import_id, fed);
    }
    const feeds = new Map<number, Slots>([...canonical].map(([id, fed]) => [id, slotsFor(fed, CUSTOMER_ATTRIBUTES)]));
    const undeclared = r.importIds.filter((id) => !declaredImports.has(id));
    if (undeclared.length > 0) notes.push(`Import${undeclared.length > 1 ? 's' : ''} ${undeclared.join(', ')} list${undeclared.length > 1 ? '' : 's'} no columns, so ${undeclared.length > 1 ? 'their' : 'its'} raw values were not profiled.`);
    // Row: source_id, import_id, raw, then every canonical attribute in CUSTOMER_ATTRIBUTES order.
    const A = 3;
    const at = Object.fromEntries(CUSTOMER_ATTRIBUTES.map((a, i) => [a, A + i])) as Record<(typeof CUSTOMER_ATTRIBUTES)[number], number>;
    phoneIx = at.phone;
    sql = `SELECT source_id, import_id, raw, ${CUSTOMER_ATTRIBUTES.join(', ')} FROM records WHERE id >= ? AND id < ?${r.filter}`;
    const seen = new Set<ColumnProfiler>();
    handleRow = (row) => {
      const importId = row[1] as number;
      const slot = slots.get(importId);
      if (slot) {
        const values = unpackRaw(row[2] as string, feeds.get(importId)!, (s) => row[A + s], `import ${importId}`);
        seen.clear();
        for (let i = 0; i < slot.length; i++) {
          const c = slot[i];
          if (!c) continue;
          seen.add(c);
          c.add(values[i] ?? null);
        }
        // A column another import of the source has but this one lacks: null here.
        if (seen.size < columns.length) for (const c of columns) if (!seen.has(c)) c.add(null);
      } else {
        for (const c of columns) c.add(null);
      }
      accFor(row[0] as number).add({
        email: row[at.email] as string | null,
        phone: row[at.phone] as string | null,
        givenName: row[at.given_name] as string | null,
        familyName: row[at.family_name] as string | null,
        fullName: row[at.full_name] as string | null,
        dateOfBirth: row[at.date_of_birth] as string | null,
      });
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

  const profiles: ColumnProfile[] = columns.map((c) => c.finish(rowsDone));
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

