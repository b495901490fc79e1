// Every capability's handlers in one map; the type makes a missing method a compile error.
import { auditHandlers } from '../audit/handlers.js';
import { dataHandlers } from '../data/handlers.js';
import { demoHandlers } from '../demo/handlers.js';
import { embedHandlers } from '../embed/handlers.js';
import { ingestHandlers } from '../ingest/handlers.js';
import { jobHandlers } from '../jobs/handlers.js';
import { modelsHandlers } from '../models/handlers.js';
import { profileHandlers } from '../profile/handlers.js';
import { searchHandlers } from '../search/handlers.js';
import { workspaceHandlers } from '../workspace/handlers.js';
import type { HandlerMap } from './handler.js';

export const allHandlers: HandlerMap = {
  ...workspaceHandlers,
  ...jobHandlers,
  ...auditHandlers,
  ...dataHandlers,
  ...demoHandlers,
  ...ingestHandlers,
  ...profileHandlers,
  ...embedHandlers,
  ...searchHandlers,
  ...modelsHandlers,
};
