// The method map: the one contract between the engine and every host, merged from one contract
// file per capability. Each entry: input schema, output schema, whether it changes the workspace
// (audited), and whether it needs an open workspace.
import type { z } from 'zod';
import { appMethods } from './app.js';
import { auditMethods } from './audit.js';
import { churnMethods } from './churn.js';
import { dataMethods } from './data.js';
import { demoMethods } from './demo.js';
import { embedMethods } from './embed.js';
import { experimentsMethods } from './experiments.js';
import { goldenMethods } from './golden.js';
import { ingestMethods } from './ingest.js';
import { jobsMethods } from './jobs.js';
import type { MethodSpec } from './method.js';
import { modelsMethods } from './models.js';
import { profileMethods } from './profile.js';
import { resolveMethods } from './resolve.js';
import { reviewMethods } from './review.js';
import { searchMethods } from './search.js';
import { workspaceMethods } from './workspace.js';

export const methods = {
  ...appMethods,
  ...workspaceMethods,
  ...jobsMethods,
  ...auditMethods,
  ...dataMethods,
  ...demoMethods,
  ...ingestMethods,
  ...profileMethods,
  ...embedMethods,
  ...searchMethods,
  ...modelsMethods,
  ...resolveMethods,
  ...goldenMethods,
  ...reviewMethods,
  ...experimentsMethods,
  ...churnMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
