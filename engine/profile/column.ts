// One column's profile, built in a single streaming pass.
// While a column has few distinct values (≤ exactLimit) it only counts them in a Map, and every
// per-value test (kind, shape, date, validity) runs once per distinct value, weighted by its count,
// at the end. A column that outgrows the limit "spills": what was counted is processed, and from
// then on each value is processed as it comes, with a HyperLogLog for distinct counts and a
// Misra-Gries summary for top values.
import { HyperLogLog } from './hll.js';
import type { PhoneValidator } from '../standardize/phone-validator.js';
import { CANONICAL_PII, isIdentityNumber, isPostcodeHeader, piiFromHeader, piiFromValues, type PiiBasis, type PiiClass } from './pii.js';
import { MisraGries, ValueCounter, topOf, type Counted } from './topk.js';
import type { Bin, ColumnProfile, InferredType, Share } from './types.js';
import type { ColumnType } from '../api/profile-types.js';
import { fitsType, looseNumber } from './type-fit.js';
import { D, compactDateKey, isoOfKey } from '../standardize/dates.js';
import { EXCEL_MAX, excelSerialKey, isDateHeader, type DateOverride } from '../standardize/dates-column.js';
import { nationalIdClass } from '../standardize/ids.js';
import { postcodeClass } from '../standardize/postcode.js';
import { VALUE_KINDS, classify, hasOuterWs, isBlank, lastNumber, lastPhoneLike, shapeOf, type ValueKind } from './values.js';

export interface ColumnOptions {
  name: string;
  position: number;
  feeds: string[];
  declared: boolean;
  phones: PhoneValidator;
  /** Read ambiguous dd/mm vs mm/dd as month-first when the column gives no evidence (US default). */
  monthFirst: boolean;
  /** The analyst's date format for this column (saved with the workspace), if any. */
  dateOverride?: DateOverride | undefined;
  /** The analyst's type for this column (records/column-types.ts), if any. */
  typeOverride?: ColumnType | undefined;
  exactLimit: number;
  topN: number;
  /** Rows already scanned before this column was discovered (they count as nulls). */
  nullsBefore?: number;
}

const KIND_INDEX: Record<ValueKind, number> = { boolean: 0, integer: 1, decimal: 2, date: 3, email: 4, phone: 5, text: 6 };
const LEN_MAX = 1024;
const RESERVOIR = 20_000;
const BINS = 20;
/** Values shown of those that do not fit the analyst's type. */
const MISFIT_EXAMPLES = 5;
/** Share of non-blank values a kind needs for the column to take that type. */
export const TYPE_MAJORITY = 0.9;

export class ColumnProfiler {
  readonly name: string;
  nulls: number;
  private exactMap: Map<string, number> | null = new Map();
  private hll: HyperLogLog | null = null;
  private mg: MisraGries | null = null; // k = 256: any value above 1/257 of the rows is kept
  private blanks = 0;
  private nonBlank = 0;
  private untrimmed = 0;
  private withSpaces = 0;
  private readonly lenCounts = new Float64Array(LEN_MAX + 1);
  private lenMin = Infinity;
  private lenMax = -Infinity;
  private lenSum = 0;
  private readonly kinds = new Float64Array(7);
  // numbers
  private numCount = 0;
  private numMin = Infinity;
  private numMax = -Infinity;
  private numSum = 0;
  /** The same sum scaled down by 2^1000 (exact for large values): the mean when numSum overflows. */
  private numSumScaled = 0;
  private readonly numExact: number[] = []; // value, weight pairs (exact phase)
  private readonly reservoir: number[] = [];
  private streamed = 0;
  private rngState = 0x2545f491;
  // dates
  private dateCount = 0;
  private dateMin = Infinity;
  private dateMax = -Infinity;
  private ambiguous = 0;
  private dmyMin = Infinity;
  private dmyMax = -Infinity;
  private mdyMin = Infinity;
  private mdyMax = -Infinity;
  private evidenceDmy = 0;
  private evidenceMdy = 0;
  private readonly dateFormats = new Map<string, number>();
  // 8-digit integers that are real calendar dates (YYYYMMDD, 1800-2200): classified as integers,
  // the column becomes a date column at the end when nearly all its values are such dates
  private compactDates = 0;
  private compactMin = Infinity;
  private compactMax = -Infinity;
  // Whole numbers in Excel's serial range, in a column named like a date (or marked Excel): they
  // become dates at the end when they make the type majority (see adoptSerials)
  private readonly serialHint: boolean;
  private serials = 0;
  private serialMin = Infinity;
  private serialMax = -Infinity;
  // shapes and checks
  private readonly shapes: ValueCounter;
  private phoneValid = 0;
  private pcUk = 0;
  private pcUs = 0;
  private pcOther = 0;
  private nino = 0;
  private ssn = 0;
  private readonly phoneHint: boolean;
  private readonly postcodeHint: boolean;
  // the analyst's type: values that fit it, and a few that do not (shown, never dropped)
  private fits = 0;
  private readonly misfits = new Set<string>();

