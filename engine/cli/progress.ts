// Job progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise.
import type { EngineClient } from '../api/client.js';
import type { Job } from '../api/schemas.js';

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

/** Wait for a job to finish, showing progress; Ctrl-C cancels it (its partial work is rolled back). */
export async function followJob(client: EngineClient, jobId: string): Promise<Job> {
  const off = showProgress(client, jobId);
  const onSigint = () => {
    process.stderr.write('\nCancelling…\n');
    void client.call('jobs.cancel', { id: jobId });
  };
  process.on('SIGINT', onSigint);
  try {
    return await new Promise<Job>((resolve) => {
      const stop = client.on('job', (j) => {
        if (j.id === jobId && j.state !== 'running' && j.state !== 'queued') {
          stop();
          resolve(j);
        }
      });
      // The job may have finished before we subscribed.
      void client.call('jobs.get', { id: jobId }).then((j) => {
        if (j.state !== 'running' && j.state !== 'queued') {
          stop();
          resolve(j);
        }
      });
    });
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}
