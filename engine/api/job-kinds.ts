// Every kind of job in the contract, merged from the capabilities' contract files: what starts it,
// what a caller passes, and what a succeeded job's result holds.
import { z } from 'zod';
import { churnJobs } from './churn.js';
import { demoJobs } from './demo.js';
import { embedJobs } from './embed.js';
import { experimentsJobs } from './experiments.js';
import { goldenJobs } from './golden.js';
import { ingestJobs } from './ingest.js';
import type { JobSpec } from './method.js';
import { profileJobs } from './profile.js';
import { resolveJobs } from './resolve.js';
import { searchJobs } from './search.js';

export const jobSpecs = {
  ...demoJobs,
  ...ingestJobs,
  ...profileJobs,
  ...embedJobs,
  ...searchJobs,
  ...resolveJobs,
  ...goldenJobs,
  ...churnJobs,
  ...experimentsJobs,
} as const satisfies Record<string, JobSpec>;

export type JobSpecs = typeof jobSpecs;
export type JobKindName = keyof JobSpecs;
/** What a caller passes to start a job of kind K (its starting method's input). */
export type JobRequest<K extends JobKindName> = z.input<JobSpecs[K]['request']>;
export type JobResult<K extends JobKindName> = z.output<JobSpecs[K]['result']>;

export function isJobKindName(kind: string): kind is JobKindName {
  return Object.prototype.hasOwnProperty.call(jobSpecs, kind);
}

const start = <K extends JobKindName>(kind: K) => z.object({ kind: z.literal(kind), params: jobSpecs[kind].request });

/** jobs.start's input: the kind, and the request its starting method takes. */
export const JobStartInput = z.discriminatedUnion('kind', [
  start('demo.generate'),
  start('ingest.import'),
  start('ingest.remove'),
  start('profile.run'),
  start('embed.index'),
  start('embed.reindex'),
  start('embed.importModel'),
  start('search.train'),
  start('resolve.run'),
  start('golden.build'),
  start('churn.train'),
  start('churn.score'),
  start('experiments.assign'),
  start('experiments.computeResults'),
]);