  constructor(private readonly o: ColumnOptions) {
    this.name = o.name;
    this.nulls = o.nullsBefore ?? 0;
    this.shapes = new ValueCounter(Math.min(o.exactLimit, 20_000), 256);
    const hints = [o.name, ...o.feeds];
    this.phoneHint = o.feeds.includes('phone') || (o.feeds.length === 0 && piiFromHeader(o.name) === 'phone');
    this.postcodeHint = hints.some(isPostcodeHeader);
    this.serialHint = o.dateOverride === 'EXCEL' || (o.dateOverride === undefined && (o.feeds.includes('date_of_birth') || isDateHeader(o.name)));
  }

  add(v: string | null): void {
    if (v === null) {
      this.nulls++;
      return;
    }
    const m = this.exactMap;
    if (m !== null) {
      const c = m.get(v);
      m.set(v, c === undefined ? 1 : c + 1);
      if (m.size > this.o.exactLimit) this.spill();
      return;
    }
    if (isBlank(v)) {
      this.blanks++;
      return;
    }
    this.process(v, 1, true);
    this.hll!.add(v);
    this.mg!.add(v, 1);
  }

  private spill(): void {
    const m = this.exactMap!;
    this.exactMap = null;
    this.hll = new HyperLogLog(14);
    this.mg = new MisraGries(256);
    for (const [v, c] of m) {
      if (isBlank(v)) {
        this.blanks += c;
        continue;
      }
      this.process(v, c, false);
      this.hll.add(v);
      this.mg.add(v, c);
    }
  }

