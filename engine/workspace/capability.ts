// Workspaces: create, open, lock, unlock, close, re-key, check; app status and folder browsing.
import type { Capability } from '../session/handler.js';
import { workspaceHandlers } from './handlers.js';

export const workspaceCapability: Capability = { name: 'workspace', handlers: workspaceHandlers };
