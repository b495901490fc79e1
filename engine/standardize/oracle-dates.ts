// Oracle datetime format masks (TO_DATE / TO_TIMESTAMP, SQL*Loader DATE "mask") -> ISO 8601.
//
// Supported elements: YYYY SYYYY RRRR YY RR, MM MON MONTH, DD, DY DAY (skipped), HH HH12 HH24, MI,
// SS, X (radix), FF FF1-FF9, AM PM A.M. P.M., TZH TZM TZR, quoted "literals", punctuation, FM/FX (ignored).
// English month names only (NLS_DATE_LANGUAGE=AMERICAN, what SQL Developer writes by default).
// Two-digit years: RR -> 1950-2049 (Oracle's rule as seen from this century); YY -> 20xx.
// Returns null when the value does not fit the mask, or the mask uses something else (J, DDD,
// SSSSS, ...); callers then keep the value verbatim.

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

type Tok = { t: string } | { lit: string } | { punct: true };

const ELEMENTS = ['SYYYY', 'YYYY', 'RRRR', 'HH24', 'HH12', 'MONTH', 'A.M.', 'P.M.', 'FF9', 'FF8', 'FF7', 'FF6', 'FF5', 'FF4', 'FF3', 'FF2', 'FF1', 'MON', 'DAY', 'TZH', 'TZM', 'TZR', 'YY', 'RR', 'MM', 'DD', 'DY', 'HH', 'MI', 'SS', 'FF', 'AM', 'PM', 'FM', 'FX'];

const maskCache = new Map<string, Tok[] | null>();

