// Small integer hashing shared by the demo generator and the embedding featuriser.

/** murmur3's 32-bit finaliser: a well-mixed 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
