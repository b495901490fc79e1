// readRowBatches (the import's hot loop) must hand over exactly what readRows yields, in order,
// for every format, and the rows read before a whole-file error.
import { describe, expect, it } from 'vitest';
import { detect, readRowBatches, readRows, type ReadItem } from '../../../engine/ingest/formats/index.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir('batches');

async function both(file: string): Promise<{ one: ReadItem[]; batched: ReadItem[]; batches: number }> {
  const d = await detect(file);
  const one: ReadItem[] = [];
  for await (const it of readRows(file, d)) one.push(it);
  const batched: ReadItem[] = [];
  let batches = 0;
  for await (const b of readRowBatches(file, d)) {
    expect(b.length).toBeGreaterThan(0);
    batches++;
    batched.push(...b);
  }
  return { one, batched, batches };
}

describe('readRowBatches', () => {
  it('yields the same rows and rejects as readRows for delimited text, in read-chunk batches', async () => {
    const lines = ['ID,NAME,NOTE'];
    for (let i = 1; i <= 80_000; i++) lines.push(i % 997 === 0 ? `${i},"bad"x,oops` : `${i},Name ${i},"a, b"`);
    const r = await both(fx('many.csv', `${lines.join('\n')}\n`));
    expect(r.batched).toEqual(r.one);
    expect(r.one.filter((i) => i.kind === 'reject')).toHaveLength(80);
    expect(r.batches).toBeGreaterThan(1); // ~2 MB: more than one 1 MiB read chunk
  });

  it('groups other formats too (Oracle INSERT script)', async () => {
    const sql = ['SET DEFINE OFF;'];
    for (let i = 1; i <= 2_500; i++) sql.push(`Insert into CRM.CUSTOMERS (ID,NAME) values (${i},'Name ${i}');`);
    const r = await both(fx('many.sql', `${sql.join('\n')}\n`));
    expect(r.batched).toEqual(r.one);
    expect(r.one.filter((i) => i.kind === 'row')).toHaveLength(2_500);
    expect(r.batches).toBe(3);
  });

  it('hands over the rows read before a whole-file error, then throws it', async () => {
    const lines = ['ID,NAME,CITY', '1,Ann,Paris', '2,"Bob,Rome'];
    for (let i = 3; i < 300; i++) lines.push(`${i},Name${i},City${i}`);
    const file = fx('runaway.csv', `${lines.join('\n')}\n`);
    const d = await detect(file);
    const got: ReadItem[] = [];
    await expect(
      (async () => {
        for await (const b of readRowBatches(file, d)) got.push(...b);
      })(),
    ).rejects.toMatchObject({ code: 'BAD_DATA' });
    expect(got.map((i) => (i.kind === 'row' ? i.row.values : null))).toEqual([['1', 'Ann', 'Paris']]);
  });
});
