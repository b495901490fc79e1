// Phone validity per template agrees with a full libphonenumber parse, with fewer parses.
import { describe, expect, it } from 'vitest';
import { PhoneValidator } from '../../../engine/standardize/phone-validator.js';

describe('phone validity per template', () => {
  it('agrees with a full libphonenumber parse of every number', () => {
    const fast = new PhoneValidator('GB');
    const exact = new PhoneValidator('GB', true);
    let s = 12345;
    const r = (k: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % k;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const numbers: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const f = r(6);
      if (f === 0) numbers.push(`07${pad(r(1000), 3)} ${pad(r(1_000_000), 6)}`);
      else if (f === 1) numbers.push(`+44 ${7 + r(2)}${pad(r(1000), 3)} ${pad(r(1_000_000), 6)}`);
      else if (f === 2) numbers.push(`020 ${pad(r(10_000), 4)} ${pad(r(10_000), 4)}`);
      else if (f === 3) numbers.push(`+1 (${200 + r(800)}) ${pad(r(1000), 3)}-${pad(r(10_000), 4)}`);
      else if (f === 4) numbers.push(`01${pad(r(1000), 3)} ${pad(r(1_000_000), r(2) ? 6 : 5)}`);
      else numbers.push(`+${r(99) + 1} ${pad(r(100_000_000), 8)}`);
    }
    let agree = 0;
    for (const n of numbers) {
      const a = fast.check(n, true);
      const ea = fast.e164;
      const b = exact.check(n, true);
      if (a === b && ea === exact.e164) agree++;
      else console.log("MISMATCH", n, a, ea, b, exact.e164);
    }
    expect(agree).toBe(numbers.length);
    expect(fast.parses).toBeLessThan(exact.parses);
  });
});
