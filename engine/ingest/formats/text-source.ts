// Byte-level helpers shared by the text readers: read the head of a file, recognise binary
// files we cannot read (with advice on what to export instead), pick a text encoding, and
// decode a file as a stream of string chunks with flat memory.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import iconv from 'iconv-lite';
import { badData, throwIfAborted } from './errors.js';
import { utf8Boundary, utf8Census, type BadByte } from './utf8.js';

export const HEAD_BYTES = 1024 * 1024;
export const READ_CHUNK = 1024 * 1024;

export interface Head {
  size: number;
  bytes: Buffer;
  /** True when the head is the whole file. */
  complete: boolean;
}

export async function readHead(file: string, max = HEAD_BYTES): Promise<Head> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw badData(file, `${basename(file)} is not a file.`, 'Choose a file, not a folder.');
    size = st.size;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') {
      throw badData(file, `File not found: ${file}`, 'Check the path and that the file still exists.');
    }
    throw e;
  }
  const fh = await open(file, 'r');
  try {
    const len = Math.min(size, max);
    const bytes = Buffer.alloc(len);
    let off = 0;
    while (off < len) {
      const { bytesRead } = await fh.read(bytes, off, len - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return { size, bytes: bytes.subarray(0, off), complete: off >= size };
  } finally {
    await fh.close();
  }
}

const EXPORT_ADVICE =
  'Export the table from SQL Developer as CSV or as INSERT statements, or use SQL*Loader format (.ctl + .dat).';

/**
 * Throws BAD_DATA for files no reader handles: empty, Oracle dumps, other binaries.
 * Returns silently for anything that may be text or XLSX.
 */
export function rejectUnreadable(file: string, head: Head): void {
  const ext = extname(file).toLowerCase();
  const b = head.bytes;
  const name = basename(file);
  if (head.size === 0) {
    throw badData(file, `${name} is empty (0 bytes).`, 'Check that the export finished and wrote rows, then import it again.');
  }
  const ascii = b.subarray(0, 4096).toString('latin1');
  if (ext === '.dmp' || /EXPORT:V\d\d\.\d\d/.test(ascii) || /Oracle Data Pump|DATAPUMP/i.test(ascii)) {
    throw badData(
      file,
      `${name} is an Oracle dump file (Data Pump expdp or legacy exp, .dmp); Aerie cannot read it.`,
      EXPORT_ADVICE,
    );
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw badData(file, `${name} is a legacy Excel .xls (or other OLE2) file; Aerie reads .xlsx, not .xls.`, 'Open it in Excel and save it as .xlsx or as CSV (UTF-8), then import that.');
  }
  if (b[0] === 0x1f && b[1] === 0x8b) {
    throw badData(file, `${name} is gzip-compressed.`, 'Decompress it first (e.g. with 7-Zip or gunzip), then import the file inside.');
  }
  if (b[0] === 0x50 && b[1] === 0x4b && ext !== '.xlsx' && ext !== '.xlsm') {
    throw badData(file, `${name} is a ZIP archive, not a spreadsheet or text export.`, 'Extract it and import the CSV, SQL or XLSX file inside; if it is a workbook, rename it to .xlsx.');
  }
  if (ascii.startsWith('%PDF')) {
    throw badData(file, `${name} is a PDF document, not a data export.`, EXPORT_ADVICE);
  }
  if (b[0] === 0x50 && b[1] === 0x4b) return; // xlsx
  if (bomEncoding(b) !== null || utf16WithoutBom(b) !== null) return;
  // Binary: NUL bytes, or many control characters.
  const probe = b.subarray(0, 64 * 1024);
  let ctl = 0;
  let nul = -1;
  for (let i = 0; i < probe.length; i++) {
    const c = probe[i]!;
    if (c === 0 && nul < 0) nul = i;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) ctl++;
  }
  if (nul >= 0 || ctl > probe.length * 0.05) {
    throw badData(
      file,
      `${name} looks like a binary file (${nul >= 0 ? `NUL byte at offset ${nul}` : `${ctl} control characters in the first ${probe.length} bytes`}), not a text export.`,
      EXPORT_ADVICE,
    );
  }
  if (probe.toString('latin1').trim() === '' || (b.length <= 3 && bomEncoding(b) !== null)) {
    throw badData(file, `${name} holds no data (only blanks).`, 'Check that the export finished and wrote rows, then import it again.');
  }
}

export function bomEncoding(b: Buffer): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without BOM: ASCII text shows every other byte as NUL. */
function utf16WithoutBom(b: Buffer): string | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

export interface EncodingChoice {
  encoding: string;
  /** Why this encoding: one sentence for the import result and the CLI. */
  reason: string;
  notes: string[];
}

