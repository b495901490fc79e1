// Churn API: the train and score jobs, the churn models of the registry, stored scores and
// per-customer explanations.
import type { ChurnDefinition } from '../api/churn.js';
import type { DB } from '../db/sqlite.js';
import { liveModel, setModelStatus } from '../models/registry.js';
import type { HandlerContext } from '../session/handler.js';
import { handlers } from '../session/handler.js';
import { writeExportText } from '../util/safe-write.js';
import { explainUnit } from './explain.js';
import { DEFAULT_GROUPS, featureDefs } from './feature-defs.js';
import { orderChannels } from './features.js';
import { addDays, dayAfterLatestEvent, defaultCutoff, definitionAvailable, END_EVENT_TYPES } from './labels.js';
import { modelCardHtml } from './model-card.js';
import { CHURN_MODEL_KIND } from './model-record.js';
import { latestGoldenBuildId } from './units.js';
import { churnEntries, churnSummary, requireChurnEntry, type WorkspaceChurnSchema } from './workspace-model.js';
import type { WorkspaceChurnMetrics } from './train.js';

const db = (ctx: HandlerContext) => ctx.session().db;

const DEFINITIONS: { id: ChurnDefinition; label: string; description: string }[] = [
  { id: 'noOrder', label: 'No order within the horizon', description: 'Among customers who ordered in the year before the cutoff: no order in the horizon after it.' },
  { id: 'contractEnded', label: 'Contract ended', description: `A contract-end event (${END_EVENT_TYPES.contractEnded.join(', ')}) in the horizon after the cutoff.` },
  { id: 'accountClosed', label: 'Account closed', description: `An account-closed event (${END_EVENT_TYPES.accountClosed.join(', ')}) in the horizon after the cutoff.` },
  { id: 'noActivity', label: 'No activity within the horizon', description: 'Among customers active in the year before the cutoff: no order, ticket, email open or click, or payment in the horizon after it.' },
];

function labelDefinitions(d: DB) {
  return DEFINITIONS.map((x) => {
    const available = definitionAvailable(d, x.id);
    return { ...x, available, reason: available ? null : x.id === 'noOrder' ? 'No order events in this workspace.' : x.id === 'noActivity' ? 'No customer activity events in this workspace.' : 'No such events in this workspace.' };
  });
}

/** The model whose scores churn.scores shows by default: the live one if scored, else the latest scored. */
function scoredModel(d: DB): number | null {
  const live = liveModel(d, CHURN_MODEL_KIND);
  if (live && d.prepare('SELECT 1 FROM churn_scores WHERE model_id = ? LIMIT 1').pluck().get(live.id) !== undefined) return live.id;
  return (d.prepare('SELECT model_id FROM churn_scores GROUP BY model_id ORDER BY max(computed_at) DESC, model_id DESC LIMIT 1').pluck().get() as number | undefined) ?? null;
}

export const churnHandlers = handlers({
  'churn.train': (i, ctx) => ({ jobId: ctx.session().jobs.start('churn.train', { ...i, actor: ctx.caller.user }).id }),
  'churn.score': (i, ctx) => ({ jobId: ctx.session().jobs.start('churn.score', i).id }),
  'churn.models': (_i, ctx) => churnEntries(db(ctx)).map((e) => churnSummary(db(ctx), e)),
  'churn.model': (i, ctx) => {
    const e = requireChurnEntry(db(ctx), i.id);
    const s = e.schema as unknown as WorkspaceChurnSchema;
    const m = e.metrics as unknown as WorkspaceChurnMetrics;
    return {
      model: churnSummary(db(ctx), e),
      metrics: { evaluatedOn: m.evaluatedOn, positives: m.positives, auc: m.auc, aucInterval: m.aucInterval ?? null, prAuc: m.prAuc, brier: m.brier, baseline: m.baseline, roc: m.roc, pr: m.pr, reliability: m.reliability, lift: m.lift, importance: m.importance },
      features: s.featureDefs,
      calibration: 'platt' as const,
      params: e.params,
      dataWindow: e.dataWindow,
    };
  },
  'churn.card': (i, ctx) => ({ html: modelCardHtml(requireChurnEntry(db(ctx), i.id)) }),
  'churn.exportCard': (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    return writeExportText(path, modelCardHtml(requireChurnEntry(s.db, i.id)), { overwrite: i.overwrite, workspace: s.path });
  },
  'churn.setup': (i, ctx) => {
    const d = db(ctx);
    const end = dayAfterLatestEvent(d);
    const goldenBuilt = latestGoldenBuildId(d) !== null;
    return {
      latestEvent: end ? addDays(end, -1) : null,
      horizonDays: i.horizonDays,
      // the cutoff a training without one takes (the same function)
      defaultCutoff: end ? defaultCutoff(d, i.horizonDays) : null,
      events: d.prepare('SELECT count(*) FROM events').pluck().get() as number,
      goldenBuilt,
      autoUnit: goldenBuilt ? ('golden' as const) : ('source' as const),
      definitions: labelDefinitions(d),
      defaultGroups: [...DEFAULT_GROUPS],
    };
  },
  'churn.setStatus': (i, ctx) => {
    const d = db(ctx);
    requireChurnEntry(d, i.id);
    setModelStatus(d, i.id, i.status);
    return churnSummary(d, requireChurnEntry(d, i.id));
  },
  'churn.scores': (i, ctx) => {
    const d = db(ctx);
    const modelId = i.modelId !== undefined ? requireChurnEntry(d, i.modelId).id : scoredModel(d);
    if (modelId === null) return { modelId: null, total: 0, items: [] };
    const maxDecile = i.maxDecile ?? 10;
    const total = d.prepare('SELECT count(*) FROM churn_scores WHERE model_id = ? AND decile <= ?').pluck().get(modelId, maxDecile) as number;
    const items = (
      d.prepare('SELECT unit, unit_kind, score, decile FROM churn_scores WHERE model_id = ? AND decile <= ? ORDER BY score DESC, unit LIMIT ? OFFSET ?').all(modelId, maxDecile, i.limit, i.offset) as {
        unit: string;
        unit_kind: 'golden' | 'source';
        score: number;
        decile: number;
      }[]
    ).map((r) => ({ unit: r.unit, unitKind: r.unit_kind, score: r.score, decile: r.decile }));
    return { modelId, total, items };
  },
  'churn.explain': (i, ctx) => explainUnit(db(ctx), i, ctx.session().caches.get('churn.models', () => new Map())),
  'churn.labelDefinitions': (_i, ctx) => labelDefinitions(db(ctx)),
  'churn.features': (_i, ctx) => {
    const day = dayAfterLatestEvent(db(ctx));
    return featureDefs(['rfm', 'tenure', 'productMix', 'support', 'email', 'payments', 'snapshot'], day ? orderChannels(db(ctx), day) : []);
  },
});
