// The wizard's and CLI's read settings reach the reader: rows above the header skipped, another
// quote character or none, and the preview lists the rows the import would reject with the
// import's own reasons.
import { describe, expect, it } from 'vitest';
import { detect } from '../../../engine/ingest/formats/index.js';
import { detectOptions } from '../../../engine/ingest/detect-options.js';
import { previewRejects } from '../../../engine/ingest/preview-rejects.js';
import { fixtureDir, readAll } from './helpers.js';

const file = fixtureDir('read-settings');

describe('read settings', () => {
  it('skip a report banner above the header', async () => {
    const f = file('banner.csv', 'Customer report, generated 2024-01-01\n\nid;name;city\n1;Ann;Leeds\n2;Bob;York\n');
    const r = await readAll(f, detectOptions({ format: 'auto', encoding: 'auto', skipRows: 1 }));
    expect(r.detected.columns).toEqual(['id', 'name', 'city']);
    expect(r.detected.delimiter).toBe(';');
    expect(r.rows.map((x) => x.values)).toEqual([['1', 'Ann', 'Leeds'], ['2', 'Bob', 'York']]);
    expect(r.rows.map((x) => x.rowNo)).toEqual([1, 2]);
    expect(r.rejects).toEqual([]);
    expect(r.detected.notes.join(' ')).toContain('1 row above the header skipped');
  });

  it('read a file whose values hold bare double quotes with quote none', async () => {
    const f = file('inches.csv', 'id,item\n1,"24" monitor\n2,15" laptop\n');
    const dflt = await readAll(f);
    expect(dflt.rejects.length).toBe(1); // a closing quote followed by text: a quoting error
    const none = await readAll(f, detectOptions({ format: 'auto', encoding: 'auto', quote: 'none' }));
    expect(none.rejects).toEqual([]);
    expect(none.rows.map((x) => x.values[1])).toEqual(['"24" monitor', '15" laptop']);
  });

  it("read single-quoted values with quote '", async () => {
    const f = file('single.csv', "id,name\n1,'Smith, John'\n");
    const r = await readAll(f, detectOptions({ format: 'auto', encoding: 'auto', quote: "'" }));
    expect(r.rows[0]!.values).toEqual(['1', 'Smith, John']);
  });

  it('refuse a quote of more than one character, saying what to use', async () => {
    const f = file('q.csv', 'a,b\n1,2\n');
    await expect(detect(f, { quote: '""' })).rejects.toThrow(/The quote must be one character or 'none'/);
  });

  it('list the rows the import would reject, with the reader\'s reasons and lines', async () => {
    const f = file('ragged.csv', 'id,name,city\n1,Ann,Leeds\n2,Bob\n3,Cy,York,extra\n4,Di,Bath\n');
    const d = await detect(f);
    expect(d.sample.length).toBe(2); // the preview sample leaves the bad rows out...
    const p = await previewRejects(f, d);
    expect(p.rows).toBe(4);
    expect(p.rejects.map((r) => [r.line, r.reason.slice(0, 30)])).toEqual([
      [3, 'expected 3 fields, found 2: fi'],
      [4, 'expected 3 fields, found 4: ex'],
    ]); // ...and the preview says so
  });
});
