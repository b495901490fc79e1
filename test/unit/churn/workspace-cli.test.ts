// `aerie churn train | score | models | card` through the built CLI on a demo workspace: JSON out, the
// options checked before the passphrase is asked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
afterAll(() => t.cleanup());
const env = { AERIE_PASSPHRASE: PASS };

describe('aerie churn', () => {
  it('trains by source record, scores every customer and lists the model', () => {
    const ws = join(t.dir, 'cli.aerie');
    expect(aerie(['demo', ws, '--customers', '800', '--seed', '4'], env).code).toBe(0);
    const bad = aerie(['churn', 'train', ws, '--definition', 'gone'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--definition must be one of noOrder, contractEnded, accountClosed, noActivity');
    const late = aerie(['churn', 'train', ws, '--cutoff', '2025-06-01'], env);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toContain('Choose a cutoff on or before 2025-04-02');

    const tr = aerie(['churn', 'train', ws, '--definition', 'noActivity', '--horizon', '120'], env);
    expect(tr.code, tr.stderr).toBe(0);
    const trained = JSON.parse(tr.stdout) as { modelId: number; unit: string; horizonDays: number; cutoff: string; auc: number };
    expect(trained).toMatchObject({ unit: 'source', horizonDays: 120, cutoff: '2025-03-03' });
    expect(trained.auc).toBeGreaterThan(0.5);
    const sc = aerie(['churn', 'score', ws, '--model', String(trained.modelId)], env);
    expect(sc.code, sc.stderr).toBe(0);
    const scored = JSON.parse(sc.stdout) as { modelId: number; scored: number; cutoff: string };
    expect(scored).toMatchObject({ modelId: trained.modelId, cutoff: '2025-07-01' });
    expect(scored.scored).toBeGreaterThan(600);
    const ls = aerie(['churn', 'models', ws], env);
    expect(ls.code, ls.stderr).toBe(0);
    expect(JSON.parse(ls.stdout)).toMatchObject([{ id: trained.modelId, status: 'candidate', scored: scored.scored }]);
    // the model card to a file: never over a file without --force
    const out = join(t.dir, 'card.html');
    writeFileSync(out, 'mine');
    const refused = aerie(['churn', 'card', ws, '--model', String(trained.modelId), '--out', out], env);
    expect(refused.code).not.toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const card = aerie(['churn', 'card', ws, '--model', String(trained.modelId), '--out', out, '--force'], env);
    expect(card.code, card.stderr).toBe(0);
    expect(JSON.parse(card.stdout)).toEqual({ path: out, bytes: readFileSync(out).byteLength });
    expect(readFileSync(out, 'utf8')).toContain('ROC AUC');
  }, 240_000);
});
