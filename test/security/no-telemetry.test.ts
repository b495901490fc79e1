// Air-gap: running models writes nothing outside the workspace. onnxruntime-node's telemetry (a device
// id and an event queue under ~/.cache/Microsoft/DeveloperTools/.onnxruntime/, $TMPDIR/mat-debug-<pid>.log)
// and transformers.js's caches must stay off in every host: the CLI (model on the main thread) and
// `aerie serve` (model in the engine worker). HOME, the XDG folders and TMPDIR point at empty folders.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLoopback } from '../../engine/host/ws-transport.js';
import { CLI } from '../helpers/cli.js';
import { PASS, tempDir } from '../helpers/tmp.js';
import { writeTinyBert } from '../unit/embed/tiny-bert.js';

const t = tempDir('aerie-airgap-');
const models = join(t.dir, 'models');
const ws = join(t.dir, 'ws', 'airgap.aerie');
const pids: number[] = [];

/** Variables under which onnxruntime silences itself anyway (CI runners): removed, so the test proves our own switch. */
const MASKING = [
  'CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CIRCLECI', 'TRAVIS', 'JENKINS_URL', 'CODEBUILD_BUILD_ID', 'BUILDKITE',
  'TEAMCITY_VERSION', 'APPVEYOR', 'BITBUCKET_BUILD_NUMBER', 'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI',
  'ORT_RUNNING_UNIT_TESTS', 'ORT_DISABLE_TELEMETRY', 'ORT_TELEMETRY_DISABLED',
];

/** Empty HOME and TMPDIR for one test. */
function folders(name: string): { home: string; tmp: string } {
  const f = { home: join(t.dir, name, 'home'), tmp: join(t.dir, name, 'tmp') };
  mkdirSync(f.home, { recursive: true });
  mkdirSync(f.tmp, { recursive: true });
  return f;
}

function childEnv({ home, tmp }: { home: string; tmp: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of MASKING) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('XDG_')) delete env[k];
  return { ...env, HOME: home, USERPROFILE: home, TMPDIR: tmp, TMP: tmp, TEMP: tmp, AERIE_PASSPHRASE: PASS, AERIE_MODELS_DIR: models };
}

function run(args: string[], dirs: { home: string; tmp: string }): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: childEnv(dirs), encoding: 'utf8', timeout: 120_000 });
  if (r.pid) pids.push(r.pid);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file and folder under `dir`, relative to it. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => relative(dir, resolve(dir, p))).sort();
}

beforeAll(async () => {
  for (const d of [models, join(t.dir, 'ws')]) mkdirSync(d, { recursive: true });
  cpSync(fileURLToPath(new URL('../../models/aerie-charngram', import.meta.url)), join(models, 'aerie-charngram'), { recursive: true });
  await writeTinyBert(join(models, 'tiny-bert'), 8);
  const demo = run(['demo', ws, '--customers', '40', '--no-events'], folders('demo'));
  expect(demo.code, demo.stderr).toBe(0);
});

afterAll(() => t.cleanup());

describe('no telemetry and no stray files when models run', () => {
  it('the CLI runs the built-in and a transformers.js model and writes nothing to HOME or TMPDIR', () => {
    const dirs = folders('cli');
    const { home, tmp } = dirs;
    const builtin = run(['embed', ws], dirs);
    expect(builtin.code, builtin.stderr).toBe(0);
    expect(JSON.parse(builtin.stdout)).toMatchObject({ result: { model: 'aerie-charngram@1.0.0', embedded: 40 } });

    const list = run(['embed', ws, '--list'], dirs);
    expect(list.code, list.stderr).toBe(0);
    const tiny = (JSON.parse(list.stdout) as { models: { models: { id: string; kind: string }[] } }).models.models.find((m) => m.kind === 'transformers');
    expect(tiny, list.stdout).toBeDefined();
    const dropIn = run(['embed', ws, '--full', '--model', tiny!.id], dirs);
    expect(dropIn.code, dropIn.stderr).toBe(0);
    expect(JSON.parse(dropIn.stdout)).toMatchObject({ result: { embedded: 40 } });

    const search = run(['search', ws, 'john smith', '--limit', '3'], dirs);
    expect(search.code, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as { vectors: string }).vectors.startsWith(tiny!.id)).toBe(true);

    expect(tree(home)).toEqual([]);
    expect(tree(tmp)).toEqual([]);
  });

  it('aerie serve runs a model in its engine worker and writes nothing to HOME or TMPDIR', async () => {
    // The bundle itself, not bin/aerie.js (which switches telemetry off for everything it runs): this
    // proves the engine worker's own host path (startEngineWorker) does. Back to the built-in model,
    // indexed and queried on the worker thread.
    const { home, tmp } = folders('serve');
    const bundle = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [bundle, 'serve', ws], { env: childEnv({ home, tmp }), stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) pids.push(child.pid);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolveUrl((JSON.parse(out.slice(0, out.indexOf('\n'))) as { url: string }).url);
        });
      });
      const c = await connectLoopback(url);
      try {
        const { jobId } = await c.call('embed.reindex', { model: 'aerie-charngram@1.0.0' });
        for (;;) {
          const job = await c.call('jobs.get', { id: jobId });
          if (job.state !== 'running' && job.state !== 'queued') {
            expect(job.state, JSON.stringify(job)).toBe('succeeded');
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        const res = await c.call('search.query', { q: 'john smith', limit: 3, waitMs: 60_000 });
        expect(res.vectors).toMatch(/^aerie-charngram@1\.0\.0/);
      } finally {
        await c.close();
      }
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
    expect(tree(home)).toEqual([]);
    expect(tree(tmp)).toEqual([]);
  });

  it('left no mat-debug log in the system temp folder either', () => {
    expect(pids.length).toBeGreaterThan(3);
    for (const pid of pids) expect(existsSync(join(tmpdir(), `mat-debug-${pid}.log`)), `mat-debug-${pid}.log`).toBe(false);
  });
});
