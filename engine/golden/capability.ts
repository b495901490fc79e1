// Golden records: survivorship with provenance, steward decisions, stable ids, exports.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { goldenBuildJob } from './build-job.js';
import { goldenHandlers } from './handlers.js';

export const goldenCapability: Capability = { name: 'golden', handlers: goldenHandlers, jobKinds: [goldenBuildJob as JobKind<never>] };