function tokenizeMask(mask: string): Tok[] | null {
  const cached = maskCache.get(mask);
  if (cached !== undefined) return cached;
  const toks: Tok[] = [];
  const m = mask.toUpperCase();
  let i = 0;
  let ok = true;
  while (i < m.length) {
    const c = m[i]!;
    if (c === '"') {
      const j = mask.indexOf('"', i + 1);
      if (j < 0) { ok = false; break; }
      toks.push({ lit: mask.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (!/[A-Z0-9]/.test(c)) {
      toks.push({ punct: true });
      i++;
      continue;
    }
    const el = ELEMENTS.find((e) => m.startsWith(e, i));
    if (!el && c === 'X') {
      toks.push({ punct: true }); // X = the local radix character (SQL Developer: HH24.MI.SSXFF)
      i++;
      continue;
    }
    if (!el) {
      ok = false; // J, DDD, SSSSS, IW, Q, ... are not supported
      break;
    } else {
      if (el !== 'FM' && el !== 'FX') toks.push({ t: el });
      i += el.length;
    }
  }
  const r = ok ? toks : null;
  if (maskCache.size < 1000) maskCache.set(mask, r);
  return r;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function hasTime(mask: string): boolean {
  const toks = tokenizeMask(mask);
  return !!toks?.some((t) => 't' in t && /^(HH|MI|SS|FF|AM|PM|A\.M\.|P\.M\.|TZ)/.test(t.t));
}

/** Convert `value` read with Oracle `mask` to 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS[.f][±HH:MM]'; null if it does not fit. */
export function oracleDateToIso(value: string, mask: string, kind: 'date' | 'timestamp' = 'date'): string | null {
  const toks = tokenizeMask(mask);
  if (!toks) return null;
  const v = value.trim();
  let p = 0;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let frac = '';
  let pm: boolean | undefined;
  let h12 = false;
  let tz = '';
  let tzh: string | undefined;
  let tzm = '00';
  let timeSeen = false;

  const digits = (max: number, signed = false): number | null => {
    const s = p;
    if (signed && (v[p] === '-' || v[p] === '+')) p++;
    const start = p;
    while (p < v.length && p - start < max && v.charCodeAt(p) >= 48 && v.charCodeAt(p) <= 57) p++;
    if (p === start) { p = s; return null; }
    return Number(v.slice(s, p));
  };
  const word = (): string => {
    const start = p;
    while (p < v.length && /[A-Za-z]/.test(v[p]!)) p++;
    return v.slice(start, p).toUpperCase();
  };

  for (const tk of toks) {
    if ('punct' in tk) {
      // Any punctuation or blank in the mask matches one punctuation/blank char (or none).
      if (p < v.length && !/[A-Za-z0-9]/.test(v[p]!)) p++;
      continue;
    }
    if ('lit' in tk) {
      if (v.slice(p, p + tk.lit.length).toUpperCase() !== tk.lit.toUpperCase()) return null;
      p += tk.lit.length;
      continue;
    }
    let n: number | null;
    switch (tk.t) {
      case 'YYYY': case 'SYYYY': case 'RRRR':
        n = digits(4, tk.t === 'SYYYY');
        if (n === null) return null;
        year = tk.t === 'RRRR' && n < 100 ? (n < 50 ? 2000 + n : 1900 + n) : n;
        break;
      case 'YY': case 'RR':
        n = digits(2);
        if (n === null) return null;
        year = tk.t === 'RR' ? (n < 50 ? 2000 + n : 1900 + n) : 2000 + n;
        break;
      case 'MM':
        n = digits(2);
        if (n === null) return null;
        month = n;
        break;
      case 'MON': case 'MONTH': {
        const w = word();
        const idx = MONTHS.findIndex((mn) => (w.length >= 3 && mn.startsWith(w)) || mn === w);
        if (idx < 0) return null;
        month = idx + 1;
        break;
      }
      case 'DD':
        n = digits(2);
        if (n === null) return null;
        day = n;
        break;
      case 'DY': case 'DAY': {
        const w = word();
        if (!DAYS.some((d) => w.length >= 2 && d.startsWith(w))) return null;
        break;
      }
      case 'HH': case 'HH12': case 'HH24':
        n = digits(2);
        if (n === null) return null;
        hour = n;
        h12 = tk.t !== 'HH24';
        timeSeen = true;
        break;
      case 'MI':
        n = digits(2);
        if (n === null) return null;
        minute = n;
        timeSeen = true;
        break;
      case 'SS':
        n = digits(2);
        if (n === null) return null;
        second = n;
        timeSeen = true;
        break;
      case 'AM': case 'PM': case 'A.M.': case 'P.M.': {
        const m = /^([AaPp])\.?[Mm]\.?/.exec(v.slice(p));
        if (!m) return null;
        pm = m[1]!.toUpperCase() === 'P';
        p += m[0].length;
        timeSeen = true;
        break;
      }
      case 'TZH': {
        const m = /^[-+]?\d{1,2}/.exec(v.slice(p));
        if (!m) return null;
        const sign = m[0].startsWith('-') ? '-' : '+';
        tzh = sign + pad(Number(m[0].replace(/^[-+]/, '')));
        p += m[0].length;
        break;
      }
      case 'TZM':
        n = digits(2);
        if (n === null) return null;
        tzm = pad(n);
        break;
      case 'TZR': {
        const m = /^(?:[-+]\d{1,2}:\d{2}|[A-Za-z_/]+)/.exec(v.slice(p));
        if (!m) return null;
        tz = /^[-+]/.test(m[0]) ? m[0].replace(/^([-+])(\d):/, '$10$2:') : m[0] === 'UTC' || m[0] === 'GMT' ? 'Z' : '';
        if (tz === '' ) return null; // named regions cannot be resolved offline without tz data
        p += m[0].length;
        break;
      }
      default: { // FF, FF1..FF9
        const max = tk.t === 'FF' ? 9 : Number(tk.t.slice(2));
        const start = p;
        while (p < v.length && p - start < max && /\d/.test(v[p]!)) p++;
        frac = v.slice(start, p);
        timeSeen = true;
      }
    }
  }
  if (p !== v.length) return null;
  if (year === undefined || month === undefined) return null;
  day ??= 1;
  if (h12) {
    if (hour < 1 || hour > 12) return null;
    if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  } else if (pm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim || year === 0) return null;
  const ymd = `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(month)}-${pad(day)}`;
  if (!timeSeen && kind === 'date') return ymd;
  let out = `${ymd}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (frac.replace(/0+$/, '') !== '') out += '.' + frac;
  if (tzh !== undefined) out += `${tzh}:${tzm}`;
  else if (tz) out += tz;
  return out;
}
