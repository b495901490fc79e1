// Profiling (a job) and the catalogue.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { profileHandlers } from './handlers.js';
import { profileJob } from './job.js';

export const profileCapability: Capability = { name: 'profile', handlers: profileHandlers, jobKinds: [profileJob as JobKind<never>] };
