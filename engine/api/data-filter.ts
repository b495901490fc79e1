// The data browser's filter syntax, one text per column. Part of the contract so the grid can say
// at once, beside the box, why a filter does not parse, and the engine reads it the same way.
//   text        contains "text" (case-insensitive)        =text       exactly "text"
//   >3000  >=3000  <3000  <=3000                          100..200    from 100 to 200 (either end may be left out)
//   blank       empty or missing                          not blank   has a value
//   /regex/     matches a regular expression (add i after the closing / to ignore case)
//   "text"      contains text literally (to look for the word blank, or a leading > or /)
// Comparisons and ranges take numbers, or ISO dates (2024-01-31) compared as dates.

export type FilterExpr =
  | { kind: 'contains'; text: string }
  | { kind: 'equals'; text: string }
  | { kind: 'blank'; not: boolean }
  | { kind: 'compare'; op: '>' | '>=' | '<' | '<='; value: number | string }
  | { kind: 'range'; lo: number | string | null; hi: number | string | null }
  | { kind: 'regex'; source: string; flags: string };

export type FilterParse = { ok: true; expr: FilterExpr } | { ok: false; message: string };

export const FILTER_SYNTAX_HELP = 'text · =exact · >3000 · <=10 · 100..200 · blank · not blank · /regex/';

const NUM = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;

/** A comparison operand: a number, an ISO date (kept as text, which orders like the date), or null when neither. */
function operand(s: string): number | string | null {
  const t = s.trim();
  if (NUM.test(t)) return Number(t);
  if (ISO.test(t)) return t;
  return null;
}

export function parseFilter(input: string): FilterParse {
  const t = input.trim();
  if (t === '') return { ok: true, expr: { kind: 'contains', text: '' } };
  const lower = t.toLowerCase();
  if (lower === 'blank' || lower === 'empty') return { ok: true, expr: { kind: 'blank', not: false } };
  if (lower === 'not blank' || lower === 'not empty') return { ok: true, expr: { kind: 'blank', not: true } };
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return { ok: true, expr: { kind: 'contains', text: t.slice(1, -1) } };
  if (t.startsWith('=')) return { ok: true, expr: { kind: 'equals', text: t.slice(1) } };
  const cmp = /^(>=|<=|>|<)(.*)$/.exec(t);
  if (cmp) {
    const v = operand(cmp[2]!);
    if (v === null) return { ok: false, message: `“${cmp[1]}” needs a number or an ISO date after it, e.g. ${cmp[1]}3000 or ${cmp[1]}2024-01-31.` };
    return { ok: true, expr: { kind: 'compare', op: cmp[1] as '>' | '>=' | '<' | '<=', value: v } };
  }
  if (t.startsWith('/')) {
    const end = t.lastIndexOf('/');
    if (end <= 0) return { ok: false, message: 'A regular expression ends with a closing /, e.g. /^sm[iy]th$/i.' };
    const source = t.slice(1, end);
    const flags = t.slice(end + 1);
    if (!/^i?$/.test(flags)) return { ok: false, message: `After the closing / only i (ignore case) may follow, not “${flags}”.` };
    try {
      new RegExp(source, flags);
    } catch (e) {
      return { ok: false, message: `Not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}.` };
    }
    return { ok: true, expr: { kind: 'regex', source, flags } };
  }
  const range = /^(.*?)\.\.(.*)$/.exec(t);
  if (range) {
    const [a, b] = [range[1]!.trim(), range[2]!.trim()];
    const lo = a === '' ? null : operand(a);
    const hi = b === '' ? null : operand(b);
    // "j..smith", "wait...": text with dots, not a range
    if (lo === null && hi === null && (a !== '' || b !== '') && !(a === '' || b === '')) return { ok: true, expr: { kind: 'contains', text: t } };
    if ((a !== '' && lo === null) || (b !== '' && hi === null) || (a === '' && b === '')) {
      return { ok: false, message: 'A range takes numbers or ISO dates on either side of “..”, e.g. 100..200 or 2024-01-01..2024-03-31.' };
    }
    if (lo !== null && hi !== null && typeof lo !== typeof hi) return { ok: false, message: 'Both ends of a range must be numbers, or both ISO dates.' };
    return { ok: true, expr: { kind: 'range', lo, hi } };
  }
  return { ok: true, expr: { kind: 'contains', text: t } };
}

/** A cell value against a parsed filter (the engine's source tables and tests use this). */
export function filterTest(e: FilterExpr): (v: string | number | null) => boolean {
  switch (e.kind) {
    case 'blank':
      return (v) => (v === null || String(v).trim() === '') !== e.not;
    case 'contains': {
      const want = e.text.toLowerCase();
      return (v) => v !== null && String(v).toLowerCase().includes(want);
    }
    case 'equals':
      return (v) => v !== null && String(v) === e.text;
    case 'regex': {
      const re = new RegExp(e.source, e.flags);
      return (v) => v !== null && re.test(String(v));
    }
    case 'compare':
    case 'range': {
      const lo = e.kind === 'range' ? e.lo : e.op.startsWith('>') ? e.value : null;
      const hi = e.kind === 'range' ? e.hi : e.op.startsWith('<') ? e.value : null;
      const strictLo = e.kind === 'compare' && e.op === '>';
      const strictHi = e.kind === 'compare' && e.op === '<';
      const numeric = typeof (lo ?? hi) === 'number';
      return (v) => {
        if (v === null) return false;
        const s = String(v).trim();
        let x: number | string;
        if (numeric) {
          if (!NUM.test(s)) return false;
          x = Number(s);
        } else {
          if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return false;
          x = s;
        }
        if (lo !== null && (strictLo ? !(x > lo) : !(x >= lo))) return false;
        // an ISO date upper bound covers that whole day ("..2024-01-31" keeps 2024-01-31T10:00)
        const top = !numeric && hi !== null && typeof hi === 'string' && hi.length === 10 && typeof x === 'string' ? x.slice(0, 10) : x;
        if (hi !== null && (strictHi ? !(top < hi) : !(top <= hi))) return false;
        return true;
      };
    }
  }
}
