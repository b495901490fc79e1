// Embedding models and the vector index (jobs: index, re-index, model import).
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { embedHandlers } from './handlers.js';
import { embedIndexJob, embedReindexJob } from './jobs.js';
import { importModelJob } from './model-import.js';

export const embedCapability: Capability = {
  name: 'embed',
  handlers: embedHandlers,
  jobKinds: [embedIndexJob as JobKind<never>, embedReindexJob as JobKind<never>, importModelJob as JobKind<never>],
};
