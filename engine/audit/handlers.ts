import { handlers } from '../core/handler.js';
import { listAudit, verifyAudit } from './log.js';

export const auditHandlers = handlers({
  'audit.list': (i, { engine }) => listAudit(engine.requireSession().db, i.beforeSeq, i.limit),
  'audit.verify': (i, { engine }) => verifyAudit(engine.requireSession().db, { expect: i.expect }),
});
