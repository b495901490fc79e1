// A workspace's in-memory services for code that runs outside an engine session (benchmarks,
// tests that drive a job directly): fresh caches and a change bus of their own.
import { WorkspaceCaches } from '../db/caches.js';
import { ChangeBus } from '../db/changes.js';
import type { JobWorkspace } from './types.js';

export function detachedWorkspace(): JobWorkspace {
  return { caches: new WorkspaceCaches(), changes: new ChangeBus() };
}
