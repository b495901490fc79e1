// Highlight spans as plain text fragments: [start, end) offsets are clamped, sorted and merged,
// so the engine's spans can never break the text or inject markup (React escapes every part).
export interface Fragment {
  text: string;
  hit: boolean;
}

export function fragments(value: string, spans: readonly (readonly [number, number])[]): Fragment[] {
  const n = value.length;
  const clean = spans
    .map(([a, b]) => [Math.max(0, Math.min(n, Math.trunc(a))), Math.max(0, Math.min(n, Math.trunc(b)))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const s of clean) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const out: Fragment[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: value.slice(at, a), hit: false });
    out.push({ text: value.slice(a, b), hit: true });
    at = b;
  }
  if (at < n || out.length === 0) out.push({ text: value.slice(at), hit: false });
  return out;
}
