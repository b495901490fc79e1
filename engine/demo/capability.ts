// The synthetic legacy CRM generator.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { demoGenerateJob } from './generate.js';
import { demoHandlers } from './handlers.js';

export const demoCapability: Capability = { name: 'demo', handlers: demoHandlers, jobKinds: [demoGenerateJob as JobKind<never>] };
