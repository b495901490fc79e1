// Churn risk in the workspace: point-in-time features, labels, leakage check, the train and score
// jobs, explanations. (The tabular mode, aerie churn-cv, needs no workspace.)
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { churnHandlers } from './handlers.js';
import { churnScoreJob } from './score-job.js';
import { churnTrainJob } from './train-job.js';

export const churnCapability: Capability = { name: 'churn', handlers: churnHandlers, jobKinds: [churnTrainJob as JobKind<never>, churnScoreJob as JobKind<never>] };
