// `aerie resolve <workspace>` through the built CLI: a job with progress on stderr and the JSON
// summary on stdout; a rerun keeps the entities' ids; --incremental runs the incremental mode; --link
// links two sources.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
afterAll(() => t.cleanup());
const env = { AERIE_PASSPHRASE: PASS };

describe('aerie resolve', () => {
  it('resolves a demo workspace and prints the run summary as JSON', () => {
    const ws = join(t.dir, 'cli.aerie');
    const demo = aerie(['demo', ws, '--customers', '400', '--no-events'], env);
    expect(demo.code, demo.stderr).toBe(0);
    const r = aerie(['resolve', ws], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { records: number; candidatePairs: number; scoredPairs: number; matches: number; entities: number; entitiesKept: number; secondsPerStage: Record<string, number>; modelId: number; clusterSizes: [number, number][]; matchesByRule: { rule: string; matches: number }[] };
    expect(out.records).toBe(400);
    expect(out.entities).toBeLessThan(400);
    expect(out.matches).toBeGreaterThan(0);
    expect(out.entitiesKept).toBe(0);
    expect(out.clusterSizes.reduce((n, [size, k]) => n + size * k, 0)).toBe(400);
    expect(Object.keys(out.secondsPerStage)).toContain('cluster');
    const again = JSON.parse(aerie(['resolve', ws], env).stdout) as typeof out;
    expect(again.entitiesKept).toBe(again.entities);
    // --incremental with nothing imported since: a run that adds nothing and keeps every entity
    const inc = aerie(['resolve', ws, '--incremental'], env);
    expect(inc.code, inc.stderr).toBe(0);
    const incOut = JSON.parse(inc.stdout) as typeof out & { incremental: { newRecords: number; merged: unknown[] } };
    expect(incOut.incremental).toMatchObject({ newRecords: 0, merged: [] });
    expect(incOut.entities).toBe(again.entities);
    expect(incOut.records).toBe(400);
    const bad = aerie(['resolve', ws, '--threshold', '2'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--threshold');
    // --link: records of two sources linked one to one, the JSON says which and how many
    const link = aerie(['resolve', ws, '--link', 'demo-crm,demo-billing'], env);
    expect(link.code, link.stderr).toBe(0);
    const linkOut = JSON.parse(link.stdout) as typeof out & { link: { sources: string[]; recordsA: number; recordsB: number; links: number } };
    expect(linkOut.link.sources).toEqual(['demo-crm', 'demo-billing']);
    expect(linkOut.records).toBe(linkOut.link.recordsA + linkOut.link.recordsB);
    expect(linkOut.entities).toBe(linkOut.records - linkOut.link.links);
    const one = aerie(['resolve', ws, '--link', 'demo-crm'], env);
    expect(one.code).not.toBe(0);
    expect(one.stderr).toContain('--link takes two source names');
    const incAfterLink = aerie(['resolve', ws, '--incremental'], env);
    expect(incAfterLink.code).not.toBe(0);
    expect(incAfterLink.stderr).toContain('linked two sources');
  }, 120_000);
});
