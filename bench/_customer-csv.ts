// A legacy-CRM-shaped customer CSV of any size, written once and cached, for import benchmarks.
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { demoCustomer } from '../engine/demo/generate.js';
import { benchDir } from './_fixtures.js';

const HEADER = 'CUST_ID,FIRST_NM,LAST_NM,EMAIL_ADDR,PHONE_NO,ADDR_LINE1,ADDR_LINE2,CITY,POST_CODE,COUNTRY,DOB,COMPANY_NAME,OPT_IN_EMAIL,OPT_IN_SMS,CREATED_DT,NOTES';
const NOTES = ['', 'Prefers email', 'Called about invoice, said he will "think about it"', 'VIP, handle with care', 'Moved house 2019; old address on file', 'Complained about delivery times, wants refund'];

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function customerCsv(rows: number, seed = 11): Promise<{ path: string; bytes: number }> {
  const path = join(benchDir(), `customers-${rows}-${seed}.csv`);
  if (!existsSync(path)) {
    const tmp = `${path}.partial`;
    const out = createWriteStream(tmp);
    out.write(`${HEADER}\n`);
    for (let i = 0; i < rows; i++) {
      const c = demoCustomer(seed, i);
      const line = [
        c.source_key, c.given_name, c.family_name, c.email, c.phone, c.address_line, i % 7 === 0 ? 'Flat 2' : '', c.city, c.postcode, 'GB', c.date_of_birth, c.company,
        i % 3 === 0 ? 'Y' : 'N', i % 5 === 0 ? 'Y' : 'N', `20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10} 10:2${i % 10}:00`, NOTES[i % NOTES.length]!,
      ].map(q).join(',');
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    renameSync(tmp, path);
  }
  return { path, bytes: statSync(path).size };
}
