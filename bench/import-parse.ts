// Parse-speed benchmark for the delimited-text reader (engine/ingest/formats).
// Generates a ~1M-row (~200 MB) customer-like CSV (quoted fields, embedded commas, doubled quotes,
// some multi-line notes, accented names) unless a path is given, then times detect() + readRows()
// alone (no database), and, as the reference, csv-parse's streaming parser on the same file.
// Prints one JSON object on stdout.
//
//   npx esbuild bench/import-parse.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/aerie-bench/import-parse.mjs && node node_modules/.cache/aerie-bench/import-parse.mjs [file.csv] [--rows N] [--no-reference]

import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { detect, readRows } from '../engine/ingest/formats/index.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rowsWanted = Number(opt('--rows') ?? 1_000_000);
const given = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rows');

const FIRST = ['Anna', 'Björn', 'Chloé', 'David', 'Eva', 'François', 'Grace', 'Hugo', 'Ines', 'Jürgen', 'Kate', 'Luis', 'María', 'Noah', 'Olivia', 'Paweł'];
const LAST = ['Smith', 'Müller', "O'Brien", 'García', 'Rossi', 'Dubois', 'Nowak', 'Jensen', 'Silva', 'Brown', 'Kowalski', 'Martin'];
const CITIES = ['London', 'Paris', 'München', 'Kraków', 'Lisboa', 'Dublin', 'Rome', 'Oslo', 'Zürich', 'Madrid'];
const STREETS = ['High Street', 'Rue de la Paix', 'Hauptstraße', 'Main Road', 'Via Roma', 'Calle Mayor'];

async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('CUSTOMER_ID,FIRST_NAME,LAST_NAME,EMAIL,PHONE,STREET,CITY,POSTCODE,COUNTRY,BIRTH_DATE,CREATED_AT,SEGMENT,LIFETIME_VALUE,NOTES\r\n');
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const f = FIRST[rnd(FIRST.length)]!;
    const l = LAST[rnd(LAST.length)]!;
    const r = rnd(100);
    const notes = r < 3 ? `"Called on ${rnd(28) + 1}/0${rnd(9) + 1}, said ""call back later""\nfollow-up: yes"` : r < 20 ? `"VIP, prefers email; account ${i}"` : r < 60 ? `Regular customer since ${2000 + rnd(24)} with several orders` : '';
    buf += `${i},${f},${l.includes("'") ? l : `"${l}"`},${f.toLowerCase()}.${l.toLowerCase().replace(/'/g, '')}${i}@example.com,+44 20 ${String(rnd(10000)).padStart(4, '0')} ${String(rnd(10000)).padStart(4, '0')},"${rnd(300) + 1} ${STREETS[rnd(STREETS.length)]}, Flat ${rnd(40)}",${CITIES[rnd(CITIES.length)]},${String(rnd(99999)).padStart(5, '0')},GB,${1940 + rnd(65)}-${String(rnd(12) + 1).padStart(2, '0')}-${String(rnd(28) + 1).padStart(2, '0')},2023-${String(rnd(12) + 1).padStart(2, '0')}-${String(rnd(28) + 1).padStart(2, '0')} ${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:00,${['gold', 'silver', 'bronze'][rnd(3)]},${rnd(100000) / 100},${notes}\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}

const peakRssMb = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

async function main(): Promise<void> {
  let file = given;
  let generatedS: number | null = null;
  if (!file) {
    const dir = join(tmpdir(), 'aerie-bench-import');
    mkdirSync(dir, { recursive: true });
    file = join(dir, `customers-${rowsWanted}.csv`);
    if (!existsSync(file)) {
      const t = performance.now();
      await generate(file, rowsWanted);
      generatedS = (performance.now() - t) / 1000;
    }
  }
  const size = statSync(file).size;
  const rssBefore = peakRssMb();

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const d = await detect(file);
  let rows = 0;
  let rejects = 0;
  let cells = 0;
  for await (const it of readRows(file, d)) {
    if (it.kind === 'row') {
      rows++;
      cells += it.row.values.length;
    } else if (it.kind === 'reject') rejects++;
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const oursPeak = peakRssMb();

  let reference: Record<string, number> | null = null;
  if (!flag('--no-reference')) {
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    let n = 0;
    const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ delimiter: d.delimiter ?? ',', relax_column_count: true, bom: true }));
    for await (const _rec of parser) n++;
    const s1 = (performance.now() - t1) / 1000;
    const cu = process.cpuUsage(c1);
    const cs = (cu.user + cu.system) / 1e6;
    reference = { records: n, seconds: round(s1), rowsPerSec: Math.round(n / s1), mbPerSec: round(size / 1e6 / s1), cpuSeconds: round(cs), rowsPerCpuSec: Math.round(n / cs) };
  }

  console.log(JSON.stringify({
    bench: 'import-parse',
    file,
    bytes: size,
    generatedSeconds: generatedS === null ? null : round(generatedS),
    format: d.format,
    encoding: d.encoding,
    columns: d.columns.length,
    rows,
    rejects,
    cells,
    seconds: round(s),
    rowsPerSec: Math.round(rows / s),
    mbPerSec: round(size / 1e6 / s),
    // CPU time is steadier than wall time on a shared machine (load average is printed too).
    cpuSeconds: round(cpuS),
    rowsPerCpuSec: Math.round(rows / cpuS),
    mbPerCpuSec: round(size / 1e6 / cpuS),
    loadAverage1m: round(loadavg()[0] ?? 0),
    cpus: cpus().length,
    peakRssMb: oursPeak,
    rssBeforeMb: rssBefore,
    node: process.version,
    reference: reference ? { name: 'csv-parse 6.1.0 stream (records only, no raw text, no checks)', ...reference, peakRssMbAfter: peakRssMb() } : null,
  }));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
