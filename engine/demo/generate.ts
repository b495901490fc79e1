// demo.generate: a messy legacy CRM estate in three overlapping feeds (crm, marketing, billing)
// with years of interaction events, plus a hidden truth written beside the workspace.
//
// `customers` is the number of customer ACCOUNTS (records rows) over all three feeds; the true
// persons behind them number about 0.6 × that (layout.ts). Every row depends only on
// (seed, customers, row), so a resumed run continues exactly where the interrupted one stopped,
// and the truth file (truth-file.ts) is rebuilt identically at the end.
//
// Speed: chunked transactions, prepared statements, multi-row event inserts. For large runs the
// secondary indexes of records and events are dropped while loading and rebuilt at the end (a
// sorted build is several times faster than millions of random B-tree inserts); their SQL is kept
// in the checkpoint so resume, cancel and failure all put them back.
import type { DB, Statement } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { accountEvents } from './events.js';
import { campaignArm, campaignEvents, storeCampaignExperiment } from './campaign.js';
import { layout, locate, rowRef, SOURCE_NAMES } from './layout.js';
import { hash, rng } from './random.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { packRaw, slotsFor } from '../records/raw-values.js';
import { isEmail } from '../standardize/email.js';
import { RowMapper } from '../ingest/row-mapper.js';
import { DEMO_SOURCES } from './sources.js';
import { truthPathFor, writeTruth } from './truth-file.js';
import { person } from './truth.js';

export interface DemoParams {
  customers: number;
  seed: number;
  /** Generate interaction events too (default true). */
  events?: boolean;
  /** Run the retention campaign with a known effect on the events (campaign.ts; default false). */
  campaign?: boolean;
}

interface IndexDef {
  name: string;
  sql: string;
}
interface Checkpoint {
  next: number;
  events: number;
  /** Indexes dropped for the bulk load, to be rebuilt (null once rebuilt or never dropped). */
  indexes: IndexDef[] | null;
}

const CHUNK = 2_000;
/** From this many customers on, records/events indexes are rebuilt after loading instead of maintained. */
export const BULK_FROM = 100_000;
const EVENT_BATCH = 32;

function ourImports(db: DB, jobId: string): { id: number; source_id: number; name: string }[] {
  return db
    .prepare('SELECT i.id, i.source_id, s.name FROM imports i JOIN sources s ON s.id = i.source_id WHERE i.job_id = ? ORDER BY i.id')
    .all(jobId) as { id: number; source_id: number; name: string }[];
}

function createImports(db: DB, jobId: string, p: DemoParams): void {
  const now = new Date().toISOString();
  for (const [s, src] of DEMO_SOURCES.entries()) {
    const mapping = JSON.stringify(Object.fromEntries(src.columns.map(([c, a]) => [c, a])));
    db.prepare("INSERT INTO sources (name, kind, mapping, created_at) VALUES (?, 'customers', ?, ?) ON CONFLICT(name) DO NOTHING").run(src.name, mapping, now);
    const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(src.name) as number;
    const importId = Number(
      db
        .prepare(
          "INSERT INTO imports (source_id, file_name, file_hash, file_bytes, format, kind, mapping, state, job_id, created_at) VALUES (?, ?, ?, 0, 'generated', 'customers', ?, 'running', ?, ?)",
        )
        .run(sourceId, src.file, `demo:${p.seed}:${p.customers}:${SOURCE_NAMES[s]}:${jobId}`, mapping, jobId, now).lastInsertRowid,
    );
    const col = db.prepare('INSERT INTO import_columns (import_id, position, name, canonical) VALUES (?, ?, ?, ?)');
    src.columns.forEach(([c, a], i) => col.run(importId, i + 1, c, a));
  }
}

function dropIndexes(db: DB): IndexDef[] {
  const defs = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('records', 'events') AND sql IS NOT NULL ORDER BY name")
    .all() as IndexDef[];
  for (const d of defs) db.exec(`DROP INDEX IF EXISTS "${d.name.replace(/"/g, '""')}"`);
  return defs;
}

