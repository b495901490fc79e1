// UTF-8 validation with positions. TextDecoder turns each invalid sequence into one U+FFFD but says
// neither where it was nor that it was not a real U+FFFD; the readers need both, to reject the
// rows that hold invalid bytes (naming the byte offset) while keeping the rest of the file.
// The segmentation below is the WHATWG decoder's ("maximal subparts"), so exactly one entry per
// U+FFFD that TextDecoder produced from invalid bytes.

/** One invalid byte sequence. */
export interface BadByte {
  /** Byte offset in the file (0-based). */
  offset: number;
  /** The bytes, as hex: 'E9' or 'E2 82'. */
  hex: string;
  /** Line feeds before it in the scanned buffer (its line relative to the buffer's first line). */
  lf: number;
}

export interface Utf8Census {
  /** Valid characters of two or more bytes. */
  multibyte: number;
  /** Invalid sequences (each shown as one U+FFFD). */
  invalid: number;
  /** The invalid sequences, at most `maxList` of them. */
  bad: BadByte[];
}

const hex = (b: Buffer, from: number, to: number) => {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(b[i]!.toString(16).toUpperCase().padStart(2, '0'));
  return out.join(' ');
};

/**
 * Count valid multi-byte characters and list invalid sequences of `b`, whose first byte is at file
 * offset `base`. When `final` is false, a sequence cut by the end of the buffer is not counted.
 */
export function utf8Census(b: Buffer, base = 0, final = true, maxList = Infinity): Utf8Census {
  const n = b.length;
  let multibyte = 0;
  let invalid = 0;
  let lf = 0;
  const bad: BadByte[] = [];
  const mark = (from: number, to: number) => {
    invalid++;
    if (bad.length < maxList) bad.push({ offset: base + from, hex: hex(b, from, to), lf });
  };
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c === 10) lf++;
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else {
      mark(i, i + 1);
      i++;
      continue;
    }
    let j = i + 1;
    let got = 0;
    while (got < need && j < n) {
      const d = b[j]!;
      if (d < lo || d > hi) break;
      lo = 0x80;
      hi = 0xbf;
      j++;
      got++;
    }
    if (got === need) {
      multibyte++;
      i = j;
      continue;
    }
    if (j >= n && !final) break; // cut by the end of the buffer: the next buffer completes it
    mark(i, j); // the maximal subpart; the byte that broke it is read again
    i = j;
  }
  return { multibyte, invalid, bad };
}

/** Where a trailing, possibly incomplete sequence starts (b.length when the buffer ends cleanly). */
export function utf8Boundary(b: Buffer): number {
  const n = b.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const c = b[i]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return n - i < len ? i : n;
    }
  }
  return n;
}

/** Invalid bytes of a stream, keyed by absolute line, taken by the rows that hold them. */
export class BadBytesByLine {
  private q: { line: number; offset: number; hex: string }[] = [];
  private head = 0;

  get size(): number {
    return this.q.length - this.head;
  }

  /** Record a decoded chunk's invalid bytes; `firstLine` is the line its first character is on. */
  add(firstLine: number, bad: readonly BadByte[]): void {
    for (const b of bad) this.q.push({ line: firstLine + b.lf, offset: b.offset, hex: b.hex });
  }

  /** The invalid bytes on lines first..last; those on earlier lines (skipped text) are dropped. */
  take(first: number, last: number): { offset: number; hex: string }[] {
    const out: { offset: number; hex: string }[] = [];
    while (this.head < this.q.length && this.q[this.head]!.line <= last) {
      const e = this.q[this.head++]!;
      if (e.line >= first) out.push({ offset: e.offset, hex: e.hex });
    }
    if (this.head > 1024 && this.head * 2 > this.q.length) {
      this.q = this.q.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  /** Forget bytes on lines before `line` (text no row will claim). */
  dropBefore(line: number): void {
    while (this.head < this.q.length && this.q[this.head]!.line < line) this.head++;
  }
}

/** "byte offset 12 (0xE9)" / "byte offsets 12 (0xE9), 40 (0xFC) and 3 more". */
export function describeBadBytes(bad: readonly { offset: number; hex: string }[]): string {
  const shown = bad.slice(0, 3).map((b) => `${b.offset} (0x${b.hex.replace(/ /g, ' 0x')})`);
  const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
  return `${bad.length === 1 ? 'byte offset' : 'byte offsets'} ${shown.join(', ')}${more}`;
}

export function countLines(s: string): number {
  let c = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) c++;
  return c;
}
