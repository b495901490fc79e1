import { AerieError } from '../api/errors.js';
import { handlers } from '../session/handler.js';
import { getModel, listModels } from './registry.js';

export const modelsHandlers = handlers({
  'models.list': (i, ctx) => listModels(ctx.session().db, { kind: i.kind }),
  'models.get': (i, ctx) => {
    const m = getModel(ctx.session().db, i.id);
    if (!m) throw new AerieError('NOT_FOUND', `No model ${i.id} in this workspace.`);
    return m;
  },
});
