// A UTF-8 file with a few invalid bytes stays UTF-8: the bad bytes are kept visibly (U+FFFD) and
// the rows holding them are rejected, naming the byte offset; a real Windows-1252 file is still
// read as such; the decision and its reason are always reported (issue 9, item 6).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { utf8Census } from '../../../engine/ingest/formats/utf8.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('encoding');
const NAMES = ['Zoë', 'Müller', 'François', 'Ødegård', 'Łukasz', 'Sévres', 'Ñúñez', 'Þórr'];

/** UTF-8 bytes of `lines`, with `bad` (raw bytes) put in place of the text '#BAD#'; returns the offsets. */
function withBadBytes(lines: string[], bad = Buffer.from([0xe9])): { bytes: Buffer; offsets: number[] } {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const piece of lines.join('\n').concat('\n').split('#BAD#')) {
    if (parts.length > 0) {
      offsets.push(at);
      parts.push(bad);
      at += bad.length;
    }
    const b = Buffer.from(piece, 'utf8');
    parts.push(b);
    at += b.length;
  }
  return { bytes: Buffer.concat(parts), offsets };
}

describe('encoding: UTF-8 with a few bad bytes', () => {
  it('finds exactly one invalid sequence per U+FFFD that TextDecoder makes from bad bytes', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pool = [0x41, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90];
    for (let k = 0; k < 2000; k++) {
      const b = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pool[Math.floor(rand() * pool.length)]!));
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
      const replacements = [...text].filter((ch) => ch === '\uFFFD').length;
      const c = utf8Census(b);
      expect(c.invalid, b.toString('hex')).toBe(replacements);
      expect(c.bad.every((x, i) => i === 0 || x.offset > c.bad[i - 1]!.offset)).toBe(true);
    }
  });

  it('stays UTF-8, rejects only the row with the bad byte and names its offset', async () => {
    const lines = ['ID,NAME,CITY', '1,Jos#BAD#,Madrid'];
    for (let i = 2; i <= 20; i++) lines.push(`${i},${NAMES[i % NAMES.length]},München`);
    const { bytes, offsets } = withBadBytes(lines);
    const r = await readAll(fx('one-bad.csv', bytes));
    expect(r.detected.encoding).toBe('utf-8');
    expect(r.detected.encodingReason).toMatch(new RegExp(`1 invalid byte sequence \\(the first at byte offset ${offsets[0]}\\) and \\d+ valid multi-byte characters`));
    expect(r.detected.notes).toContain(r.detected.encodingReason);
    expect(r.rows).toHaveLength(19);
    expect(r.rows.find((x) => x.values[0] === '8')!.values).toEqual(['8', 'Zoë', 'München']);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 1, line: 2, column: 'NAME', raw: '1,Jos\uFFFD,Madrid' });
    expect(r.rejects[0]!.reason).toMatch(new RegExp(`byte offset ${offsets[0]} \\(0xE9\\), not valid UTF-8`));
  });

  it('still reads a real Windows-1252 file as Windows-1252, and says why', async () => {
    const text = ['ID,NAME,CITY', ...NAMES.slice(0, 6).map((n, i) => `${i + 1},${n.replace('Ł', 'L')},Köln`)].join('\n') + '\n';
    const r = await readAll(fx('cp1252.csv', iconv.encode(text, 'windows-1252')));
    expect(r.detected.encoding).toBe('windows-1252');
    expect(r.detected.encodingReason).toMatch(/not valid UTF-8, with \d+ invalid byte sequences \(the first at byte offset 17\) and 0 valid multi-byte characters/);
    expect(r.rows.map((x) => x.values[1])).toEqual(['Zoë', 'Müller', 'François', 'Ødegård', 'Lukasz', 'Sévres']);
    expect(r.rejects).toHaveLength(0);
  });

  it('finds bad bytes past the first MiB and across read chunks with their exact offsets; a real U+FFFD is data', async () => {
    const lines = ['ID,NAME,NOTE'];
    for (let i = 1; i <= 80000; i++) {
      const note = i === 50000 ? 'broken #BAD# here' : i === 60000 ? 'a real \uFFFD sign' : `note ${NAMES[i % NAMES.length]} ${i}`;
      lines.push(`${i},${NAMES[(i * 7) % NAMES.length]},${note}`);
    }
    const { bytes, offsets } = withBadBytes(lines, Buffer.from([0xf0, 0x9f, 0x98])); // a 4-byte emoji cut short
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(offsets[0]).toBeGreaterThan(1024 * 1024);
    expect(utf8Census(bytes).invalid).toBe(1);
    const r = await readAll(fx('big.csv', bytes));
    expect(r.detected.encoding).toBe('utf-8');
    expect(r.detected.encodingReason).toMatch(/first MiB is valid UTF-8/);
    expect(r.rows).toHaveLength(79999);
    expect(r.rows.find((x) => x.values[0] === '60000')!.values[2]).toBe('a real \uFFFD sign');
    expect(r.rejects.map((x) => [x.rowNo, x.line, x.column])).toEqual([[50000, 50001, 'NOTE']]);
    expect(r.rejects[0]!.reason).toContain(`byte offset ${offsets[0]} (0xF0 0x9F 0x98)`);
  });

  it('a character cut by a read-chunk boundary is not a bad byte; a bad byte at the boundary is found once', async () => {
    const MiB = 1024 * 1024;
    /** ASCII rows, then a row whose NAME puts `mid` (bytes) so that its first byte is the last of the first MiB. */
    const build = (mid: Buffer) => {
      const head = Buffer.from('ID,NAME\n' + Array.from({ length: 20000 }, (_, i) => `${i + 1},Zoë ${i}`).join('\n') + '\n');
      const pre = Buffer.from('20001,');
      const fill = Buffer.alloc(MiB - 1 - head.length - pre.length, 'x');
      return { bytes: Buffer.concat([head, pre, fill, mid, Buffer.from('y\n20002,Zoë\n')]), at: MiB - 1 };
    };
    const split = build(Buffer.from('ë'));
    const a = await readAll(fx('boundary-ok.csv', split.bytes));
    expect(a.rejects).toHaveLength(0);
    expect(a.rows[20000]!.values[1]!.endsWith('xëy')).toBe(true);
    const bad = build(Buffer.from([0xe9]));
    const b = await readAll(fx('boundary-bad.csv', bad.bytes));
    expect(b.rejects.map((x) => [x.rowNo, x.line])).toEqual([[20001, 20002]]);
    expect(b.rejects[0]!.reason).toContain(`byte offset ${bad.at} (0xE9)`);
    expect(b.rows).toHaveLength(20001);
  });

  it('Oracle INSERT scripts and SQL*Loader data reject the statement or record with the bad byte', async () => {
    const sql = ["Insert into T (ID,NAME) values ('1','Zoë');", "Insert into T (ID,NAME) values ('2','Jos#BAD#');", "Insert into T (ID,NAME) values ('3','Müller');"];
    const s = withBadBytes(sql);
    const r = await readAll(fx('bad.sql', s.bytes));
    expect(r.detected.encoding).toBe('utf-8');
    expect(r.rows.map((x) => x.values)).toEqual([['1', 'Zoë'], ['3', 'Müller']]);
    expect(r.rejects.map((x) => [x.rowNo, x.line])).toEqual([[2, 2]]);
    expect(r.rejects[0]!.reason).toMatch(new RegExp(`INSERT statement 2 \\(line 2\\): byte offset ${s.offsets[0]} \\(0xE9\\) is not valid UTF-8`));

    const d = withBadBytes(['1,Zoë', '2,Jos#BAD#', '3,Müller']);
    fx('bad.dat', d.bytes);
    const ctl = fx('bad.ctl', "LOAD DATA\nINFILE 'bad.dat'\nINTO TABLE T\nFIELDS TERMINATED BY ','\n(id, name)\n");
    const l = await readAll(ctl);
    expect(l.detected.encoding).toBe('utf-8');
    expect(l.rows.map((x) => x.values)).toEqual([['1', 'Zoë'], ['3', 'Müller']]);
    expect(l.rejects.map((x) => [x.rowNo, x.line])).toEqual([[2, 2]]);
    expect(l.rejects[0]!.reason).toContain(`byte offset ${d.offsets[0]} (0xE9)`);
  });

  it('the import result carries the encoding and the reason for it', async () => {
    const t = tempDir();
    const c: EngineClient = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
    try {
      await c.call('workspace.create', { path: join(t.dir, 'w.aerie'), passphrase: PASS });
      const path = join(t.dir, 'people.csv');
      writeFileSync(path, withBadBytes(['ID,NAME', '1,Jos#BAD#', '2,Zoë', '3,Müller']).bytes);
      const j = await finishJob(c, (await c.call('ingest.start', { path, source: 'people', mapping: { ID: 'source_key', NAME: 'full_name' } })).jobId);
      expect(j.state, j.error?.message).toBe('succeeded');
      expect(j.result).toMatchObject({ rowsRead: 3, rowsImported: 2, rowsRejected: 1, encoding: 'utf-8' });
      expect(resultOf(j, 'ingest.import').encodingReason).toMatch(/^Encoding utf-8: 1 invalid byte sequence/);
    } finally {
      await c.close();
      t.cleanup();
    }
  });
});
