// The model registry: every trained artefact with its version, data window, metrics and status.
import type { Capability } from '../session/handler.js';
import { modelsHandlers } from './handlers.js';

export const modelsCapability: Capability = { name: 'models', handlers: modelsHandlers };
