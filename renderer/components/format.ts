// Number, share and date formatting shared by the screens.
export const fmtInt = (n: number | null | undefined) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en'));

export function fmtShare(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct.toFixed(digits).replace(/\.0+$/, '')}%`;
}

export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e6 || (Math.abs(n) < 1e-3 && n !== 0)) return n.toExponential(2);
  return n.toLocaleString('en', { maximumFractionDigits: 2 });
}

export function fmtDate(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function delimiterName(d: string | null): string {
  if (d === null) return 'none';
  const names: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)', ' ': 'space' };
  return names[d] ?? JSON.stringify(d);
}
