// Experiments: power, analysis of outcomes and ROI (issue 14). Stored experiments come later.
import type { Capability } from '../session/handler.js';
import { experimentsHandlers } from './handlers.js';

export const experimentsCapability: Capability = { name: 'experiments', handlers: experimentsHandlers };
