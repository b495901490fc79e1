// demo.generate: a synthetic customer base written in resumable chunks. Each row depends only on
// (seed, row index), so a resumed run continues exactly where the interrupted one stopped.
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { CITIES, COMPANIES, DOMAINS, FAMILY, GIVEN, STREETS } from './people.js';
import { int, pick, rng } from './random.js';

export interface DemoParams {
  customers: number;
  seed: number;
}

const CHUNK = 5_000;
const SOURCE = 'demo-crm';

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
  const r = rng(Math.imul(seed, 0x9e3779b1) ^ i);
  const given = pick(r, GIVEN);
  const family = pick(r, FAMILY);
  const y = int(r, 1940, 2004);
  const m = String(int(r, 1, 12)).padStart(2, '0');
  const d = String(int(r, 1, 28)).padStart(2, '0');
  const email = `${given}.${family}${int(r, 1, 99)}@${pick(r, DOMAINS)}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  return {
    source_key: `C${String(i + 1).padStart(8, '0')}`,
    given_name: given,
    family_name: family,
    email,
    phone: `07${int(r, 100, 999)} ${int(r, 100000, 999999)}`,
    address_line: `${int(r, 1, 220)} ${pick(r, STREETS)}`,
    city: pick(r, CITIES),
    postcode: `${String.fromCharCode(65 + int(r, 0, 25))}${String.fromCharCode(65 + int(r, 0, 25))}${int(r, 1, 20)} ${int(r, 1, 9)}${String.fromCharCode(65 + int(r, 0, 25))}${String.fromCharCode(65 + int(r, 0, 25))}`,
    date_of_birth: `${y}-${m}-${d}`,
    company: pick(r, COMPANIES),
  };
}

function importFor(db: DB, jobId: string): number | undefined {
  return db.prepare('SELECT id FROM imports WHERE job_id = ?').pluck().get(jobId) as number | undefined;
}

export const demoGenerateJob: JobKind<DemoParams> = {
  kind: 'demo.generate',
  unit: 'customers',
  label: (p) => `Generate demo CRM (${p.customers.toLocaleString('en')} customers)`,
  resumable: true,
  tables: ['records', 'imports', 'sources'],
  async run(ctx) {
    const { db, params } = ctx;
    const now = new Date().toISOString();
    let importId = importFor(db, ctx.jobId);
    if (importId === undefined) {
      db.prepare("INSERT INTO sources (name, kind, created_at) VALUES (?, 'customers', ?) ON CONFLICT(name) DO NOTHING").run(SOURCE, now);
      const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(SOURCE) as number;
      importId = Number(
        db
          .prepare(
            "INSERT INTO imports (source_id, file_name, file_hash, file_bytes, format, kind, state, job_id, created_at) VALUES (?, ?, ?, 0, 'generated', 'customers', 'running', ?, ?)",
          )
          .run(sourceId, `demo seed ${params.seed}`, `demo:${params.seed}:${params.customers}:${ctx.jobId}`, ctx.jobId, now).lastInsertRowid,
      );
    }
    const sourceId = db.prepare('SELECT source_id FROM imports WHERE id = ?').pluck().get(importId) as number;
    const insert = db.prepare(
      `INSERT INTO records (import_id, row_no, source_id, source_key, given_name, family_name, full_name, email, phone, address_line, city, postcode, country, date_of_birth, company, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'GB', ?, ?, ?)`,
    );
    let next = (ctx.checkpoint as { next: number } | null)?.next ?? 0;
    ctx.progress(next, params.customers, 'Generating customers');
    while (next < params.customers) {
      const end = Math.min(next + CHUNK, params.customers);
      db.transaction(() => {
        for (let i = next; i < end; i++) {
          const c = demoCustomer(params.seed, i);
          insert.run(importId, i + 1, sourceId, c.source_key, c.given_name, c.family_name, `${c.given_name} ${c.family_name}`, c.email, c.phone, c.address_line, c.city, c.postcode, c.date_of_birth, c.company || null, JSON.stringify(c));
        }
        ctx.saveCheckpoint({ next: end });
      })();
      next = end;
      ctx.progress(next, params.customers);
      await ctx.yield();
    }
    db.prepare("UPDATE imports SET state = 'done', rows_read = ?, rows_imported = ?, finished_at = ? WHERE id = ?").run(
      params.customers, params.customers, new Date().toISOString(), importId,
    );
    return { importId, customers: params.customers };
  },
  rollback(db, jobId) {
    const importId = importFor(db, jobId);
    if (importId === undefined) return;
    db.prepare('DELETE FROM records WHERE import_id = ?').run(importId);
    db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
  },
};
