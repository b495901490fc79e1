// A mailbox belongs to one person: in the demo's hidden truth no two people share an e-mail
// address (providers do not hand one address to two people), and the rows the feeds export carry
// only their own person's address, apart from deliberate mess (typos, invented second addresses).
import { describe, expect, it } from 'vitest';
import { layout, rowRef } from '../../../engine/demo/layout.js';
import { hash, rng } from '../../../engine/demo/random.js';
import { DEMO_SOURCES } from '../../../engine/demo/sources.js';
import { person } from '../../../engine/demo/truth.js';

const SEED = 7;
const L = layout(SEED, 20_000);

describe('demo e-mail addresses', () => {
  it('gives every person of a 20k-customer demo an address of their own', () => {
    const owner = new Map<string, number>();
    const shared: string[] = [];
    for (let p = 0; p < L.persons; p++) {
      const x = person(SEED, p);
      const address = `${x.emailLocal}@${x.emailDomain}`;
      const o = owner.get(address);
      if (o === undefined) owner.set(address, p);
      else shared.push(`persons ${o} and ${p}`);
    }
    expect(L.persons).toBeGreaterThan(10_000);
    expect(shared.slice(0, 5)).toEqual([]);
  });

  it('keeps the address a person wants unless a lower id holds it, then adds their id (the same whatever order persons are made in)', () => {
    // made from the top id down: the answer must not depend on which ids were asked for before
    const top = L.persons - 1;
    const fromTop = person(SEED + 1, top);
    const holders = new Map<string, number>();
    let suffixed = 0;
    for (let p = 0; p <= top; p++) {
      const x = p === top ? fromTop : person(SEED + 1, p);
      const m = /^(.*)\.(\d+)$/.exec(x.emailLocal);
      const own = m && Number(m[2]) === p;
      const wanted = `${own ? m![1] : x.emailLocal}@${x.emailDomain}`;
      if (own) {
        suffixed++;
        expect(holders.has(wanted), `${p} ${wanted}`).toBe(true);
      } else {
        expect(holders.has(wanted), `${p} ${wanted}`).toBe(false);
        holders.set(wanted, p);
      }
    }
    expect(suffixed).toBeGreaterThan(100); // popular names do collide at this size
  });

  it('exports rows whose clean address belongs to that row\'s person, but for invented second addresses', () => {
    const src = DEMO_SOURCES[0]!;
    const owner = new Map<string, number>();
    let foreign = 0;
    let rows = 0;
    for (let k = 0; k < L.rows[0]; k++) {
      const ref = rowRef(L, 0, k);
      if (ref.duplicate) continue; // second accounts may carry a typo'd or invented address
      const email = src.render(ref, person(SEED, ref.person), rng(hash(SEED, 400, k)))[4]!.toLowerCase();
      if (!/^[a-z0-9.]+@[a-z.]+\.[a-z]+$/.test(email)) continue;
      rows++;
      const o = owner.get(email);
      if (o === undefined) owner.set(email, ref.person);
      else if (o !== ref.person) foreign++;
    }
    expect(rows).toBeGreaterThan(5_000);
    // only a typo can turn one person's address into another's
    expect(foreign / rows).toBeLessThan(0.001);
  });
});
