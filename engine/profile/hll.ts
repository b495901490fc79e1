// HyperLogLog distinct counter, written here so the engine stays dependency-free.
// p = 14 → 16,384 one-byte registers (16 KiB), standard error 1.04/√m ≈ 0.81 %.
// The register index comes from the top p bits of one hash lane and the rank from the other lane,
// so ranks have 32 bits to spare and no large-range correction is needed below ~10^12 values.
import { H, hash64 } from './hash.js';

export class HyperLogLog {
  readonly p: number;
  readonly m: number;
  private readonly reg: Uint8Array;

  constructor(p = 14) {
    if (p < 4 || p > 18) throw new RangeError('HyperLogLog precision must be 4..18');
    this.p = p;
    this.m = 1 << p;
    this.reg = new Uint8Array(this.m);
  }

  add(s: string): void {
    hash64(s);
    this.addHash(H.h1, H.h2);
  }

  addHash(h1: number, h2: number): void {
    const idx = h1 >>> (32 - this.p);
    const rank = h2 === 0 ? 33 : Math.clz32(h2) + 1;
    if (rank > this.reg[idx]!) this.reg[idx] = rank;
  }

  merge(other: HyperLogLog): void {
    if (other.p !== this.p) throw new RangeError('HyperLogLog precision mismatch');
    for (let i = 0; i < this.m; i++) if (other.reg[i]! > this.reg[i]!) this.reg[i] = other.reg[i]!;
  }

  estimate(): number {
    const m = this.m;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      const r = this.reg[i]!;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    // Small range: linear counting is far more accurate while registers are still empty.
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(raw);
  }
}