  /** Everything but blank/null/distinct accounting, for one non-blank value seen w times. */
  private process(v: string, w: number, streaming: boolean): void {
    this.nonBlank += w;
    const len = v.length;
    this.lenCounts[len > LEN_MAX ? LEN_MAX : len]! += w;
    if (len < this.lenMin) this.lenMin = len;
    if (len > this.lenMax) this.lenMax = len;
    this.lenSum += len * w;
    let t = v;
    if (hasOuterWs(v)) {
      this.untrimmed += w;
      t = v.trim();
    }
    if (t.indexOf(' ') > 0) this.withSpaces += w;
    const kind = classify(t);
    this.kinds[KIND_INDEX[kind]]! += w;
    let num: number | null = null;
    let dateLike = kind === 'date';
    if (kind === 'integer' || kind === 'decimal') {
      const x = lastNumber;
      if (Number.isFinite(x)) {
        num = x;
        this.addNumber(x, w, streaming);
      }
      if (this.serialHint) {
        const k = excelSerialKey(t, this.o.dateOverride === 'EXCEL' ? undefined : EXCEL_MAX);
        if (k !== null) {
          dateLike = true;
          this.serials += w;
          if (k < this.serialMin) this.serialMin = k;
          if (k > this.serialMax) this.serialMax = k;
        }
      }
      if (t.length === 8) {
        const k = compactDateKey(t);
        if (k !== null) {
          dateLike = true;
          this.compactDates += w;
          if (k < this.compactMin) this.compactMin = k;
          if (k > this.compactMax) this.compactMax = k;
        }
      }
    } else if (kind === 'date') {
      this.dateCount += w;
      this.dateFormats.set(D.format, (this.dateFormats.get(D.format) ?? 0) + w);
      if (D.kind === 2) {
        this.ambiguous += w;
        if (D.a < this.dmyMin) this.dmyMin = D.a;
        if (D.a > this.dmyMax) this.dmyMax = D.a;
        if (D.b < this.mdyMin) this.mdyMin = D.b;
        if (D.b > this.mdyMax) this.mdyMax = D.b;
      } else {
        if (D.a < this.dateMin) this.dateMin = D.a;
        if (D.a > this.dateMax) this.dateMax = D.a;
        if (D.evidence === 1) this.evidenceDmy += w;
        else if (D.evidence === 2) this.evidenceMdy += w;
      }
    }
    const ov = this.o.typeOverride;
    if (ov !== undefined) {
      // numbers written as text ("1,234", "£12") count as numbers once the analyst says so
      if (num === null && (ov === 'integer' || ov === 'decimal')) {
        num = looseNumber(t);
        if (num !== null) this.addNumber(num, w, streaming);
      }
      if (ov === 'date' ? dateLike : fitsType(ov, t, kind, num)) this.fits += w;
      else if (this.misfits.size < MISFIT_EXAMPLES) this.misfits.add(t);
    }
    if (kind === 'phone' || (this.phoneHint && (lastPhoneLike || kind === 'text'))) {
      if (this.o.phones.check(t)) this.phoneValid += w;
    }
    if (len <= 10 && (this.postcodeHint || kind === 'text' || kind === 'integer')) {
      const pc = postcodeClass(t);
      if (pc === 'uk') this.pcUk += w;
      else if (pc === 'us') this.pcUs += w;
      else if (pc === 'other') this.pcOther += w;
    }
    if (len >= 9 && len <= 13) {
      const id = nationalIdClass(t);
      if (id === 'nino') this.nino += w;
      else if (id === 'ssn') this.ssn += w;
    }
    this.shapes.add(shapeOf(v), w);
  }

  private addNumber(x: number, w: number, streaming: boolean): void {
    this.numCount += w;
    this.numSum += x * w;
    this.numSumScaled += (x * 2 ** -1000) * w;
    if (x < this.numMin) this.numMin = x;
    if (x > this.numMax) this.numMax = x;
    if (streaming) this.sample(x);
    else this.numExact.push(x, w);
  }

  /** Reservoir sample (Algorithm R) of numbers seen after spilling, for the histogram. */
  private sample(x: number): void {
    this.streamed++;
    if (this.reservoir.length < RESERVOIR) {
      this.reservoir.push(x);
      return;
    }
    let s = this.rngState;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.rngState = s;
    const j = (s >>> 0) % this.streamed;
    if (j < RESERVOIR) this.reservoir[j] = x;
  }

