// `aerie experiment create | assign | export | results <workspace>` on a
// demo workspace with the campaign (built CLI, real encrypted file): each prints JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-experiment-store-');
afterAll(() => t.cleanup());
const env = { AERIE_PASSPHRASE: PASS };
const run = (args: string[]) => {
  const r = aerie(args, env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('aerie experiment on a workspace', () => {
  it('demo --campaign stores the campaign; create, assign, export and results print JSON', () => {
    const ws = join(t.dir, 'camp.aerie');
    run(['demo', ws, '--customers', '600', '--campaign']);
    const created = run(['experiment', 'create', ws, '--name', 'cli offer', '--start', '2025-01-01', '--end', '2025-03-31', '--arms', 'control:2,offer:1', '--holdout', '0.1', '--stratify', 'city', '--metric', 'conversion', '--guardrail', 'revenue', 'churn_60d']);
    expect(created).toMatchObject({ name: 'cli offer', arms: [{ name: 'control', share: 2 }, { name: 'offer', share: 1 }], stratify: 'city', guardrailMetrics: ['revenue', 'churn_60d'], status: 'draft' });
    const a = run(['experiment', 'assign', ws, String(created.id)]);
    expect(a.total).toBe(600);
    expect(a.byArm.holdout).toBeGreaterThan(20);
    const out = join(t.dir, 'a.csv');
    expect(run(['experiment', 'export', ws, String(created.id), '--out', out]).rows).toBe(600);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('experiment,unit,source,source_key,golden_id,stratum,arm');
    const r = run(['experiment', 'results', ws, String(created.id)]);
    expect(r.metrics.map((m: { metric: string }) => m.metric)).toEqual(['conversion', 'revenue', 'churn_60d']);
    expect(r.holm).toHaveLength(3);
    // (list, status and report are the same methods, covered through the API in stored.test.ts)
  }, 90_000);
});
