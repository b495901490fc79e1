// The steward's review desk: a queue of pairs to judge, labels binding as golden decisions.
import type { Capability } from '../session/handler.js';
import { reviewHandlers } from './handlers.js';

export const reviewCapability: Capability = { name: 'review', handlers: reviewHandlers };