  finish(rows: number): ColumnProfile {
    let distinct: { count: number; exact: boolean };
    let top: { values: Counted[]; exact: boolean; maxError: number };
    const m = this.exactMap;
    if (m !== null) {
      for (const [v, c] of m) {
        if (isBlank(v)) {
          this.blanks += c;
          m.delete(v);
        } else this.process(v, c, false);
      }
      distinct = { count: m.size, exact: true };
      top = { values: topOf(m, this.o.topN), exact: true, maxError: 0 };
    } else {
      // An estimate above the number of values seen is certainly wrong: clamp it.
      distinct = { count: Math.min(this.hll!.estimate(), this.nonBlank), exact: false };
      top = { values: this.mg!.top(this.o.topN), exact: false, maxError: this.mg!.maxError };
    }
    const nb = this.nonBlank;
    const numbers = this.numCount;
    this.adoptCompactDates(nb);
    this.adoptSerials(nb);
    if (this.o.dateOverride === 'NONE') this.dropDates();
    const kinds = {} as Record<ValueKind, number>;
    for (const k of VALUE_KINDS) kinds[k] = this.kinds[KIND_INDEX[k]]!;
    const inferredType = inferType(kinds, nb);
    const ov = this.o.typeOverride;
    if (ov === 'date') {
      // the analyst says dates: YYYYMMDD numbers and (in a date-named column) serials are dates however few
      this.adoptCompactDates(nb, true);
      this.adoptSerials(nb, true);
    }
    // the figures follow the analyst's type: no numeric summary of a zip code set as text, no dates in a number
    if (ov !== undefined && ov !== 'date') this.dateCount = 0;
    if (ov !== undefined && ov !== 'integer' && ov !== 'decimal') this.numCount = 0;
    else if (ov !== undefined) this.numCount = numbers; // 8-digit ids the analyst calls numbers stay numbers
    const pii = this.piiClass(kinds, inferredType);
    const share = (valid: number, checked = nb): Share => ({ checked, valid, invalid: checked - valid, validShare: checked === 0 ? 0 : valid / checked });
    const validity: ColumnProfile['validity'] = {};
    if (pii.class === 'email' || inferredType === 'email') validity.email = share(kinds.email);
    // an id written in digit groups is phone-shaped; judging it as a phone would report it malformed
    if (pii.class === 'phone' || (inferredType === 'phone' && !isIdentityNumber(pii.class))) validity.phone = share(this.phoneValid);
    if (ov === 'date' || (ov === undefined && (pii.class === 'date_of_birth' || inferredType === 'date') && this.o.dateOverride !== 'NONE')) validity.date = share(this.dateCount);
    if (this.postcodeHint || (nb > 0 && this.pcUk / nb >= 0.8)) {
      validity.postcode = { ...share(this.pcUk + this.pcUs + this.pcOther), uk: this.pcUk, us: this.pcUs, other: this.pcOther };
    }
    if (pii.class === 'national_id') validity.nationalId = { ...share(this.nino + this.ssn), nino: this.nino, ssn: this.ssn };

    return {
      name: this.o.name,
      position: this.o.position,
      feeds: this.o.feeds,
      declared: this.o.declared,
      rows,
      nulls: this.nulls,
      nullShare: rows === 0 ? 0 : this.nulls / rows,
      blanks: this.blanks,
      blankShare: rows === 0 ? 0 : this.blanks / rows,
      nonBlank: nb,
      untrimmed: this.untrimmed,
      distinct,
      topValues: top,
      inferredType,
      kinds,
      length: nb === 0 ? null : { min: this.lenMin, max: this.lenMax, mean: this.lenSum / nb, histogram: this.lengthHistogram() },
      numeric: this.numCount === 0 ? null : this.numericSummary(),
      dates: this.dateCount === 0 ? null : this.dateSummary(),
      shapes: { values: this.shapes.top(this.o.topN), exact: this.shapes.exact, maxError: this.shapes.maxError, distinct: this.shapes.distinct },
      validity,
      pii,
      typeOverride: ov === undefined ? null : { type: ov, fits: this.fits, notFitting: nb - this.fits, examples: [...this.misfits] },
    };
  }

