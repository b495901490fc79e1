// Job progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise.
import type { EngineClient } from '../api/client.js';
import type { JobKindName, JobRequest, JobResult } from '../api/job-kinds.js';
import type { Job } from '../api/jobs.js';
import { runJob } from '../api/run-job.js';

function line(j: Job): string {
  const pct = j.total ? Math.floor((100 * j.done) / j.total) : null;
  const bar = pct === null ? '' : `[${'#'.repeat(Math.floor(pct / 5)).padEnd(20, ' ')}] ${String(pct).padStart(3)}% `;
  const count = j.total ? `${j.done.toLocaleString('en')}/${j.total.toLocaleString('en')} ${j.unit}` : `${j.done.toLocaleString('en')} ${j.unit}`;
  return `${bar}${j.label}: ${count}${j.message ? ` — ${j.message}` : ''}`;
}

export function showProgress(client: EngineClient, jobId: string): () => void {
  const tty = process.stderr.isTTY;
  let last = 0;
  const off = client.on('job', (j) => {
    if (j.id !== jobId) return;
    const finished = j.state !== 'running' && j.state !== 'queued';
    if (tty) {
      process.stderr.write(`\r\x1b[2K${line(j)}${finished ? '\n' : ''}`);
    } else if (finished || Date.now() - last > 2000) {
      process.stderr.write(`${line(j)}\n`);
      last = Date.now();
    }
  });
  return off;
}

/**
 * Start a job and wait for it, showing progress; Ctrl-C cancels it (its partial work is rolled
 * back). Returns the job id and its typed result; a job that did not succeed throws its error.
 */
export async function runCliJob<K extends JobKindName>(client: EngineClient, kind: K, params: JobRequest<K>): Promise<{ jobId: string; result: JobResult<K> }> {
  let jobId = '';
  let off = () => undefined as unknown;
  const onSigint = () => {
    process.stderr.write('\nCancelling…\n');
    if (jobId) void client.call('jobs.cancel', { id: jobId });
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await runJob(client, kind, params, {
      timeoutMs: 0,
      onStart: (id) => {
        jobId = id;
        off = showProgress(client, id);
      },
    });
    return { jobId, result };
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}