/** Normalise a user-given encoding name; throws BAD_DATA for unknown names. */
export function normaliseEncoding(file: string, name: string): string {
  const n = name.trim().toLowerCase();
  if (n === 'utf8' || n === 'utf-8') return 'utf-8';
  if (!iconv.encodingExists(n)) {
    throw badData(file, `Unknown text encoding ${JSON.stringify(name)}.`, "Use a name such as 'utf-8', 'windows-1252', 'iso-8859-1' or 'utf-16le', or 'auto'.");
  }
  return n;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * Pick the encoding: BOM, UTF-16 pattern, then UTF-8 unless the head's invalid sequences are at
 * least as many as its valid multi-byte characters (then Windows-1252, a superset of Latin-1's
 * printable range). Reading a Windows-1252 file as UTF-8 by mistake is loud (its accented rows are
 * rejected); reading UTF-8 as Windows-1252 is silent (every accented letter is garbled), so a
 * mostly-UTF-8 file with a few bad bytes stays UTF-8 and only the rows holding them are rejected.
 */
export function chooseEncoding(file: string, head: Head, forced?: string, forcedBy = 'the user'): EncodingChoice {
  const one = (encoding: string, reason: string): EncodingChoice => ({ encoding, reason, notes: [reason] });
  if (forced && forced !== 'auto') return one(normaliseEncoding(file, forced), `Encoding ${forced} was chosen by ${forcedBy}.`);
  const bom = bomEncoding(head.bytes);
  if (bom) return one(bom.encoding, `Encoding ${bom.encoding}: the file starts with a byte order mark.`);
  const u16 = utf16WithoutBom(head.bytes);
  if (u16) return one(u16, `Encoding ${u16} without byte order mark (guessed from the NUL byte pattern).`);
  const scope = head.complete ? 'the file' : 'the first MiB';
  const c = utf8Census(head.bytes, 0, head.complete, 1);
  if (c.invalid === 0) {
    return one('utf-8', c.multibyte === 0 ? `Encoding utf-8: ${scope} is plain ASCII.` : `Encoding utf-8: ${scope} is valid UTF-8 (${plural(c.multibyte, 'multi-byte character')}).`);
  }
  const first = c.bad[0]!.offset;
  const counts = `${plural(c.invalid, 'invalid byte sequence')} (the first at byte offset ${first}) and ${plural(c.multibyte, 'valid multi-byte character')} in ${scope}`;
  if (c.multibyte > c.invalid) {
    return one('utf-8', `Encoding utf-8: ${counts}. The file is UTF-8 with a few bad bytes: they are kept as U+FFFD and the rows holding them are rejected, each naming its byte offset.`);
  }
  return one('windows-1252', `Encoding windows-1252 (Western European): the file is not valid UTF-8, with ${counts}. Choose another encoding if accented letters look wrong.`);
}

/** Decode a whole small buffer (head samples, control files) with the chosen encoding. */
export function decodeBuffer(b: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(b, { stream: true });
  return iconv.decode(b, encoding);
}

export interface TextChunk {
  text: string;
  /** Bytes of the file read so far. */
  bytes: number;
  /** utf-8 only: byte sequences that are not valid UTF-8 (each shown as one U+FFFD in `text`), with their file offsets and the line feeds before them in `text`. */
  bad: BadByte[];
}

const NONE: BadByte[] = [];

/** Stream a text file as decoded string chunks (BOM removed). */
export async function* decodeFile(file: string, encoding: string, signal?: AbortSignal): AsyncGenerator<TextChunk> {
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK });
  const utf8 = encoding === 'utf-8' ? new Utf8Chunks() : null;
  const other = utf8 ? null : iconv.getDecoder(encoding);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(signal, file);
      bytes += chunk.length;
      if (utf8) {
        const c = utf8.push(chunk);
        if (c.text.length > 0) yield { ...c, bytes };
      } else {
        const text = other!.write(chunk);
        if (text.length > 0) yield { text, bytes, bad: NONE };
      }
    }
    if (utf8) {
      const c = utf8.end();
      if (c.text) yield { ...c, bytes };
    } else {
      const tail = other!.end() ?? '';
      if (tail) yield { text: tail, bytes, bad: NONE };
    }
  } finally {
    stream.destroy();
  }
}

/**
 * UTF-8 in chunks cut at character boundaries, so that each invalid sequence is found with its file
 * offset (a streaming TextDecoder would hide where its U+FFFD came from). The BOM is dropped at the
 * start of the file only; U+FEFF inside the file is data.
 */
class Utf8Chunks {
  private readonly dec = new TextDecoder('utf-8', { ignoreBOM: true });
  private carry: Buffer | null = null;
  private offset = 0; // file offset of the next byte to decode
  private first = true;

  push(chunk: Buffer): { text: string; bad: BadByte[] } {
    let b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first) {
      if (b.length < 3 && b.length > 0 && Buffer.from([0xef, 0xbb, 0xbf]).subarray(0, b.length).equals(b)) {
        this.carry = Buffer.from(b);
        return { text: '', bad: NONE };
      }
      this.first = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        b = b.subarray(3);
        this.offset += 3;
      }
    }
    const cut = utf8Boundary(b);
    this.carry = cut < b.length ? Buffer.from(b.subarray(cut)) : null;
    return this.decode(b.subarray(0, cut));
  }

  end(): { text: string; bad: BadByte[] } {
    const b = this.carry ?? Buffer.alloc(0);
    this.carry = null;
    return this.decode(b);
  }

  private decode(b: Buffer): { text: string; bad: BadByte[] } {
    const text = this.dec.decode(b);
    const bad = text.includes('\uFFFD') ? utf8Census(b, this.offset).bad : NONE;
    this.offset += b.length;
    return { text, bad };
  }
}
