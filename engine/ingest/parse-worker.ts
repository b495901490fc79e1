// Import parse worker: reads, parses and maps the file on its own thread, so the engine thread
// only writes. Sends small messages (short-lived batches keep garbage collection in the young
// generation) under back-pressure: at most WINDOW messages in flight; the writer groups several
// into one transaction.
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../api/errors.js';
import { EVENT_ATTRIBUTES } from '../api/ingest.js';
import { detect, readRowBatches } from './formats/index.js';
import { detectOptions } from './detect-options.js';
import { MORE, NOTE_CAP, PARSE_WINDOW, type ParseInit, type ParseMessage } from './parse-protocol.js';
import { packRaw, slotsFor, attributesOf } from '../records/raw-values.js';
import { RowMapper } from './row-mapper.js';

const port = parentPort!;
const init = workerData as ParseInit;
let credits = PARSE_WINDOW;
let wake: (() => void) | null = null;
port.on('message', (m) => {
  if (m === MORE) {
    credits++;
    wake?.();
  }
});
const send = (m: ParseMessage) => port.postMessage(m);

async function run(): Promise<void> {
  const d = await detect(init.path, detectOptions(init.read));
  const mapper = new RowMapper(init.kind, d.columns, init.mapping, init.eventType, { sample: d.sample, overrides: init.dateOverrides ?? {} });
  const customers = init.kind === 'customers';
  const slots = slotsFor(d.columns.map((c) => init.mapping[c]), attributesOf(init.kind));
  let read = 0;
  let imported = 0;
  let rejected = 0;
  let rows: unknown[][] = [];
  let rejects: unknown[][] = [];
  let bytes = 0;
  const notes: string[] = [];
  let noteCount = 0;
  const flush = async () => {
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits--;
    send({ t: 'batch', rows, rejects, bytes, read, imported, rejected });
    rows = [];
    rejects = [];
  };
  for await (const items of readRowBatches(init.path, d)) {
    for (const item of items) {
      if (item.kind === 'note') {
        // Not a row, but not silent either: the import result lists them.
        if (noteCount++ < NOTE_CAP) notes.push(item.note.message);
        continue;
      }
      read++;
      if (item.kind === 'reject') {
        const r = item.reject;
        rejected++;
        bytes = r.bytes;
        rejects.push([r.rowNo, r.raw, r.reason, r.column ?? null]);
      } else {
        const row = item.row;
        bytes = row.bytes;
        // [row_no, raw, ...canonical values]; raw is packed once the canonical values are known.
        const out: (string | number | null)[] = [row.rowNo, null];
        if (customers) {
          imported++;
          mapper.customerRow(row.values, out);
          out[1] = packRaw(row.values, slots, out, 2);
          rows.push(out);
        } else {
          const mapped = mapper.map(row.values);
          if (mapped.problem) {
            rejected++;
            rejects.push([row.rowNo, row.raw, `row ${row.rowNo}, column ${mapped.problem.column}: ${mapped.problem.reason}`, mapped.problem.column]);
          } else {
            imported++;
            for (const a of EVENT_ATTRIBUTES) out.push(mapped.values[a] ?? null);
            out[1] = packRaw(row.values, slots, out, 2);
            rows.push(out);
          }
        }
      }
      if (rows.length + rejects.length >= init.batchRows) await flush();
    }
  }
  if (rows.length + rejects.length > 0) await flush();
  send({ t: 'done', read, imported, rejected, notes, noteCount });
}

run().catch((e: unknown) => send({ t: 'error', error: toWireError(e) }));
