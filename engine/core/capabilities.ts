// Every capability, listed once. Adding one: a folder under engine/ with its capability.ts, a
// contract file in engine/api/ merged in methods.ts (and job-kinds.ts for its jobs), and a line here.
import { auditCapability } from '../audit/capability.js';
import { churnCapability } from '../churn/capability.js';
import { dataCapability } from '../data/capability.js';
import { demoCapability } from '../demo/capability.js';
import { embedCapability } from '../embed/capability.js';
import { experimentsCapability } from '../experiments/capability.js';
import { goldenCapability } from '../golden/capability.js';
import { ingestCapability } from '../ingest/capability.js';
import { modelsCapability } from '../models/capability.js';
import { profileCapability } from '../profile/capability.js';
import { resolveCapability } from '../resolve/capability.js';
import { reviewCapability } from '../review/capability.js';
import { searchCapability } from '../search/capability.js';
import type { Capability, HandlerMap } from '../session/handler.js';
import { workspaceCapability } from '../workspace/capability.js';
import type { JobKind } from '../jobs/types.js';
import { jobsCapability } from './jobs.js';
import { methods } from '../api/methods.js';

export const capabilities: readonly Capability[] = [
  workspaceCapability,
  jobsCapability,
  auditCapability,
  dataCapability,
  demoCapability,
  ingestCapability,
  profileCapability,
  embedCapability,
  searchCapability,
  modelsCapability,
  resolveCapability,
  goldenCapability,
  reviewCapability,
  experimentsCapability,
  churnCapability,
];

/** Every method's handler; a method of the contract that no capability implements fails at start. */
export function handlerMap(list: readonly Capability[] = capabilities): HandlerMap {
  const map: Partial<HandlerMap> = {};
  for (const c of list) {
    for (const [name, h] of Object.entries(c.handlers)) {
      if (name in map) throw new Error(`Method ${name} is implemented by two capabilities (the second: ${c.name}).`);
      (map as Record<string, unknown>)[name] = h;
    }
  }
  const missing = Object.keys(methods).filter((m) => !(m in map));
  if (missing.length) throw new Error(`No capability implements ${missing.join(', ')}.`);
  return map as HandlerMap;
}

export function allJobKinds(list: readonly Capability[] = capabilities): JobKind<never>[] {
  return list.flatMap((c) => c.jobKinds ?? []);
}
