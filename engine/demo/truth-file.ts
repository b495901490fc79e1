// The answer key, written BESIDE the workspace (never inside it, so matching and churn models
// cannot peek): for `/data/acme.aerie` it is the folder `/data/acme.truth/` holding
//
//   manifest.json  { format: 1, seed, customers, persons, records: {crm, marketing, billing},
//                    window: {from, to}, files, note }
//   persons.csv    person_id,household_id,signup_date,churned,churn_date,propensity,
//                  price_sensitivity,complaint_rate,engagement
//                  (churned 0/1; churn_date YYYY-MM-DD or empty; no events of the person's
//                  accounts fall on or after it; household members share address + family name)
//   records.csv    source,source_key,row_no,person_id,duplicate
//                  (source = sources.name, e.g. demo-crm; duplicate 1 = an extra account of a
//                  person this source already holds)
//
// No names, emails or addresses: the folder is plain text, the workspace is encrypted. The truth
// describes the latest successful demo.generate run; it is a pure function of (seed, customers),
// so a resumed run rewrites it byte for byte.
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AerieError } from '../api/errors.js';
import { WINDOW_END, WINDOW_START, isoDay } from './calendar.js';
import { rowRef, type Layout } from './layout.js';
import { DEMO_SOURCES } from './sources.js';
import { person } from './truth.js';
import { CAMPAIGN, CAMPAIGN_HEADER, campaignName, campaignSalt, campaignTruth } from './campaign.js';

/** Where the truth of a workspace lives: `<path without .aerie>.truth` (a folder). */
export function truthPathFor(workspacePath: string): string {
  const base = basename(workspacePath).replace(/\.aerie$/i, '');
  return join(dirname(workspacePath), `${base}.truth`);
}

function writeLines(file: string, header: string, count: number, line: (i: number) => string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${header}\n`);
    let buf: string[] = [];
    for (let i = 0; i < count; i++) {
      buf.push(line(i));
      if (buf.length === 20_000) {
        writeSync(fd, `${buf.join('\n')}\n`);
        buf = [];
      }
    }
    if (buf.length) writeSync(fd, `${buf.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

const f4 = (x: number) => x.toFixed(4);

/**
 * The truth folder replaces only an earlier truth folder: a file or folder of the user's that
 * happens to carry the name is never deleted. Checked before a demo starts and again when writing.
 */
export function checkTruthTarget(dir: string): void {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st && !lstatSync(dir, { throwIfNoEntry: false })) return;
  let ours = false;
  if (st?.isDirectory()) {
    try {
      ours = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { generator?: unknown }).generator === 'demo.generate';
    } catch {
      ours = false;
    }
  }
  if (!ours) {
    throw new AerieError('CONFLICT', `${dir} already exists and is not a demo truth folder; the demo writes its answer key there.`, {
      file: dir,
      hint: 'Move or rename it, or give the demo workspace another name.',
    });
  }
}

function writeTruthFiles(tmp: string, L: Layout, campaign: boolean): void {
  writeLines(join(tmp, 'persons.csv'), 'person_id,household_id,signup_date,churned,churn_date,propensity,price_sensitivity,complaint_rate,engagement', L.persons, (i) => {
    const p = person(L.seed, i);
    return `${i},${p.household},${isoDay(p.signup)},${p.churned ? 1 : 0},${p.churnDay === null ? '' : isoDay(p.churnDay)},${f4(p.propensity)},${f4(p.priceSensitivity)},${f4(p.complaintRate)},${f4(p.engagement)}`;
  });
  writeLines(join(tmp, 'records.csv'), 'source,source_key,row_no,person_id,duplicate', L.customers, (i) => {
    const s = i >= L.offset[2] ? 2 : i >= L.offset[1] ? 1 : 0;
    const k = i - L.offset[s]!;
    const ref = rowRef(L, s, k);
    const src = DEMO_SOURCES[s]!;
    return `${src.name},${src.key(k)},${k + 1},${ref.person},${ref.duplicate ? 1 : 0}`;
  });
  // the campaign's potential outcomes per account and its true effect (only with the campaign)
  let campaignInfo: object | undefined;
  if (campaign) {
    const c = campaignTruth(L);
    writeLines(join(tmp, 'campaign.csv'), CAMPAIGN_HEADER, c.lines.length, (i) => c.lines[i]!);
    campaignInfo = {
      experiment: campaignName(L.seed), salt: campaignSalt(L.seed), start: isoDay(CAMPAIGN.start), horizonDays: CAMPAIGN.horizonDays,
      mechanism: `treated accounts: a churn on or after the start is prevented with probability ${CAMPAIGN.save}; CRM accounts order ${CAMPAIGN.orderLift}× as often from the start`,
      trueEffect: c.effect,
      note: 'trueEffect = mean over the population of (outcome if treated − outcome if control), outcomes as engine/experiments/outcomes.ts reads them; campaign.csv has both per account.',
    };
  }
  writeFileSync(
    join(tmp, 'manifest.json'),
    `${JSON.stringify(
      {
        format: 1,
        generator: 'demo.generate',
        seed: L.seed,
        customers: L.customers,
        persons: L.persons,
        records: Object.fromEntries(DEMO_SOURCES.map((s, i) => [s.name, L.rows[i]])),
        window: { from: isoDay(WINDOW_START), to: isoDay(WINDOW_END) },
        files: { persons: 'persons.csv', records: 'records.csv', ...(campaign ? { campaign: 'campaign.csv' } : {}) },
        ...(campaignInfo ? { campaign: campaignInfo } : {}),
        note: 'Ground truth for the synthetic demo workspace beside this folder. Join records.csv to records on (sources.name, source_key).',
      },
      null,
      2,
    )}\n`,
    { flag: 'wx', mode: 0o600 },
  );
}

export function writeTruth(dir: string, L: Layout, o: { campaign?: boolean } = {}): void {
  checkTruthTarget(dir);
  // A fresh private staging folder beside the target (same file system), swapped in whole.
  const tmp = mkdtempSync(`${dir}.tmp-`);
  try {
    writeTruthFiles(tmp, L, o.campaign === true);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(dir)) {
    const old = `${tmp}-old`;
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}
