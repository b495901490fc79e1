// Hybrid fuzzy search: queries, feedback, reranker training; its indexes warm after open.
import type { JobKind } from '../jobs/types.js';
import type { Capability } from '../session/handler.js';
import { searchHandlers, warmSearchOnOpen } from './handlers.js';
import { searchTrainJob } from './train-job.js';

export const searchCapability: Capability = { name: 'search', handlers: searchHandlers, jobKinds: [searchTrainJob as JobKind<never>], onOpen: warmSearchOnOpen };