function restoreIndexes(db: DB, defs: IndexDef[]): void {
  for (const d of defs) db.exec(d.sql.replace(/^CREATE\s+(UNIQUE\s+)?INDEX\s+(?!IF\s+NOT\s+EXISTS)/i, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX IF NOT EXISTS `));
}

const RECORD_SQL = `INSERT INTO records (import_id, row_no, source_id, source_key, given_name, family_name, full_name, email, phone, address_line, city, postcode, country, date_of_birth, company, consent_email, consent_sms, notes, raw)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const EVENT_COLS = 'INSERT INTO events (import_id, source_id, source_key, type, at, amount, channel, text) VALUES ';
const EVENT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?)';

/** Buffers events and writes them EVENT_BATCH rows per statement. */
class EventWriter {
  private readonly many: Statement;
  private readonly one: Statement;
  private buf: (string | number | null)[] = [];
  written = 0;
  constructor(db: DB) {
    this.many = db.prepare(EVENT_COLS + Array(EVENT_BATCH).fill(EVENT_ROW).join(', '));
    this.one = db.prepare(EVENT_COLS + EVENT_ROW);
  }
  add(importId: number, sourceId: number, key: string, type: string, at: string, amount: number | null, channel: string | null, text: string | null): void {
    this.buf.push(importId, sourceId, key, type, at, amount, channel, text);
    if (this.buf.length === 8 * EVENT_BATCH) {
      this.many.run(this.buf);
      this.buf = [];
      this.written += EVENT_BATCH;
    }
  }
  flush(): void {
    for (let i = 0; i < this.buf.length; i += 8) this.one.run(this.buf.slice(i, i + 8));
    this.written += this.buf.length / 8;
    this.buf = [];
  }
}

export const demoGenerateJob: JobKind<DemoParams> = {
  kind: 'demo.generate',
  unit: 'customers',
  label: (p) => `Generate demo CRM (${p.customers.toLocaleString('en')} customers)`,
  resumable: true,
  bulkWrites: true,
  tables: ['records', 'events', 'imports', 'import_columns', 'sources', 'experiments'],
  async run(ctx) {
    const { db, params } = ctx;
    const N = params.customers;
    const withEvents = params.events ?? true;
    const campaign = withEvents && params.campaign === true;
    const L = layout(params.seed, N);
    if (ourImports(db, ctx.jobId).length === 0) db.transaction(() => createImports(db, ctx.jobId, params))();
    const imports = ourImports(db, ctx.jobId);
    const byName = new Map(imports.map((i) => [i.name, i]));
    const targets = DEMO_SOURCES.map((s) => byName.get(s.name)!);

    const cp = (ctx.checkpoint as Checkpoint | null) ?? { next: 0, events: 0, indexes: null };
    let { next, indexes } = cp;
    const events = new EventWriter(db);
    events.written = cp.events;
    if (indexes === null && N >= BULK_FROM && next < N) {
      db.transaction(() => {
        indexes = dropIndexes(db);
        ctx.saveCheckpoint({ next, events: events.written, indexes } satisfies Checkpoint);
      })();
    }

    const insert = db.prepare(RECORD_SQL);
    // Canonical columns are filled by the importer's own mapper, exactly as importing the export would.
    const mappers = DEMO_SOURCES.map((src) => new RowMapper('customers', src.columns.map(([c]) => c), Object.fromEntries(src.columns), undefined));
    const slots = DEMO_SOURCES.map((src) => slotsFor(src.columns.map(([, a]) => a), CUSTOMER_ATTRIBUTES));
    ctx.progress(next, N, 'Generating customers');
    while (next < N) {
      const end = Math.min(next + CHUNK, N);
      db.transaction(() => {
        for (let i = next; i < end; i++) {
          const { s, k } = locate(L, i);
          const src = DEMO_SOURCES[s]!;
          const target = targets[s]!;
          const ref = rowRef(L, s, k);
          const p = person(params.seed, ref.person);
          const cells = src.render(ref, p, rng(hash(params.seed, 400 + s, k)));
          const mapped = mappers[s]!.map(cells).values;
          const c = CUSTOMER_ATTRIBUTES.map((a) => mapped[a] ?? null);
          insert.run(target.id, k + 1, target.source_id, ...c, packRaw(cells, slots[s]!, c, 0));
          if (withEvents) {
            const key = c[0] as string;
            const emailCell = (c[4] as string | null) ?? '';
            const emit = (type: string, at: string, amount: number | null, channel: string | null, text: string | null) => events.add(target.id, target.source_id, key, type, at, amount, channel, text);
            if (campaign) campaignEvents(params.seed, ref, p, isEmail(emailCell), p.signup, campaignArm(params.seed, src.name, key), emit);
            else accountEvents(params.seed, ref, p, isEmail(emailCell), p.signup, emit);
          }
        }
        events.flush();
        ctx.saveCheckpoint({ next: end, events: events.written, indexes } satisfies Checkpoint);
      })();
      next = end;
      ctx.progress(next, N);
      await ctx.yield();
    }
    if (indexes !== null) {
      ctx.progress(N, N, 'Rebuilding indexes');
      const defs = indexes;
      db.transaction(() => {
        restoreIndexes(db, defs);
        ctx.saveCheckpoint({ next: N, events: events.written, indexes: null } satisfies Checkpoint);
      })();
    }

    // The answer key beside the workspace (file-backed workspaces only).
    const wsPath = db.name;
    let truth: string | null = null;
    if (wsPath && wsPath !== ':memory:') {
      truth = truthPathFor(wsPath);
      writeTruth(truth, L, { campaign });
    }
    const done = db.prepare("UPDATE imports SET state = 'done', rows_read = ?, rows_imported = ?, finished_at = ? WHERE id = ?");
    const finished = new Date().toISOString();
    db.transaction(() => {
      targets.forEach((t, s) => done.run(L.rows[s], L.rows[s], finished, t.id));
      if (campaign) storeCampaignExperiment(db, params.seed);
    })();
    return {
      customers: N,
      persons: L.persons,
      records: Object.fromEntries(SOURCE_NAMES.map((n, s) => [n, L.rows[s]])),
      events: events.written,
      importIds: targets.map((t) => t.id),
      truth,
    };
  },
  rollback(db, jobId) {
    const cpText = db.prepare('SELECT checkpoint FROM jobs WHERE id = ?').pluck().get(jobId) as string | null | undefined;
    const cp = cpText ? (JSON.parse(cpText) as Partial<Checkpoint>) : null;
    const imports = ourImports(db, jobId);
    for (const i of imports) {
      db.prepare('DELETE FROM events WHERE import_id = ?').run(i.id);
      db.prepare('DELETE FROM records WHERE import_id = ?').run(i.id);
      db.prepare('DELETE FROM import_columns WHERE import_id = ?').run(i.id);
      db.prepare('DELETE FROM imports WHERE id = ?').run(i.id);
    }
    // The demo sources, unless something else still uses them.
    for (const i of imports) {
      const inUse = db
        .prepare('SELECT EXISTS (SELECT 1 FROM imports WHERE source_id = @s) OR EXISTS (SELECT 1 FROM records WHERE source_id = @s) OR EXISTS (SELECT 1 FROM events WHERE source_id = @s)')
        .pluck()
        .get({ s: i.source_id });
      if (!inUse) db.prepare('DELETE FROM sources WHERE id = ?').run(i.source_id);
    }
    if (cp?.indexes) restoreIndexes(db, cp.indexes);
  },
};

/** One clean customer per index (no feed mess): kept for benchmarks that write their own CSV. */
export interface DemoCustomer {
  source_key: string;
  given_name: string;
  family_name: string;
  email: string;
  phone: string;
  address_line: string;
  city: string;
  postcode: string;
  date_of_birth: string;
  company: string;
}

export function demoCustomer(seed: number, i: number): DemoCustomer {
  const p = person(seed, i);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    source_key: `C${String(i + 1).padStart(8, '0')}`,
    given_name: p.given,
    family_name: p.family,
    email: `${p.emailLocal}@${p.emailDomain}`,
    phone: `${p.mobile.slice(0, 5)} ${p.mobile.slice(5)}`,
    address_line: `${p.flat === null ? '' : `Flat ${p.flat}, `}${p.houseNo} ${p.street}`,
    city: p.city,
    postcode: p.postcode,
    date_of_birth: `${p.dob.y}-${pad(p.dob.m)}-${pad(p.dob.d)}`,
    company: p.company ?? '',
  };
}
