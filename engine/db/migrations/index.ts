// Every migration in order. Add a new numbered file and append it here; never edit a shipped one.
import type { Migration } from '../migrate.js';
import { m0001 } from './0001_core.js';
import { m0002 } from './0002_records.js';
import { m0003 } from './0003_catalogue.js';
import { m0004 } from './0004_search.js';
import { m0005 } from './0005_job_error_details.js';
import { m0006 } from './0006_workspace_models.js';
import { m0007 } from './0007_workspace_model_import_job.js';
import { m0008 } from './0008_model_registry.js';
import { m0009 } from './0009_audit_links.js';
import { m0010 } from './0010_resolve.js';
import { m0011 } from './0011_resolve_incremental.js';
import { m0012 } from './0012_golden.js';
import { m0013 } from './0013_experiments.js';
import { m0014 } from './0014_churn_scores.js';
import { m0015 } from './0015_review_labels.js';
import { m0016 } from './0016_golden_list_summaries.js';

export const migrations: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016];
