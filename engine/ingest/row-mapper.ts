// Maps one parsed row onto the canonical customer or event columns, per the import's mapping.
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping } from '../api/ingest.js';
import { AerieError } from '../api/errors.js';
import { combineParts } from '../api/mapping-combine.js';
import { isoDateTime } from '../standardize/dates.js';
import { columnDateIso, decideColumnDates, type ColumnDates, type DateOverride } from '../standardize/dates-column.js';
import { splitNameAsWritten } from '../standardize/name-split.js';
import { amount, clean, flag } from './values.js';

export type Canonical = Record<string, string | number | null>;

/** Position of each customer attribute in CUSTOMER_ATTRIBUTES. */
const C = Object.fromEntries(CUSTOMER_ATTRIBUTES.map((a, i) => [a, i])) as Record<(typeof CUSTOMER_ATTRIBUTES)[number], number>;

export interface MappedRow {
  values: Canonical;
  /** Set when the row cannot be stored: which column and why. */
  problem?: { column: string; reason: string };
}

export class RowMapper {
  /** For each canonical attribute, the column indexes that feed it, in file order. */
  private readonly sources = new Map<string, number[]>();
  private readonly columnOf = new Map<string, string>();

  constructor(
    readonly kind: ImportKind,
    readonly columns: string[],
    mapping: Mapping,
    private readonly eventType: string | undefined,
    /** Import only: store dates of birth as ISO, decided per column from the file's first rows and the saved overrides. */
    dates?: { sample: (string | null)[][]; overrides: Record<string, DateOverride> },
  ) {
    const allowed: readonly string[] = kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
    for (const [column, attribute] of Object.entries(mapping)) {
      if (attribute === null) continue;
      const i = columns.indexOf(column);
      if (i < 0) throw new AerieError('INVALID_INPUT', `The mapping names column "${column}", which the file does not have.`, { column, hint: `Columns: ${columns.join(', ')}` });
      if (!allowed.includes(attribute)) throw new AerieError('INVALID_INPUT', `"${attribute}" is not a ${kind} attribute.`, { column, value: attribute, hint: `Use one of ${allowed.join(', ')}.` });
      const list = this.sources.get(attribute) ?? [];
      list.push(i);
      this.sources.set(attribute, list);
      this.columnOf.set(attribute, column);
    }
    // several feeders combine in file order, whatever order the mapping object lists them in
    for (const list of this.sources.values()) list.sort((x, y) => x - y);
    const dob = this.sources.get('date_of_birth');
    if (dates && dob) {
      const name = columns[dob[0]!]!;
      const override = dates.overrides[name];
      const d = decideColumnDates(name, dates.sample.map((r) => this.pick(r, dob, 'date_of_birth')), override, true);
      // too few rows to settle day/month order: ambiguous values stay as written, never guessed
      this.dob = override === undefined && dates.sample.length === 0 ? { ...d, orderUnknown: true } : d;
    }
    if (kind === 'events') {
      if (!this.sources.has('source_key')) throw new AerieError('INVALID_INPUT', 'Events need a customer key column: map one column to source_key.');
      if (!this.sources.has('at')) throw new AerieError('INVALID_INPUT', 'Events need a date column: map one column to at.');
      if (!this.sources.has('type') && !eventType) throw new AerieError('INVALID_INPUT', 'Events need a type: map a column to type or give an event type for the whole file.');
    }
  }

  /** How the date of birth column is read (import only); undefined: kept as written. */
  private readonly dob: ColumnDates | undefined;

  private get(values: (string | null)[], attribute: string): string | null {
    const idx = this.sources.get(attribute);
    return idx ? this.pick(values, idx, attribute) : null;
  }

  /** Several feeding columns combine as the contract says (engine/api/mapping-combine.ts). */
  private pick(values: (string | null)[], idx: readonly number[], attribute: string): string | null {
    if (idx.length === 1) return clean(values[idx[0]!]);
    const parts = idx.map((i) => clean(values[i])).filter((v): v is string => v !== null);
    return combineParts(attribute, parts);
  }

  map(values: (string | null)[]): MappedRow {
    if (this.kind === 'events') return this.event(values);
    const row = this.customerRow(values, []);
    const out: Canonical = {};
    CUSTOMER_ATTRIBUTES.forEach((a, i) => (out[a] = row[i]!));
    return { values: out };
  }

  /** Feeders of each customer attribute, in CUSTOMER_ATTRIBUTES order (null: not mapped). */
  private plan: (readonly number[] | null)[] | null = null;

  /**
   * The canonical customer values appended to `out` in CUSTOMER_ATTRIBUTES order, without an
   * intermediate object: the import's hot loop builds millions of these.
   */
  customerRow(v: (string | null)[], out: (string | number | null)[]): (string | number | null)[] {
    const plan = (this.plan ??= CUSTOMER_ATTRIBUTES.map((a) => this.sources.get(a) ?? null));
    const base = out.length;
    for (let i = 0; i < plan.length; i++) {
      const idx = plan[i];
      out.push(idx ? this.pick(v, idx, CUSTOMER_ATTRIBUTES[i]!) : null);
    }
    if (plan[C.consent_email]) out[base + C.consent_email] = flag(out[base + C.consent_email] as string | null);
    if (plan[C.consent_sms]) out[base + C.consent_sms] = flag(out[base + C.consent_sms] as string | null);
    if (this.dob && plan[C.date_of_birth]) out[base + C.date_of_birth] = columnDateIso(out[base + C.date_of_birth] as string | null, this.dob);
    const given = out[base + C.given_name] as string | null;
    const family = out[base + C.family_name] as string | null;
    const full = out[base + C.full_name] as string | null;
    if (full && !given && !family) {
      const sp = splitNameAsWritten(full);
      out[base + C.given_name] = sp.given;
      out[base + C.family_name] = sp.family;
    } else if (!full && (given || family)) {
      out[base + C.full_name] = given && family ? `${given} ${family}` : (given ?? family);
    }
    return out;
  }

  private event(v: (string | null)[]): MappedRow {
    const key = this.get(v, 'source_key');
    if (key === null) return { values: {}, problem: { column: this.columnOf.get('source_key')!, reason: 'no customer key: the event cannot be linked to a customer' } };
    const rawAt = this.get(v, 'at');
    const at = isoDateTime(rawAt);
    if (at === null) {
      return { values: {}, problem: { column: this.columnOf.get('at')!, reason: rawAt === null ? 'no date' : `"${rawAt}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)` } };
    }
    const rawAmount = this.get(v, 'amount');
    const amt = amount(rawAmount);
    if (rawAmount !== null && amt === null) {
      return { values: {}, problem: { column: this.columnOf.get('amount')!, reason: `"${rawAmount}" is not a number` } };
    }
    return { values: { source_key: key, type: this.get(v, 'type') ?? this.eventType ?? 'event', at, amount: amt, channel: this.get(v, 'channel'), text: this.get(v, 'text') } };
  }
}
