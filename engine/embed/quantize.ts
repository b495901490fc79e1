// int8 vectors (per-vector scale; cosine does not depend on it) and their sign bits.

/** Quantise a float vector to int8 with scale 127 / max|x|. */
export function toInt8(v: Float32Array, out: Int8Array = new Int8Array(v.length)): Int8Array {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i] as number);
    if (a > m) m = a;
  }
  const s = m > 0 ? 127 / m : 0;
  for (let i = 0; i < v.length; i++) out[i] = Math.round((v[i] as number) * s);
  return out;
}

/** Sign bits of a vector: bit i set when x_i > 0, packed little-endian into 32-bit words. */
export function signBits(v: ArrayLike<number>, out: Uint32Array, offset = 0): void {
  const words = Math.ceil(v.length / 32);
  for (let w = 0; w < words; w++) {
    let bits = 0;
    const base = w * 32;
    const lim = Math.min(32, v.length - base);
    for (let b = 0; b < lim; b++) if ((v[base + b] as number) > 0) bits |= 1 << b;
    out[offset + w] = bits >>> 0;
  }
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function int8Norm(v: Int8Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}
