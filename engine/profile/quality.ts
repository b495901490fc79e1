// Row-level quality figures over the canonical attributes: malformed emails and phones, and
// duplicate estimates on exact keys (normalised email; normalised phone; name + date of birth).
import { H, hash64 } from './hash.js';
import { HashSet64 } from './hashset.js';
import { toIsoDate } from '../standardize/dates.js';
import { isEmail } from '../standardize/email.js';
import { phoneDigits } from '../standardize/phone-digits.js';
import type { PhoneValidator } from '../standardize/phone-validator.js';
import type { DuplicateEstimate, QualitySummary } from './types.js';
import { isBlank } from './values.js';

export interface CanonicalRow {
  email: string | null;
  phone: string | null;
  givenName: string | null;
  familyName: string | null;
  fullName: string | null;
  dateOfBirth: string | null;
}

class KeyCount {
  keyed = 0;
  private readonly set = new HashSet64(1024);
  add(key: string): void {
    this.keyed++;
    this.set.add(key);
  }
  addHash(a: number, b: number): void {
    this.keyed++;
    this.set.addHash(a, b);
  }
  result(): DuplicateEstimate {
    const distinct = this.set.size;
    const duplicates = this.keyed - distinct;
    return { keyed: this.keyed, distinct, duplicates, duplicateShare: this.keyed === 0 ? 0 : duplicates / this.keyed };
  }
}

const present = (v: string | null): v is string => v !== null && !isBlank(v);

/** Lower case, single spaces, no outer whitespace. */
export function normaliseName(s: string): string {
  const t = s.trim().toLowerCase();
  return /\s\s|[\t\n\r\u00a0]/.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/**
 * Keys: email → trimmed, lower-cased; phone → E.164 when it validates, else its digits (≥ 7);
 * name + dob → full_name (or given + family), normalised, with the date of birth as ISO
 * (verbatim trimmed when it does not parse). Rows without a key are not counted for that key.
 */
export class QualityAccumulator {
  rows = 0;
  private emailPresent = 0;
  private emailBad = 0;
  private phonePresent = 0;
  private phoneBad = 0;
  private readonly email = new KeyCount();
  private readonly phone = new KeyCount();
  private readonly nameDob = new KeyCount();

  constructor(
    private readonly phones: PhoneValidator,
    private readonly monthFirst: boolean,
  ) {}

  /**
   * The same as add(r) on each accumulator, with the row's keys worked out (and hashed) once:
   * for a row that counts both in its source and in the workspace.
   */
  static addToAll(r: CanonicalRow, accs: QualityAccumulator[]): void {
    const a0 = accs[0]!;
    for (const a of accs) a.rows++;
    if (present(r.email)) {
      const t = r.email.trim();
      const bad = !isEmail(t);
      hash64(t.toLowerCase(), HashSet64.SEED);
      for (const a of accs) {
        a.emailPresent++;
        if (bad) a.emailBad++;
        a.email.addHash(H.h1, H.h2);
      }
    }
    if (present(r.phone)) {
      const t = r.phone.trim();
      const ok = a0.phones.check(t, true);
      const key = ok ? a0.phones.e164! : phoneDigits(t);
      const keyed = ok || key.length >= 7;
      if (keyed) hash64(key, HashSet64.SEED);
      for (const a of accs) {
        a.phonePresent++;
        if (!ok) a.phoneBad++;
        if (keyed) a.phone.addHash(H.h1, H.h2);
      }
    }
    const name = present(r.fullName) ? r.fullName : present(r.givenName) || present(r.familyName) ? `${r.givenName ?? ''} ${r.familyName ?? ''}` : null;
    if (name !== null && present(r.dateOfBirth)) {
      const dob = toIsoDate(r.dateOfBirth, a0.monthFirst) ?? r.dateOfBirth.trim();
      hash64(`${normaliseName(name)}|${dob}`, HashSet64.SEED);
      for (const a of accs) a.nameDob.addHash(H.h1, H.h2);
    }
  }

  add(r: CanonicalRow): void {
    this.rows++;
    if (present(r.email)) {
      const t = r.email.trim();
      this.emailPresent++;
      if (!isEmail(t)) this.emailBad++;
      this.email.add(t.toLowerCase());
    }
    if (present(r.phone)) {
      const t = r.phone.trim();
      this.phonePresent++;
      if (this.phones.check(t, true)) this.phone.add(this.phones.e164!);
      else {
        this.phoneBad++;
        const d = phoneDigits(t);
        if (d.length >= 7) this.phone.add(d);
      }
    }
    const name = present(r.fullName) ? r.fullName : present(r.givenName) || present(r.familyName) ? `${r.givenName ?? ''} ${r.familyName ?? ''}` : null;
    if (name !== null && present(r.dateOfBirth)) {
      const dob = toIsoDate(r.dateOfBirth, this.monthFirst) ?? r.dateOfBirth.trim();
      this.nameDob.add(`${normaliseName(name)}|${dob}`);
    }
  }

  result(): QualitySummary {
    const s = (bad: number, n: number) => (n === 0 ? 0 : bad / n);
    return {
      rows: this.rows,
      emails: { present: this.emailPresent, malformed: this.emailBad, malformedShare: s(this.emailBad, this.emailPresent) },
      phones: { present: this.phonePresent, malformed: this.phoneBad, malformedShare: s(this.phoneBad, this.phonePresent) },
      duplicates: { email: this.email.result(), phone: this.phone.result(), nameDob: this.nameDob.result() },
    };
  }
}
