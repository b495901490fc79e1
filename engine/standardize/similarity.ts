// String similarities for field-level matching: Jaro, Jaro-Winkler, bounded Levenshtein.
// Inputs are compared as given; callers normalise first (see text.ts).

let scratchA = new Uint8Array(64);
let scratchB = new Uint8Array(64);
function growScratch(n: number): void {
  scratchA = new Uint8Array(n * 2);
  scratchB = new Uint8Array(n * 2);
}

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  // match flags in reused scratch arrays (this runs thousands of times per search)
  if (la > scratchA.length || lb > scratchB.length) growScratch(Math.max(la, lb));
  const ma = scratchA;
  const mb = scratchB;
  ma.fill(0, 0, la);
  mb.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (mb[j] === 0 && b.charCodeAt(j) === c) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (ma[i] === 0) continue;
    while (mb[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
}

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4, boost above 0.7). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  let p = 0;
  const lim = Math.min(4, a.length, b.length);
  while (p < lim && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return j + p * 0.1 * (1 - j);
}

/** Levenshtein distance, or max+1 once it exceeds max. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/** 1 - normalised Levenshtein distance. */
export function levenshteinSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 0 : 1 - levenshtein(a, b) / n;
}

/**
 * At most one edit apart (insertion, deletion or substitution), or two adjacent characters
 * transposed ("1985"/"1958" is, "1985"/"8915" is not). Linear time, no allocation.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la < lb) return withinOneEdit(b, a);
  if (la - lb > 1) return false;
  let i = 0;
  while (i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === lb) return true; // equal, or one character appended
  if (la === lb) {
    // substitution at i: the rest equal; or a transposition of i and i+1
    let j = i + 1;
    while (j < la && a.charCodeAt(j) === b.charCodeAt(j)) j++;
    if (j === la) return true;
    if (j === i + 1 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i)) {
      for (j = i + 2; j < la; j++) if (a.charCodeAt(j) !== b.charCodeAt(j)) return false;
      return true;
    }
    return false;
  }
  // deletion from a at i: a[i+1..] must equal b[i..]
  for (let j = i; j < lb; j++) if (a.charCodeAt(j + 1) !== b.charCodeAt(j)) return false;
  return true;
}
