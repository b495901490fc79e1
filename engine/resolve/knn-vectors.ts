// The built-in embedding model's vectors for a file's records, computed in plain JS (no ONNX
// session): the model is a ±1 random projection of hashed character n-gram bags, so the same
// featuriser and table give the same vectors (up to float rounding), synchronously, as the pipeline runs.
import { DEFAULT_BUILTIN_OPTIONS, rademacherTable } from '../embed/builtin-graph.js';
import { Featurizer } from '../embed/featurize.js';
import type { Prepared } from './standardise.js';

/** Roles whose values say who a record is; free text, categories, numbers and other dates do not. */
const TEXT_ROLES = new Set(['address', 'houseNumber', 'town', 'postcode', 'nationalId']);

/** The text of record i: its standardised identifying values, in column order. */
export function recordTexts(p: Prepared): string[] {
  const parts: ((i: number) => string | null)[] = [];
  for (const c of p.columns) {
    if (c.kind === 'name') parts.push((i) => c.norm[i] ?? null);
    else if (c.kind === 'date') {
      if (c.birth) parts.push((i) => c.key[i] ?? null);
    } else if (c.kind === 'email') parts.push((i) => c.norm[i] ?? null);
    else if (c.kind === 'phone') parts.push((i) => c.tail[i] ?? null);
    else if (TEXT_ROLES.has(c.role)) parts.push((i) => c.norm[i] ?? null);
  }
  const out = new Array<string>(p.n);
  for (let i = 0; i < p.n; i++) {
    let s = '';
    for (const f of parts) {
      const v = f(i);
      if (v) s += (s ? ' ' : '') + v;
    }
    out[i] = s;
  }
  return out;
}

let table: Int8Array | null = null;

/**
 * int8 vectors (n x dims, row-major, per-vector scale as the vector store keeps them) of the
 * built-in model for these texts. An empty text gets the zero vector (it has no neighbours).
 */
export function embedTexts(texts: readonly string[]): { dims: number; vecs: Int8Array } {
  const o = DEFAULT_BUILTIN_OPTIONS;
  const D = o.dims;
  table ??= rademacherTable(o.featurizer.buckets, D, o.projectionSeed);
  const t = table;
  const f = new Featurizer(o.featurizer);
  const vecs = new Int8Array(texts.length * D);
  const acc = new Float32Array(D);
  const GROUP = 4096; // featurise in groups: one CSR batch per group keeps memory flat
  for (let g = 0; g < texts.length; g += GROUP) {
    const batch = f.featurize(texts.slice(g, g + GROUP));
    for (let r = 0; r < batch.offsets.length - 1; r++) {
      acc.fill(0);
      for (let x = batch.offsets[r]!; x < batch.offsets[r + 1]!; x++) {
        const w = batch.weights[x]!;
        const base = batch.indices[x]! * D;
        for (let d = 0; d < D; d++) acc[d] = acc[d]! + w * t[base + d]!;
      }
      // int8 with scale 127 / max|x| (the store's toInt8; the L2 normalisation cancels out)
      let m = 0;
      for (let d = 0; d < D; d++) m = Math.max(m, Math.abs(acc[d]!));
      const s = m > 0 ? 127 / m : 0;
      const row = (g + r) * D;
      for (let d = 0; d < D; d++) vecs[row + d] = Math.round(acc[d]! * s);
    }
  }
  return { dims: D, vecs };
}
