// Import: previews, mapping suggestions, the import job, summaries and rejects.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { ingestHandlers } from './handlers.js';
import { importJob } from './import-job.js';
import { removeJob } from './remove.js';

export const ingestCapability: Capability = { name: 'ingest', handlers: ingestHandlers, jobKinds: [importJob as JobKind<never>, removeJob as JobKind<never>] };
