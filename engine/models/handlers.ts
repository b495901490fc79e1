import { AerieError } from '../api/errors.js';
import { handlers } from '../core/handler.js';
import { getModel, listModels } from './registry.js';

export const modelsHandlers = handlers({
  'models.list': (i, { engine }) => listModels(engine.requireSession().db, { kind: i.kind }),
  'models.get': (i, { engine }) => {
    const m = getModel(engine.requireSession().db, i.id);
    if (!m) throw new AerieError('NOT_FOUND', `No model ${i.id} in this workspace.`);
    return m;
  },
});
