// Contract of jobs: the stored state of long work, listing, following and cancelling it.
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { JobStartInput, type JobKindName, type JobResult } from './job-kinds.js';
import { JobStarted, method } from './method.js';

export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  state: JobState,
  label: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  unit: z.string(),
  message: z.string(),
  /** details: where the problem is (file, row, column, value) and what to do (hint). */
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  /** A succeeded job's result, as its kind's contract says (see TypedJob); null before it ends. */
  result: z.unknown().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  resumes: z.number().int(),
});
export type Job = z.infer<typeof Job>;
export type JobError = NonNullable<Job['error']>;

/** A job whose kind is known: its result typed by the kind's contract. */
export type TypedJob<K extends JobKindName> = Omit<Job, 'kind' | 'result'> & { kind: K; result: JobResult<K> | null };

/** Narrow a job to its kind (the engine checked the result against the kind's schema when it ended). */
export function isJobOf<K extends JobKindName>(job: Job, kind: K): job is Job & TypedJob<K> {
  return job.kind === kind;
}

export const jobsMethods = {
  'jobs.list': method({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(Job),
    mutates: false,
    needsWorkspace: true,
    summary: 'Recent jobs, newest first.',
  }),
  'jobs.get': method({
    input: z.object({ id: z.string() }).strict(),
    output: Job,
    mutates: false,
    needsWorkspace: true,
    summary: 'One job.',
  }),
  'jobs.start': method({
    input: JobStartInput,
    output: JobStarted,
    // the starting method it calls is audited
    mutates: false,
    needsWorkspace: true,
    summary: 'Start a job of any kind with its request (the same as calling its starting method, e.g. ingest.start).',
  }),
  'jobs.cancel': method({
    input: z.object({ id: z.string() }).strict(),
    output: Job,
    mutates: true,
    needsWorkspace: true,
    summary: 'Cancel a queued or running job; its partial work is rolled back.',
  }),
};
