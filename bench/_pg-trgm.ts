/**
 * The issue-4 reference, computed: PostgreSQL pg_trgm distance ranking on the FEBRL4 files.
 *
 * Starts a throw-away PostgreSQL cluster in a temp dir (unix socket in that dir only,
 * listen_addresses=''), loads the febrl4a records with one text column per query form, builds a
 * GiST trigram index per column, and for every febrl4b query ranks `a.t <-> query` (pg_trgm
 * distance) through the index, LIMIT 100 — the same depth our bench ranks to. Recall@10 counts
 * the original in the top 10; MRR is the mean of 1/rank over the top 100 (as bench/search.ts
 * computes ours); mrrAt10 counts only top-10 hits. The cluster is stopped and the temp dir
 * removed at the end, always. PostgreSQL is driven through its command-line tools (no npm
 * package). Without PostgreSQL it returns { status: 'unavailable', reason }.
 *
 * Binaries: $PG_BIN, else the newest /usr/lib/postgresql/<ver>/bin, else initdb on PATH.
 * As root, the cluster runs as the `postgres` user through runuser (postgres refuses root).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

type Row = Record<string, string>;
export type PgTrgmForm = { recallAt10: number; mrr: number; mrrAt10: number; queries: number };
export type PgTrgmRun =
  | { status: 'ok'; postgres: string; ms: number; loadMs: number; queryWallMs: number; sessions: number; querySessionMs: Record<string, number>; forms: Record<string, PgTrgmForm> }
  | { status: 'unavailable'; reason: string };

function findBin(): string | null {
  const ok = (d: string) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')) && existsSync(join(d, 'psql'));
  if (process.env.PG_BIN && ok(process.env.PG_BIN)) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const vers = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((x, y) => Number(y) - Number(x));
    for (const v of vers) if (ok(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  const w = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const p = w.status === 0 ? w.stdout.trim() : '';
  if (p) {
    const d = p.replace(/\/initdb$/, '');
    if (ok(d)) return d;
  }
  return null;
}

/** Text-format COPY field. */
const tsv = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** A throw-away PostgreSQL cluster in a temp dir: unix socket there only, stopped and removed by stop(). */
interface PgCluster {
  dir: string;
  version: string;
  /** Write a file the cluster's user can read (chowned to postgres when running as root). */
  own: (f: string) => void;
  /** Run SQL through psql (a script file in the temp dir); returns stdout. */
  psql: (sql: string) => string;
  psqlArgs: (f: string) => string[];
  script: (name: string, sql: string) => string;
  runAsync: (cmd: string, args: string[]) => Promise<void>;
  stop: () => void;
}

