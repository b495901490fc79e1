// Search answers typed addresses, and explains an order that its field matches alone do not
// (issue 16, item 5), on a real encrypted workspace with a real import, lexical channel only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import { dominates, rankReasons } from '../../../engine/search/dominance.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;

// FEBRL-style rows: the target, people in "st lucia" / "st kilda" (a typed "st" must not pull them
// up), and a rare exact surname that outweighs a closer fuzzy name in the reranker.
const ROWS = [
  ['rec-988', 'madeline', 'mason', '54 hoseason street', 'granville'],
  ['rec-1', 'timothy', 'neville', '21 fihelly street', 'st lucia'],
  ['rec-2', 'patrick', 'dargaville', '18 cerutty crescent', 'st lucia'],
  ['rec-3', 'sara', 'mason', '35 antill street', 'st kilda east'],
  ['rec-4', 'hannah', 'egan', '26 kiewa street', 'granville'],
  ['rec-5', 'harry', 'gren', '20 louisa lawson crescent', 'bligh park'],
  ['rec-6', 'mitchell', 'green', '7 wallaby place', 'cleveland'],
  ['rec-7', 'holly', 'green', '13 national circuit', 'mclaren vale'],
];

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 's.aerie'), passphrase: PASS });
  const path = join(t.dir, 'people.csv');
  const filler = Array.from({ length: 60 }, (_, i) => [`rec-f${i}`, ['jack', 'emily', 'oliver', 'grace'][i % 4]!, ['stubbs', 'white', 'ryan', 'pinto', 'egan'][i % 5]!, `${i + 1} ${['heard', 'furphy', 'boustead', 'pinkstone'][i % 4]} ${['street', 'place', 'circuit'][i % 3]}`, ['st agnes', 'ormond', 'granville', 'camp hill'][i % 4]!]);
  writeFileSync(path, ['rec_id,given_name,surname,address,suburb', ...[...ROWS, ...filler].map((r) => r.join(','))].join('\n') + '\n');
  await runJob(c, 'ingest.import', { path, source: 'febrl', mapping: { rec_id: 'source_key', given_name: 'given_name', surname: 'family_name', address: 'address_line', suburb: 'city' } });
}, 60_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

const top = async (q: string) => (await c.call('search.query', { q, limit: 10, lexicalOnly: true, waitMs: 30_000 })).results;

describe('typed addresses and consistent ranking', () => {
  it('finds a street typed with a slip and an abbreviation, and a town with a typo', async () => {
    const r = await top('hosaeson st granvile');
    expect(r[0]?.sourceKey).toBe('rec-988');
    expect(r[0]?.matched.map((m) => m.field)).toContain('address');
  });

  it('finds "st" written in full and "street" written short', async () => {
    expect((await top('hoseason st'))[0]?.sourceKey).toBe('rec-988');
    expect((await top('kiewa st granville'))[0]?.sourceKey).toBe('rec-4');
  });

  it('says why a result ranks above one that beats it on every field shown', async () => {
    const r = await top('mtichell gren');
    const at = (k: string) => r.findIndex((x) => x.sourceKey === k);
    for (let i = 0; i < r.length; i++) {
      const beaten = r.slice(i + 1).find((b) => dominates(b.matched, r[i]!.matched));
      if (beaten) expect(r[i]!.rankReason, r[i]!.name).toMatch(new RegExp(`^Ranked above ${beaten.name}, which matches every field shown at least as well, because `));
      else expect(r[i]!.rankReason, r[i]!.name).toBeNull();
    }
    // the rare exact surname "gren" outranks the closer "mitchell green", and says so
    expect(at('rec-5')).toBeLessThan(at('rec-6'));
    expect(r[at('rec-5')]!.rankReason).toContain('the words it matches are rarer in this workspace');
  });
});

describe('dominance', () => {
  it('needs every field at least as good and one clearly better', () => {
    const a = [{ field: 'name' as const, similarity: 0.958 }, { field: 'city' as const, similarity: 0.569 }];
    const b = [{ field: 'name' as const, similarity: 0.742 }, { field: 'city' as const, similarity: 0.525 }];
    expect(dominates(a, b)).toBe(true);
    expect(dominates(b, a)).toBe(false);
    expect(dominates(a, [...b, { field: 'address', similarity: 0.3 }])).toBe(false); // b has a field a lacks
    expect(dominates(a, [{ field: 'name', similarity: 0.94 }, { field: 'city', similarity: 0.569 }])).toBe(false); // not clearly better
  });

  it('names the hidden evidence that favours the higher result', () => {
    const matched = [[{ field: 'name' as const, similarity: 0.74 }], [{ field: 'city' as const, similarity: 0.9 }], [{ field: 'name' as const, similarity: 0.96 }]];
    const contrib = [[0, 3, 0], [0, 1, 0], [0, 0.5, 0.2]]; // rrf, lexical, vector per result
    const reasons = rankReasons(matched, ['harry gren', 'x', 'mitchell green'], ['rrf', 'lexical', 'vector'], (i, k) => contrib[i]![k]!);
    expect(reasons).toEqual(['Ranked above mitchell green, which matches every field shown at least as well, because the words it matches are rarer in this workspace.', null, null]);
  });
});
