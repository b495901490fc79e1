// The demo feeds (engine/demo: CRM extract, marketing list, billing accounts) written as the CSV
// files their systems would export, cell for cell as the demo generator renders them, with the
// hidden truth of every row (person and household) kept beside them for scoring.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layout, rowRef } from '../engine/demo/layout.js';
import { hash, rng } from '../engine/demo/random.js';
import { DEMO_SOURCES } from '../engine/demo/sources.js';
import { person } from '../engine/demo/truth.js';

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export interface DemoCsv {
  /** Path of each feed's CSV, in DEMO_SOURCES order (crm, marketing, billing). */
  files: string[];
  /** Key column of each feed. */
  keys: string[];
  /** Per feed, per row: the true person and household. */
  truth: { person: number; household: number }[][];
}

export function demoCsv(dir: string, seed: number, customers: number): DemoCsv {
  mkdirSync(dir, { recursive: true });
  const L = layout(seed, customers);
  const files: string[] = [];
  const truth: DemoCsv['truth'] = [];
  DEMO_SOURCES.forEach((src, s) => {
    const lines = [src.columns.map(([c]) => c).join(',')];
    const t: DemoCsv['truth'][number] = [];
    for (let k = 0; k < L.rows[s]!; k++) {
      const ref = rowRef(L, s, k);
      const p = person(seed, ref.person);
      lines.push(src.render(ref, p, rng(hash(seed, 400 + s, k))).map(q).join(','));
      t.push({ person: p.id, household: p.household });
    }
    const f = join(dir, `demo-${seed}-${customers}-${src.name}.csv`);
    writeFileSync(f, `${lines.join('\n')}\n`);
    files.push(f);
    truth.push(t);
  });
  return { files, keys: DEMO_SOURCES.map((src) => src.columns[0]![0]), truth };
}
