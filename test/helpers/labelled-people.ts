// A labelled people file shaped like splink's fake_1000.csv (unique_id, first_name, surname, dob,
// city, email, cluster) and its clerical pairs file, generated so tests do not depend on data
// outside the repository: 250 people, each written 1–7 times with typos, day/month slips, blanks
// and e-mail variants, as the real file has.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIRST = ['Robert', 'Olivia', 'James', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Mia', 'Noah', 'Grace', 'Oscar', 'Lily', 'Leo', 'Freya', 'Arthur', 'Ella', 'Henry', 'Emily', 'Thomas', 'Sophie', 'William', 'Ruby', 'Charlie', 'Chloe', 'Alfie', 'Evie', 'Joshua', 'Poppy', 'Samuel', 'Daisy', 'Daniel', 'Alice', 'Edward', 'Florence', 'Lucas', 'Isabella', 'Ethan', 'Jessica'];
const SURNAME = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Lewis', 'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Davis', 'Rodriguez', 'Cox', 'Alexander', 'Morgan', 'Moore', 'Mills', 'King', 'Baker', 'Harris', 'Allen', 'Carter'];
const CITY = ['London', 'Leeds', 'York', 'Bristol', 'Manchester', 'Liverpool', 'Glasgow', 'Cardiff', 'Oxford', 'Bath', 'Derby', 'Exeter'];
const DOMAIN = ['example.com', 'mail.example.org', 'post.example.net'];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function typo(r: () => number, w: string): string {
  if (w.length < 3) return w;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const k = r();
  if (k < 0.4) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swap
  if (k < 0.7) return w.slice(0, i) + w.slice(i + 1); // drop
  return w.slice(0, i) + 'aeiou'[Math.floor(r() * 5)] + w.slice(i + 1); // substitute
}

export interface LabelledPeople {
  csv: string;
  pairsCsv: string;
  rows: number;
  /** unique_id → cluster. */
  clusters: Map<string, string>;
}

export function labelledPeople(seed = 7, people = 250): LabelledPeople {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const lines = ['unique_id,first_name,surname,dob,city,email,cluster'];
  const clusters = new Map<string, string>();
  const members: string[][] = [];
  let id = 0;
  for (let p = 0; p < people; p++) {
    const first = pick(FIRST);
    const last = pick(SURNAME);
    const y = 1940 + Math.floor(r() * 60);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const city = pick(CITY);
    const email = `${first.toLowerCase()}${Math.floor(r() * 900) + 10}@${pick(DOMAIN)}`;
    const copies = 1 + Math.floor(r() * 7);
    const ids: string[] = [];
    for (let c = 0; c < copies; c++) {
      const dup = c > 0;
      const f = dup && r() < 0.3 ? typo(r, first) : first;
      const s = dup && r() < 0.3 ? typo(r, last) : last;
      const mm = dup && r() < 0.15 ? Math.min(12, m + 1) : m;
      const dob = dup && r() < 0.1 ? '' : `${y}-${String(mm).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const ci = dup && r() < 0.25 ? '' : city;
      const em = dup && r() < 0.25 ? '' : dup && r() < 0.2 ? typo(r, email) : email;
      const uid = String(id++);
      lines.push([uid, f, s, dob, ci, em, String(p)].join(','));
      clusters.set(uid, String(p));
      ids.push(uid);
    }
    members.push(ids);
  }
  // clerical pairs: every true pair (1.0) and as many near-miss pairs of different people (0.0)
  const pairs = ['unique_id_l,source_dataset_l,unique_id_r,source_dataset_r,clerical_match_score'];
  for (const ids of members) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push(`${ids[i]},fake_1000,${ids[j]},fake_1000,1.0`);
  for (let p = 0; p + 1 < members.length; p += 2) pairs.push(`${members[p]![0]},fake_1000,${members[p + 1]![0]},fake_1000,0.0`);
  return { csv: `${lines.join('\n')}\n`, pairsCsv: `${pairs.join('\n')}\n`, rows: id, clusters };
}

/** Writes fake_1000.csv and fake_1000_labels.csv into `dir`. */
export function writeLabelledPeople(dir: string, seed = 7): LabelledPeople {
  const l = labelledPeople(seed);
  writeFileSync(join(dir, 'fake_1000.csv'), l.csv);
  writeFileSync(join(dir, 'fake_1000_labels.csv'), l.pairsCsv);
  return l;
}
