// The data browser: tables, sorted and filtered pages, a row's original values.
import type { Capability } from '../session/handler.js';
import { dataHandlers } from './handlers.js';

export const dataCapability: Capability = { name: 'data', handlers: dataHandlers };
