// Every kind of long-running work the engine knows. Add a capability's job kinds here.
import { demoGenerateJob } from '../demo/generate.js';
import { importJob } from '../ingest/import-job.js';
import { embedIndexJob, embedReindexJob } from '../embed/jobs.js';
import { importModelJob } from '../embed/model-import.js';
import { searchTrainJob } from '../search/train-job.js';
import type { JobKind } from '../jobs/types.js';
import { profileJob } from '../profile/job.js';

export const allJobKinds: JobKind<never>[] = [demoGenerateJob as JobKind<never>, importJob as JobKind<never>, profileJob as JobKind<never>, embedIndexJob as JobKind<never>, embedReindexJob as JobKind<never>, importModelJob as JobKind<never>, searchTrainJob as JobKind<never>];