function startPgCluster(): PgCluster | { unavailable: string } {
  const bin = findBin();
  if (!bin) return { unavailable: 'PostgreSQL binaries (initdb, pg_ctl, psql) not found: set PG_BIN or apt-get install postgresql postgresql-contrib' };
  const isRoot = process.getuid?.() === 0;
  let pgUid = -1;
  let pgGid = -1;
  if (isRoot) {
    const u = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (u.status !== 0 || g.status !== 0) return { unavailable: 'running as root and there is no `postgres` user to run the cluster as' };
    pgUid = Number(u.stdout.trim());
    pgGid = Number(g.stdout.trim());
  }
  // `runuser -u postgres --` when root; the binary itself otherwise
  const run = (cmd: string, args: string[], timeoutMs = 600_000) => {
    const [c, as] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(c, as as string[], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C', PGTZ: 'UTC' } });
    if (r.error || r.status !== 0) throw new Error(`${cmd} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().slice(-800)}`);
    return r.stdout;
  };
  const runAsync = (cmd: string, args: string[]) =>
    new Promise<void>((res, rej) => {
      const [c, as] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
      const p = spawn(c, as as string[], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C', PGTZ: 'UTC' } });
      let err = '';
      p.stderr.on('data', (d) => (err += String(d)));
      p.on('error', rej);
      p.on('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} failed (exit ${code}): ${err.trim().slice(-800)}`))));
    });

  const dir = mkdtempSync(join(tmpdir(), 'aerie-pgtrgm-'));
  const data = join(dir, 'data');
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop'], 90_000);
      } catch {
        // last resort: quit the postmaster by its pid so nothing outlives the temp dir
        try {
          const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGQUIT');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot) chownSync(dir, pgUid, pgGid);
    const own = (f: string) => {
      if (isRoot) chownSync(f, pgUid, pgGid);
    };
    run('initdb', ['-D', data, '-U', 'bench', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const opts = `-c listen_addresses='' -c unix_socket_directories='${dir}' -c port=5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c work_mem=64MB -c jit=off`;
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    started = true;
    const version = run('postgres', ['--version']).trim();
    const psqlArgs = (f: string) => ['-X', '-q', '-h', dir, '-p', '5432', '-U', 'bench', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-f', f];
    const script = (name: string, sql: string) => {
      const f = join(dir, name);
      writeFileSync(f, sql);
      own(f);
      return f;
    };
    const psql = (sql: string) => run('psql', psqlArgs(script('script.sql', sql)));
    return { dir, version, own, psql, psqlArgs, script, runAsync, stop };
  } catch (e) {
    stop();
    return { unavailable: (e as Error).message };
  }
}

export async function runPgTrgmReference(a: Row[], b: Row[], forms: Record<string, (r: Row) => string>): Promise<PgTrgmRun> {
  const t0 = performance.now();
  const pg = startPgCluster();
  if ('unavailable' in pg) return { status: 'unavailable', reason: pg.unavailable };
  const { dir, version, own, psql, psqlArgs, script, runAsync } = pg;
  try {
    // data files: one text column per query form, built the way our bench builds its queries
    const keys = Object.keys(forms);
    const col = (k: string) => `t_${k.toLowerCase()}`;
    const orig = new Set(a.map((r) => r.rec_id!));
    const aFile = join(dir, 'a.tsv');
    const qFile = join(dir, 'q.tsv');
    writeFileSync(aFile, a.map((r) => [r.rec_id!, ...keys.map((k) => forms[k]!(r))].map(tsv).join('\t')).join('\n') + '\n');
    const qs = b.map((r) => ({ r, truth: r.rec_id!.replace(/-dup-\d+$/, '-org') })).filter((x) => orig.has(x.truth));
    writeFileSync(qFile, qs.map(({ r, truth }, i) => [String(i), r.rec_id!, truth, ...keys.map((k) => forms[k]!(r))].map(tsv).join('\t')).join('\n') + '\n');
    own(aFile);
    own(qFile);

    const tl = performance.now();
    psql(`CREATE EXTENSION pg_trgm;
CREATE TABLE a (rec_id text PRIMARY KEY, ${keys.map((k) => `${col(k)} text`).join(', ')});
CREATE TABLE q (i int PRIMARY KEY, rec_id text NOT NULL, truth text NOT NULL, ${keys.map((k) => `${col(k)} text`).join(', ')});
\\copy a FROM '${aFile}'
\\copy q FROM '${qFile}'
${keys.map((k) => `CREATE INDEX ON a USING gist (${col(k)} gist_trgm_ops);`).join('\n')}
ANALYZE a; ANALYZE q;
`);
    const loadMs = performance.now() - tl;

    // the queries of each form in chunks, one psql session per chunk, as many at once as CPUs
    const chunks = Math.max(1, Math.min(8, availableParallelism()));
    const tasks = keys.flatMap((k) => Array.from({ length: chunks }, (_, j) => ({ k, j, res: join(dir, `rank-${k}-${j}.csv`) })));
    const queryMs: Record<string, number> = {};
    const tq = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) {
        const { k, j, res } = tasks[next++]!;
        const t1 = performance.now();
        // rank of the original among the top 100 by pg_trgm distance, KNN through the GiST index
        const f = script(`rank-${k}-${j}.sql`, `SET enable_seqscan = off;
\\copy (SELECT q.rec_id, array_position(ARRAY(SELECT a.rec_id FROM a ORDER BY a.${col(k)} <-> q.${col(k)} LIMIT 100), q.truth) FROM q WHERE q.i % ${chunks} = ${j}) TO '${res}' WITH (FORMAT csv)
`);
        await runAsync('psql', psqlArgs(f));
        queryMs[k] = (queryMs[k] ?? 0) + Math.round(performance.now() - t1);
      }
    };
    await Promise.all(Array.from({ length: chunks }, worker));
    const queryWallMs = Math.round(performance.now() - tq);

    const out: Record<string, PgTrgmForm> = {};
    const r4 = (x: number) => Math.round(x * 10000) / 10000;
    for (const k of keys) {
      const lines = tasks.filter((t) => t.k === k).flatMap((t) => readFileSync(t.res, 'utf8').split('\n').filter(Boolean));
      let hit10 = 0;
      let rr = 0;
      let rr10 = 0;
      for (const l of lines) {
        const pos = l.slice(l.lastIndexOf(',') + 1);
        if (!pos) continue;
        const p = Number(pos);
        rr += 1 / p;
        if (p <= 10) {
          hit10++;
          rr10 += 1 / p;
        }
      }
      const n = lines.length;
      out[k] = { recallAt10: r4(hit10 / n), mrr: r4(rr / n), mrrAt10: r4(rr10 / n), queries: n };
    }
    return { status: 'ok', postgres: version, ms: Math.round(performance.now() - t0), loadMs: Math.round(loadMs), queryWallMs, sessions: chunks, querySessionMs: queryMs, forms: out };
  } catch (e) {
    return { status: 'unavailable', reason: (e as Error).message };
  } finally {
    pg.stop();
  }
}

export type PgJoinRun =
  | { status: 'ok'; postgres: string; cases: Record<string, { pairs: [number, number][]; ms: number }> }
  | { status: 'unavailable'; reason: string };

/**
 * The seed system's matching recipe: a pg_trgm self-join, pairs whose names have
 * similarity(a.name, b.name) > 0.6 (the `%` operator through a GIN trigram index, then the strict
 * test). `names[k]` is record k's name text; with `split`, only pairs across records < split and
 * ≥ split (linking two files). Returns the pairs (record indices, smaller first) per case.
 */
export async function runPgTrgmJoin(cases: Record<string, { names: string[]; split?: number }>): Promise<PgJoinRun> {
  const pg = startPgCluster();
  if ('unavailable' in pg) return { status: 'unavailable', reason: pg.unavailable };
  try {
    pg.psql('CREATE EXTENSION pg_trgm;');
    const out: Record<string, { pairs: [number, number][]; ms: number }> = {};
    for (const [name, c] of Object.entries(cases)) {
      const t0 = performance.now();
      const f = join(pg.dir, `${name}.tsv`);
      const res = join(pg.dir, `${name}-pairs.csv`);
      writeFileSync(f, c.names.map((s, i) => `${i}\t${c.split !== undefined && i >= c.split ? 1 : 0}\t${tsv(s)}`).join('\n') + '\n');
      pg.own(f);
      const cross = c.split !== undefined ? 'AND x.src = 0 AND y.src = 1' : 'AND x.i < y.i';
      pg.psql(`DROP TABLE IF EXISTS r;
CREATE TABLE r (i int PRIMARY KEY, src int NOT NULL, name text NOT NULL);
\\copy r FROM '${f}'
CREATE INDEX ON r USING gin (name gin_trgm_ops);
ANALYZE r;
SET pg_trgm.similarity_threshold = 0.6;
\\copy (SELECT x.i, y.i FROM r x JOIN r y ON x.name % y.name ${cross} WHERE similarity(x.name, y.name) > 0.6) TO '${res}' WITH (FORMAT csv)
`);
      const pairs = readFileSync(res, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(',').map(Number) as [number, number]);
      out[name] = { pairs, ms: Math.round(performance.now() - t0) };
    }
    return { status: 'ok', postgres: pg.version, cases: out };
  } catch (e) {
    return { status: 'unavailable', reason: (e as Error).message };
  } finally {
    pg.stop();
  }
}
