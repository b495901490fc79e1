// Maps one parsed row onto the canonical customer or event columns, per the import's mapping.
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping } from '../api/ingest-schemas.js';
import { AerieError } from '../api/errors.js';
import { amount, clean, flag, isoDate, splitFullName } from './values.js';

export type Canonical = Record<string, string | number | null>;

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
    if (kind === 'events') {
      if (!this.sources.has('source_key')) throw new AerieError('INVALID_INPUT', 'Events need a customer key column: map one column to source_key.');
      if (!this.sources.has('at')) throw new AerieError('INVALID_INPUT', 'Events need a date column: map one column to at.');
      if (!this.sources.has('type') && !eventType) throw new AerieError('INVALID_INPUT', 'Events need a type: map a column to type or give an event type for the whole file.');
    }
  }

  private get(values: (string | null)[], attribute: string): string | null {
    const idx = this.sources.get(attribute);
    if (!idx) return null;
    if (idx.length === 1) return clean(values[idx[0]!]);
    const parts = idx.map((i) => clean(values[i])).filter((v): v is string => v !== null);
    return parts.length ? parts.join(', ') : null;
  }

  map(values: (string | null)[]): MappedRow {
    return this.kind === 'customers' ? this.customer(values) : this.event(values);
  }

  private customer(v: (string | null)[]): MappedRow {
    const out: Canonical = {};
    for (const a of CUSTOMER_ATTRIBUTES) out[a] = this.get(v, a);
    out.consent_email = this.sources.has('consent_email') ? flag(this.get(v, 'consent_email') as string | null) : null;
    out.consent_sms = this.sources.has('consent_sms') ? flag(this.get(v, 'consent_sms') as string | null) : null;
    if (out.full_name && !out.given_name && !out.family_name) {
      const s = splitFullName(out.full_name as string);
      out.given_name = s.given;
      out.family_name = s.family;
    } else if (!out.full_name && (out.given_name || out.family_name)) {
      out.full_name = [out.given_name, out.family_name].filter(Boolean).join(' ');
    }
    return { values: out };
  }

  private event(v: (string | null)[]): MappedRow {
    const key = this.get(v, 'source_key');
    if (key === null) return { values: {}, problem: { column: this.columnOf.get('source_key')!, reason: 'no customer key: the event cannot be linked to a customer' } };
    const rawAt = this.get(v, 'at');
    const at = isoDate(rawAt);
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
