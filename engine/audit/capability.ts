// The hash-chained audit log: listing and verification (appending is core's, on every mutating call).
import type { Capability } from '../session/handler.js';
import { auditHandlers } from './handlers.js';

export const auditCapability: Capability = { name: 'audit', handlers: auditHandlers };
