// The numeric input every trainer in engine/ml takes: column-major float64 values, NaN = missing.
// Categorical columns arrive already one-hot encoded (see frame.ts), so every feature is numeric.

export interface Matrix {
  rows: number;
  /** One Float64Array of length `rows` per feature; NaN where the value is missing. */
  columns: Float64Array[];
  names: string[];
}

export function matrix(names: string[], columns: Float64Array[]): Matrix {
  const rows = columns[0]?.length ?? 0;
  for (const [k, c] of columns.entries()) {
    if (c.length !== rows) throw new Error(`feature ${names[k]} has ${c.length} values, expected ${rows}`);
  }
  return { rows, columns, names };
}

/** The rows `idx` of m, in that order. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const columns = m.columns.map((c) => {
    const out = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) out[i] = c[idx[i]!]!;
    return out;
  });
  return { rows: idx.length, columns, names: m.names };
}

export function takeLabels(y: ArrayLike<number>, idx: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i]!]!;
  return out;
}

/** Row i as a dense vector (for single-row scoring and explanations). */
export function rowOf(m: Matrix, i: number): Float64Array {
  const out = new Float64Array(m.columns.length);
  for (let f = 0; f < m.columns.length; f++) out[f] = m.columns[f]![i]!;
  return out;
}
