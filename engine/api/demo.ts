// Contract of the demo generator: a synthetic messy legacy CRM with a hidden truth.
import { z } from 'zod';
import { JobStarted, jobSpec, method } from './method.js';

export const DemoGenerateInput = z
  .object({
    customers: z.number().int().min(1).max(10_000_000).default(10_000),
    seed: z.number().int().default(1),
    /** Also write the interaction history (orders, email events, tickets, payments). */
    events: z.boolean().default(true),
    /** Run a retention campaign with a known true effect on the events (a stored experiment; the effect in the truth). */
    campaign: z.boolean().default(false),
  })
  .strict();

export const DemoGenerated = z.object({
  customers: z.number().int(),
  persons: z.number().int(),
  /** Records written per demo source. */
  records: z.record(z.string(), z.number().int()),
  events: z.number().int(),
  importIds: z.array(z.number().int()),
  /** The hidden-truth folder beside the workspace, or null for an in-memory one. */
  truth: z.string().nullable(),
});
export type DemoGenerated = z.infer<typeof DemoGenerated>;

export const demoMethods = {
  'demo.generate': method({
    input: DemoGenerateInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Generate a synthetic legacy CRM into the workspace (a job).',
  }),
};

export const demoJobs = {
  'demo.generate': jobSpec({ start: 'demo.generate', request: DemoGenerateInput, result: DemoGenerated, summary: 'Generate the synthetic legacy CRM.' }),
};
