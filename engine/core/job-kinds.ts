// Every kind of long-running work the engine knows. Add a capability's job kinds here.
import { demoGenerateJob } from '../demo/generate.js';
import { importJob } from '../ingest/import-job.js';
import type { JobKind } from '../jobs/types.js';

export const allJobKinds: JobKind<never>[] = [demoGenerateJob as JobKind<never>, importJob as JobKind<never>];
