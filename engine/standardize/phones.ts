// Phone numbers in E.164 ("+447700900123") with libphonenumber-js, for use as matching keys.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const cache = new Map<string, string | null>();

/**
 * E.164 form of a phone number written in international form or in the national form of
 * `defaultCountry` (ISO 3166 alpha-2); null when libphonenumber cannot read it as a possible number.
 * Memoised per country and text (numbers repeat across sources).
 */
export function phoneE164(s: string | null | undefined, defaultCountry: string): string | null {
  if (!s) return null;
  const t = s.trim();
  if (t.length < 5 || t.length > 40) return null;
  const key = `${defaultCountry}|${t}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const cc = defaultCountry.toUpperCase();
  const country = isSupportedCountry(cc) ? (cc as CountryCode) : undefined;
  let out: string | null = null;
  try {
    const p = parsePhoneNumberFromString(t, country);
    out = p && p.isPossible() ? p.number : null;
  } catch {
    out = null;
  }
  if (cache.size > 500_000) cache.clear();
  cache.set(key, out);
  return out;
}
