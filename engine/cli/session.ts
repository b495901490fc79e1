// Shared CLI plumbing: an in-process engine allowed to touch the workspace's folder, JSON output.
import { dirname, resolve } from 'node:path';
import type { EngineClient } from '../api/client.js';
import { AerieError } from '../api/errors.js';
import { startInProcessEngine } from '../worker/in-process-transport.js';
import { startEngineWorker } from '../worker/worker-transport.js';
import { userInfo } from 'node:os';

export function caller() {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { user, host: 'cli' as const };
}

/** "aerie import", "aerie audit verify": what another process is told holds the workspace. */
export function commandLabel(argv = process.argv): string {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const cmd = words[0] ?? '';
  return ['aerie', cmd, ...(cmd === 'audit' && words[1] ? [words[1]] : [])].filter(Boolean).join(' ');
}

export function workspacePath(p: string): string {
  return resolve(p);
}

/**
 * An engine for one command. Paths named on the command line are the user's choice, so their
 * folders are allowed (the workspace's, the current one, and any in `files`). Bulk commands
 * (import, demo) run it on a worker thread, as the app does: the import's parser then has the
 * other core and the engine its large young generation (see worker-transport.ts); the rest run it
 * in-process, which starts faster.
 */
export async function withEngine<T>(
  workspace: string,
  fn: (client: EngineClient, path: string) => Promise<T>,
  files: string[] = [],
  opts: { thread?: boolean } = {},
): Promise<T> {
  const path = workspacePath(workspace);
  const roots = [dirname(path), process.cwd(), ...files.map((f) => dirname(resolve(f)))];
  // One-shot: don't start resuming an interrupted job only to pause it again on exit.
  if (opts.thread) {
    const { client, transport } = await startEngineWorker({ roots, caller: caller(), resumeJobs: false, openHooks: false, timeoutMs: 600_000, owner: commandLabel() });
    try {
      return await fn(client, path);
    } finally {
      await transport.close();
    }
  }
  const { client } = startInProcessEngine({ roots, resumeJobs: false, openHooks: false, owner: commandLabel() }, caller());
  try {
    return await fn(client, path);
  } finally {
    await client.close();
  }
}

export function printJson(v: unknown): void {
  process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
}

export function fail(e: unknown): never {
  if (e instanceof AerieError) {
    process.stderr.write(`aerie: ${e.message}\n`);
    const d = e.details;
    if (d) {
      const where = [d.file && `file ${d.file}`, d.row !== undefined && `row ${d.row}`, d.column && `column ${d.column}`, d.value !== undefined && `value ${JSON.stringify(d.value)}`].filter(Boolean);
      if (where.length) process.stderr.write(`  at ${where.join(', ')}\n`);
      if (d.hint) process.stderr.write(`  ${d.hint}\n`);
    }
    process.stderr.write(`  (${e.code})\n`);
  } else {
    // An unexpected error: its message and code as the engine reports them; the stack on request.
    process.stderr.write(`aerie: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.AERIE_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.stderr.write('  (INTERNAL; set AERIE_DEBUG=1 for the stack)\n');
  }
  process.exit(1);
}
