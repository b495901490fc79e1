// A fast 64-bit string hash (two 32-bit lanes, cyrb53-style mixing) used by the sketches.
// The result lands in `H` instead of a fresh array, so the hot loop allocates nothing.

export const H = { h1: 0, h2: 0 };

/** Hash `s` into H.h1 / H.h2 (unsigned 32-bit each). */
export function hash64(s: string, seed = 0): void {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // Final avalanche on both lanes so the top bits of h1 (the HLL register index) are well mixed.
  h1 = Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d);
  h1 ^= h1 >>> 12;
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x297a2d39);
  h2 ^= h2 >>> 12;
  H.h1 = h1 >>> 0;
  H.h2 = h2 >>> 0;
}
