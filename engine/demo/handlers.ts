import { handlers } from '../core/handler.js';

export const demoHandlers = handlers({
  'demo.generate': (i, { engine }) => ({ jobId: engine.requireSession().jobs.start('demo.generate', i).id }),
});
