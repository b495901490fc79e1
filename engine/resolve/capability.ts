// Identity resolution over the workspace: plan, run (a job), summary, pairs, explanations.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { resolveHandlers } from './handlers.js';
import { resolveRunJob } from './job.js';

export const resolveCapability: Capability = { name: 'resolve', handlers: resolveHandlers, jobKinds: [resolveRunJob as JobKind<never>] };
