import { handlers } from '../session/handler.js';
import { listAudit, verifyAudit } from './log.js';

export const auditHandlers = handlers({
  'audit.list': (i, ctx) => listAudit(ctx.session().db, i.beforeSeq, i.limit),
  'audit.verify': (i, ctx) => verifyAudit(ctx.session().db, { expect: i.expect }),
});
