// Jobs as the API sees them: list, follow, cancel, and start any kind through its starting method.
import { jobSpecs } from '../api/job-kinds.js';
import type { MethodName } from '../api/methods.js';
import type { Capability } from '../session/handler.js';
import { handlers } from '../session/handler.js';

export const jobsCapability: Capability = {
  name: 'jobs',
  handlers: handlers({
    'jobs.list': (i, ctx) => ctx.session().jobs.list(i.limit),
    'jobs.get': (i, ctx) => ctx.session().jobs.get(i.id),
    'jobs.cancel': (i, ctx) => ctx.session().jobs.cancel(i.id),
    // the same checks, audit entry and job as calling the kind's starting method
    'jobs.start': (i, ctx) => ctx.call(jobSpecs[i.kind].start as MethodName, i.params) as Promise<{ jobId: string }>,
  }),
};
