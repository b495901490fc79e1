// Experiments (issue 14): power, analysis of outcomes, ROI, stored experiments, the assign and compute-results jobs.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { experimentsAssignJob } from './assign-job.js';
import { experimentsHandlers } from './handlers.js';
import { experimentsComputeResultsJob } from './results-job.js';

export const experimentsCapability: Capability = { name: 'experiments', handlers: experimentsHandlers, jobKinds: [experimentsAssignJob as JobKind<never>, experimentsComputeResultsJob as JobKind<never>] };
