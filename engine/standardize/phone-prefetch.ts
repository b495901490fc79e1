// Phone parsing ahead of need, on a helper thread. A full libphonenumber parse is a pure function
// of its input, so a parse done elsewhere gives exactly the answer PhoneValidator would compute; the
// helper only has to guess well which numbers the validator will ask about. It tracks the same
// per-template "first two distinct numbers" the validator verifies (and every number of a template
// whose two disagree), parses those for the next rowid window while the engine thread profiles the
// current one, and hands back input → E.164 (or null). A guess missed is parsed on the spot as
// before; a guess wasted costs helper time only. No helper (or one that fails) changes nothing.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS so it runs as an eval worker (no separate bundle entry needed).
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { parsePhoneNumberFromString } = require(workerData.lib);
const country = workerData.country || undefined;
const state = new Map(); // template key -> first compact number (string), 1 verified, 2 mixed
const done = new Set();
function full(x) { const p = parsePhoneNumberFromString(x, country); return p && p.isValid() ? p.number : null; }
function key(t) {
  let lead = 0, digits = 0, len = 0, plus = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) { if (digits < (plus ? 8 : 6)) lead = lead * 10 + (ch - 48); digits++; len++; }
    else if (ch === 43 && i === 0) { plus = 1; len++; }
    else if (!(ch === 32 || ch === 40 || ch === 41 || ch === 45 || ch === 46 || ch === 47)) return -1;
  }
  if (digits < 7 || digits > 17) return -1;
  let zeros = 0;
  for (let i = plus; i < t.length && zeros < 6; i++) { const ch = t.charCodeAt(i); if (ch === 48) zeros++; else if (ch >= 49 && ch <= 57) break; }
  return ((plus * 8 + zeros) * 32 + len) * 100000000 + lead;
}
function compact(t) { let o = ''; for (let i = 0; i < t.length; i++) { const ch = t.charCodeAt(i); if ((ch >= 48 && ch <= 57) || (ch === 43 && i === 0)) o += t[i]; } return o; }
parentPort.on('message', (m) => {
  const out = [];
  const want = (x) => { if (done.has(x)) return undefined; done.add(x); const r = full(x); out.push(x, r); return r; };
  for (let v of m.values) {
    if (typeof v !== 'string' || v.length === 0) continue;
    v = v.trim();
    if (v.length === 0) continue;
    const k = key(v);
    if (k < 0) { want(v); continue; }
    const c = compact(v);
    const s = state.get(k);
    if (s === 1) continue;
    if (s === 2) { want(c); continue; }
    if (s === undefined) { state.set(k, c); want(c); continue; }
    if (s === c) continue;
    const a = full(s);
    const w = want(c);
    const b = w === undefined ? full(c) : w;
    // Same verdict and same country code: the validator will trust the template from here on.
    const cc = (e) => (e === null ? '' : e.slice(0, 4));
    state.set(k, (a === null) === (b === null) && cc(a) === cc(b) ? 1 : 2);
  }
  if (done.size > 400000) done.clear();
  parentPort.postMessage({ id: m.id, out });
});
`;

export class PhonePrefetcher {
  private readonly worker: Worker | null;
  private nextId = 0;
  private readonly waiting = new Map<number, (r: Map<string, string | null>) => void>();
  private failed = false;

  constructor(country: string) {
    let w: Worker | null = null;
    try {
      const lib = createRequire(import.meta.url).resolve('libphonenumber-js');
      w = new Worker(WORKER_SOURCE, { eval: true, workerData: { lib, country } });
      w.unref();
      w.on('message', (m: { id: number; out: (string | null)[] }) => {
        const map = new Map<string, string | null>();
        for (let i = 0; i < m.out.length; i += 2) map.set(m.out[i] as string, m.out[i + 1] ?? null);
        this.waiting.get(m.id)?.(map);
        this.waiting.delete(m.id);
      });
      w.on('error', () => this.fail());
      w.on('exit', () => this.fail());
    } catch {
      w = null;
      this.failed = true;
    }
    this.worker = w;
  }

  private fail(): void {
    this.failed = true;
    for (const r of this.waiting.values()) r(new Map());
    this.waiting.clear();
  }

  /** Parses for these phone values (nulls and blanks are skipped), in the order the rows come. */
  request(values: (string | null)[]): Promise<Map<string, string | null>> {
    if (this.failed || !this.worker) return Promise.resolve(new Map());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker!.postMessage({ id, values });
    });
  }

  close(): void {
    this.failed = true;
    void this.worker?.terminate();
  }
}
