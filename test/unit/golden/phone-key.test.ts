// The golden build's UK phone key skips libphonenumber's parse for plainly written UK numbers: it
// must give exactly what phoneE164 gives, for every way the demo and people write numbers, and
// leave everything else (other countries, odd ranges, letters, extensions) to the parse.
import { describe, expect, it } from 'vitest';
import { keyAndValidity, phoneKey } from '../../../engine/golden/attributes.js';
import { phoneE164 } from '../../../engine/standardize/phones.js';

// a fixed-seed generator, so a failure names the same inputs every run
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function formats(digits: string): string[] {
  const n = digits.slice(1);
  return [
    `+44 ${n.slice(0, 4)} ${n.slice(4)}`,
    digits,
    `${digits.slice(0, 5)} ${digits.slice(5)}`,
    `${digits.slice(0, 5)}-${digits.slice(5, 8)}-${digits.slice(8)}`,
    `+44${n}`,
    `(${digits.slice(0, 5)}) ${digits.slice(5)}`,
    `0044 ${n}`,
    `${digits.slice(0, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}`,
    `${digits.slice(0, 4)}.${digits.slice(4)}`,
    `+44 (0)${n}`,
    ` ${digits} `,
    `${digits} ext 12`,
    `${digits}x`,
    `+${digits}`,
    `44${n}`,
    `(+44) ${n}`,
    `${digits.slice(0, 6)}`,
    `0${digits}`,
    `+44 ${n}1`,
  ];
}

describe('golden phone key', () => {
  it('equals phoneE164 for UK numbers in every written form, over every leading digit', () => {
    const r = rng(12);
    let fast = 0;
    for (let k = 0; k < 400; k++) {
      const digits = `0${k % 10}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
      for (const s of formats(digits)) {
        expect(phoneKey(s, 'GB'), s).toBe(phoneE164(s, 'GB'));
        if (/^\+?[\d\s().-]+$/.test(s.trim()) && phoneKey(s, 'GB') !== null) fast++;
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it('leaves other countries to libphonenumber', () => {
    for (const s of ['07700 900123', '+44 7700 900123', '030 1234567', '+49 30 1234567', '(212) 555-0123']) {
      for (const c of ['DE', 'US', 'FR']) expect(phoneKey(s, c), `${s} ${c}`).toBe(phoneE164(s, c));
    }
  });

  it('keys and validates emails and phones in one pass as before', () => {
    expect(keyAndValidity('phone', '07700 900123', 'GB')).toEqual({ key: '+447700900123', valid: true });
    expect(keyAndValidity('phone', '123', 'GB')).toEqual({ key: '123', valid: false });
    expect(keyAndValidity('email', 'Ann@Example.com', 'GB')).toEqual({ key: 'ann@example.com', valid: true });
    expect(keyAndValidity('email', 'not an email', 'GB').valid).toBe(false);
  });
});
