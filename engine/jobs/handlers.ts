import { handlers } from '../core/handler.js';

export const jobHandlers = handlers({
  'jobs.list': (i, { engine }) => engine.requireSession().jobs.list(i.limit),
  'jobs.get': (i, { engine }) => engine.requireSession().jobs.get(i.id),
  'jobs.cancel': (i, { engine }) => engine.requireSession().jobs.cancel(i.id),
});