  private piiClass(kinds: Record<ValueKind, number>, inferredType: InferredType): { class: PiiClass; basis: PiiBasis } {
    for (const f of this.o.feeds) {
      const c = CANONICAL_PII[f];
      if (c && c !== 'none') return { class: c, basis: 'canonical' };
    }
    // Mapped only to non-personal attributes (consent flags, company…): the mapping decides.
    if (this.o.feeds.length > 0 && this.o.feeds.every((f) => CANONICAL_PII[f] === 'none')) return { class: 'none', basis: 'canonical' };
    // A yes/no flag named after a contact channel (PhoneService, EmailOptIn) is not a contact detail.
    const h = inferredType === 'boolean' ? null : piiFromHeader(this.o.name);
    if (h) return { class: h, basis: 'header' };
    const nb = this.nonBlank;
    const byValues = piiFromValues({
      nonBlank: nb,
      emailValid: kinds.email,
      phoneKind: kinds.phone,
      nationalId: this.nino + this.ssn,
      ukPostcode: this.pcUk,
      meanLength: nb === 0 ? 0 : this.lenSum / nb,
      withSpaces: this.withSpaces,
    });
    if (byValues) return { class: byValues, basis: 'values' };
    return { class: 'none', basis: 'none' };
  }

  private lengthHistogram(): Bin[] {
    const lo = this.lenMin;
    const hi = Math.min(this.lenMax, LEN_MAX);
    const width = Math.max(1, Math.ceil((hi - lo + 1) / BINS));
    const bins: Bin[] = [];
    for (let from = lo; from <= hi; from += width) {
      const to = Math.min(hi, from + width - 1);
      let count = 0;
      for (let l = from; l <= to; l++) count += this.lenCounts[l]!;
      bins.push({ from, to, count });
    }
    return bins;
  }

  private numericSummary(): NonNullable<ColumnProfile['numeric']> {
    const min = this.numMin;
    const max = this.numMax;
    const n = min === max ? 1 : BINS;
    // max/n - min/n, not (max - min)/n: the difference of two huge values overflows to Infinity
    const width = max / n - min / n || 1;
    const counts = new Float64Array(n);
    const bin = (x: number) => Math.min(n - 1, Math.max(0, Math.floor(x / width - min / width)));
    for (let i = 0; i < this.numExact.length; i += 2) counts[bin(this.numExact[i]!)]! += this.numExact[i + 1]!;
    const sampled = this.reservoir.length;
    const scale = sampled === 0 ? 0 : this.streamed / sampled;
    for (const x of this.reservoir) counts[bin(x)]! += scale;
    const histogram: Bin[] = [];
    // edges as weighted means of min and max: min + i * width overflows for huge ranges
    const edge = (i: number) => (i === 0 ? min : i === n ? max : min * (1 - i / n) + max * (i / n));
    for (let i = 0; i < n; i++) histogram.push({ from: edge(i), to: edge(i + 1), count: Math.round(counts[i]!) });
    const mean = Number.isFinite(this.numSum) ? this.numSum / this.numCount : (this.numSumScaled / this.numCount) * 2 ** 1000;
    return { count: this.numCount, min, max, mean, histogram, histogramExact: this.streamed <= sampled };
  }

  /**
   * A column of YYYYMMDD numbers (FEBRL's date_of_birth: 19560409) is a date column, not an
   * integer one: when such dates make the type majority, they count as dates (format YYYYMMDD) and
   * leave the numeric summary. A random 8-digit id is rarely a valid date in 1800-2200, so ids
   * stay integers.
   */
  private adoptCompactDates(nonBlank: number, forced = false): void {
    const w = this.compactDates;
    if (w === 0 || (!forced && w < TYPE_MAJORITY * nonBlank)) return;
    this.compactDates = 0;
    this.kinds[KIND_INDEX.integer]! -= w;
    this.kinds[KIND_INDEX.date]! += w;
    this.dateCount += w;
    this.dateFormats.set('YYYYMMDD', (this.dateFormats.get('YYYYMMDD') ?? 0) + w);
    this.dateMin = Math.min(this.dateMin, this.compactMin);
    this.dateMax = Math.max(this.dateMax, this.compactMax);
    // the numbers were dates: no numeric summary of 19,560,409-like values
    this.numCount = 0;
  }

