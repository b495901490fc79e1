import { handlers } from '../session/handler.js';
import { checkTruthTarget, truthPathFor } from './truth-file.js';

export const demoHandlers = handlers({
  'demo.generate': (i, ctx) => {
    const s = ctx.session();
    // Refuse before generating: the truth folder is written at the very end of a long job.
    checkTruthTarget(truthPathFor(s.path));
    return { jobId: s.jobs.start('demo.generate', i).id };
  },
});
