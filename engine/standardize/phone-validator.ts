// Phone validity with libphonenumber-js, made affordable for millions of rows.
// A full parse costs 30-60 µs here, so numbers written only with digits, spaces and + ( ) - . /
// are validated per *template*: the first six digits (eight in international form, where the
// country code takes some) plus the length. Validity in libphonenumber's metadata is decided by
// leading digits and length, so one template = one verdict. Each template is verified on two
// different numbers; when they disagree (validity, country code or national prefix) the template
// is marked mixed and its numbers are parsed one by one. Anything else (letters, "ext") is parsed
// in full with an exact cache. `exact: true` turns templates off (tests compare both ways).
import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js';

interface Template {
  valid: boolean;
  /** Country calling code, and how many leading chars of the compact form to drop, for E.164. */
  cc: string;
  strip: number;
  seen: string | null; // first compact number; null once verified or mixed
  mixed: boolean;
}

export class PhoneValidator {
  /** E.164 form of the last number checked with wantE164, when valid. */
  e164: string | null = null;
  /** Full parses performed (for benchmarks). */
  parses = 0;
  private readonly country: CountryCode | undefined;
  private readonly templates = new Map<number, Template>();
  private readonly exactCache = new Map<string, string | null>();
  private lastIn = '';
  private lastOut = false;
  private lastE164: string | null | undefined = undefined; // undefined: not worked out for lastIn
  private lastTpl: Template | null = null;

  constructor(
    defaultCountry: string,
    private readonly exact = false,
  ) {
    const c = defaultCountry.toUpperCase();
    this.country = isSupportedCountry(c) ? c : undefined;
  }

  /**
   * Is `t` (trimmed) a valid phone number for the default country, or in international form?
   * With wantE164, `e164` is set to its E.164 form (null when invalid).
   */
  check(t: string, wantE164 = false): boolean {
    if (t === this.lastIn) {
      if (!wantE164) return this.lastOut;
      if (this.lastE164 === undefined) this.lastE164 = this.lastTpl ? this.e164Of(this.lastTpl, t) : null;
      this.e164 = this.lastE164;
      return this.lastOut;
    }
    this.lastTpl = null;
    const ok = this.checkUncached(t, wantE164);
    this.lastIn = t;
    this.lastOut = ok;
    // Full parses always yield e164; template hits work it out only when asked.
    this.lastE164 = wantE164 || this.lastTpl === null ? this.e164 : undefined;
    return ok;
  }

  /** Parses done ahead of need (see PhonePrefetcher): input → E.164 or null; parsing is pure. */
  prefetched: Map<string, string | null> | null = null;

  private full(t: string): string | null {
    this.parses++;
    const pre = this.prefetched?.get(t);
    if (pre !== undefined) return pre;
    const p = parsePhoneNumberFromString(t, this.country);
    return p && p.isValid() ? p.number : null;
  }

  private checkUncached(t: string, wantE164: boolean): boolean {
    const key = this.exact ? -1 : templateKey(t);
    if (key < 0) {
      let r = this.exactCache.get(t);
      if (r === undefined) {
        r = this.full(t);
        if (this.exactCache.size < 100_000) this.exactCache.set(t, r);
      }
      this.e164 = r;
      return r !== null;
    }
    const tpl = this.templates.get(key);
    if (tpl && !tpl.mixed && tpl.seen === null) return this.apply(tpl, t, wantE164);
    const c = compact(t)!;
    if (tpl?.seen === c) return this.apply(tpl, t, wantE164);
    const r = this.full(c);
    const fresh = templateOf(c, r);
    if (!tpl) {
      fresh.seen = c;
      this.templates.set(key, fresh);
    } else if (!tpl.mixed) {
      if (tpl.valid !== fresh.valid || tpl.cc !== fresh.cc || tpl.strip !== fresh.strip) tpl.mixed = true;
      tpl.seen = null;
    }
    this.e164 = r;
    return r !== null;
  }

  private apply(tpl: Template, t: string, wantE164: boolean): boolean {
    this.lastTpl = tpl;
    this.e164 = wantE164 ? this.e164Of(tpl, t) : null;
    return tpl.valid;
  }

  private e164Of(tpl: Template, t: string): string | null {
    return tpl.valid ? '+' + tpl.cc + compact(t)!.slice(tpl.strip) : null;
  }
}

/**
 * The template of a number written with digits, spaces and ( ) - . / and an optional leading '+':
 * a number made of its first six digits (eight after a '+', which the country code uses up), its
 * compact length, its leading zeros and the '+' flag; -1 otherwise.
 */
function templateKey(t: string): number {
  let lead = 0;
  let digits = 0;
  let len = 0;
  let plus = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      if (digits < (plus ? 8 : 6)) lead = lead * 10 + (ch - 48);
      digits++;
      len++;
    } else if (ch === 43 && i === 0) {
      plus = 1;
      len++;
    } else if (!(ch === 32 || ch === 40 || ch === 41 || ch === 45 || ch === 46 || ch === 47)) return -1;
  }
  if (digits < 7 || digits > 17) return -1;
  // Leading zeros matter ("07…" vs "7…"): count them into the key as well.
  let zeros = 0;
  for (let i = plus; i < t.length && zeros < 6; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 48) zeros++;
    else if (ch >= 49 && ch <= 57) break;
  }
  return ((plus * 8 + zeros) * 32 + len) * 100_000_000 + lead;
}

function templateOf(c: string, e164: string | null): Template {
  if (e164 === null) return { valid: false, cc: '', strip: 0, seen: null, mixed: false };
  // e164 = '+' + cc + national; find the national number as a suffix of the compact form.
  const digits = e164.slice(1);
  for (let ccLen = 1; ccLen <= 3; ccLen++) {
    const nat = digits.slice(ccLen);
    if (c.endsWith(nat)) return { valid: true, cc: digits.slice(0, ccLen), strip: c.length - nat.length, seen: null, mixed: false };
  }
  return { valid: true, cc: '', strip: 0, seen: null, mixed: true };
}

/** Digits with an optional leading '+', after dropping spaces and ( ) - . / ; null if anything else. */
function compact(t: string): string | null {
  let out = '';
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) continue;
    if (ch === 43 && i === 0) continue;
    if (ch === 32 || ch === 40 || ch === 41 || ch === 45 || ch === 46 || ch === 47) {
      out += t.slice(start, i);
      start = i + 1;
      continue;
    }
    return null;
  }
  out += t.slice(start);
  return out.length >= 7 ? out : null;
}