  /**
   * Excel serial numbers (31145 = 1985-04-09) in a column named like a date, or marked as Excel by
   * the analyst: dates when they make the type majority, as adoptCompactDates does for YYYYMMDD.
   * A column of integers with another header stays integers (a count or an amount is not a date).
   */
  private adoptSerials(nonBlank: number, forced = false): void {
    const w = this.serials;
    if (w === 0 || (!forced && w < TYPE_MAJORITY * nonBlank)) return;
    this.serials = 0;
    const whole = Math.min(w, this.kinds[KIND_INDEX.integer]!);
    this.kinds[KIND_INDEX.integer]! -= whole;
    this.kinds[KIND_INDEX.decimal]! -= w - whole;
    this.kinds[KIND_INDEX.date]! += w;
    this.dateCount += w;
    this.dateFormats.set('Excel serial', (this.dateFormats.get('Excel serial') ?? 0) + w);
    this.dateMin = Math.min(this.dateMin, this.serialMin);
    this.dateMax = Math.max(this.dateMax, this.serialMax);
    this.numCount = 0;
  }

  /** The analyst says this column holds no dates: its values count as text. */
  private dropDates(): void {
    this.kinds[KIND_INDEX.text]! += this.kinds[KIND_INDEX.date]!;
    this.kinds[KIND_INDEX.date] = 0;
    this.dateCount = 0;
  }

  private dateSummary(): NonNullable<ColumnProfile['dates']> {
    const ov = this.o.dateOverride;
    const order: 'DMY' | 'MDY' =
      ov === 'DMY' || ov === 'MDY' ? ov : this.evidenceMdy > this.evidenceDmy ? 'MDY' : this.evidenceDmy > this.evidenceMdy ? 'DMY' : this.o.monthFirst ? 'MDY' : 'DMY';
    let lo = this.dateMin;
    let hi = this.dateMax;
    if (this.ambiguous > 0) {
      lo = Math.min(lo, order === 'DMY' ? this.dmyMin : this.mdyMin);
      hi = Math.max(hi, order === 'DMY' ? this.dmyMax : this.mdyMax);
    }
    // "DD/MM/YYYY or MM/DD/YYYY" takes the order's name once a value or the analyst settles it
    const orderSettled = ov === 'DMY' || ov === 'MDY' || this.evidenceDmy > 0 || this.evidenceMdy > 0;
    const named = new Map<string, number>();
    for (const [f, n] of this.dateFormats) {
      const parts = f.split(' or ');
      const name = parts.length === 2 && orderSettled ? parts[order === 'MDY' ? 1 : 0]! : f;
      named.set(name, (named.get(name) ?? 0) + n);
    }
    const formats = topOf(named, 20);
    return {
      count: this.dateCount,
      min: isoOfKey(lo),
      max: isoOfKey(hi),
      ambiguous: this.ambiguous,
      order,
      orderEvidence: { dmy: this.evidenceDmy, mdy: this.evidenceMdy },
      formats,
      detected: formats[0]?.value ?? null,
      override: ov ?? null,
      orderSettled: this.ambiguous === 0 || orderSettled,
    };
  }
}

/**
 * The column's type: the first of boolean, integer, decimal (integers count too), date, email,
 * phone that covers ≥ 90 % of non-blank values; else text; 'empty' with no non-blank values.
 */
export function inferType(k: Record<ValueKind, number>, nonBlank: number): InferredType {
  if (nonBlank === 0) return 'empty';
  const ok = (x: number) => x >= TYPE_MAJORITY * nonBlank;
  if (ok(k.boolean)) return 'boolean';
  if (ok(k.integer)) return 'integer';
  if (ok(k.integer + k.decimal)) return 'decimal';
  if (ok(k.date)) return 'date';
  if (ok(k.email)) return 'email';
  if (ok(k.phone)) return 'phone';
  return 'text';
}
