// Golden records API: rules, the build job, reads with provenance, steward decisions, exports.
import type { GoldenAttribute } from '../api/golden.js';
import type { HandlerContext } from '../session/handler.js';
import { handlers } from '../session/handler.js';
import { exportCrosswalk, exportGolden } from './export.js';
import { listGolden, timeline } from './list.js';
import { provenance } from './provenance.js';
import { currentRules, saveRules } from './rules.js';
import { listDecisions, lock, merge, override, requireBuild, requireBuilt, split, undo } from './steward.js';
import { goldenRecordRow, historyOf, latestBuild, membersOf, valuesOf } from './store.js';

const db = (ctx: HandlerContext) => ctx.session().db;
const actor = (ctx: HandlerContext) => ctx.caller.user;

export const goldenHandlers = handlers({
  'golden.rules': (_i, ctx) => currentRules(db(ctx)),
  'golden.saveRules': (i, ctx) => saveRules(db(ctx), i.rules, actor(ctx)),
  'golden.build': (_i, ctx) => ({ jobId: ctx.session().jobs.start('golden.build', {}).id }),
  'golden.summary': (_i, ctx) => {
    const b = latestBuild(db(ctx));
    return { build: b ? { ...b.summary, jobId: b.jobId, createdAt: b.createdAt } : null };
  },
  'golden.list': (i, ctx) => listGolden(db(ctx), requireBuild(db(ctx)), i),
  'golden.timeline': (i, ctx) => {
    const d = db(ctx);
    const b = requireBuild(d);
    return timeline(d, b, requireBuilt(d, b, i.id), i.offset, i.limit, i.type);
  },
  'golden.get': (i, ctx) => {
    const d = db(ctx);
    const b = requireBuild(d);
    const id = requireBuilt(d, b, i.id);
    const row = goldenRecordRow(d, b.id, id)!;
    return { id, size: row.size, locked: row.locked, values: valuesOf(d, b.id, id).map((v) => ({ ...v, attribute: v.attribute as GoldenAttribute })), records: membersOf(d, b.id, id), history: historyOf(d, id) };
  },
  'golden.provenance': (i, ctx) => {
    const d = db(ctx);
    const b = requireBuild(d);
    return provenance(d, b, requireBuilt(d, b, i.id));
  },
  'golden.override': (i, ctx) => override(db(ctx), actor(ctx), i.id, i.attribute, i.value, i.note),
  'golden.merge': (i, ctx) => merge(db(ctx), actor(ctx), i.id, i.other, i.note),
  'golden.split': (i, ctx) => split(db(ctx), actor(ctx), i.id, i.records, i.note),
  'golden.lock': (i, ctx) => lock(db(ctx), actor(ctx), i.id, i.note),
  'golden.undo': (i, ctx) => undo(db(ctx), actor(ctx), i.decisionId, i.note),
  'golden.decisions': (i, ctx) => listDecisions(db(ctx), i.id, i.offset, i.limit),
  'golden.export': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    const r = await exportGolden(s.db, requireBuild(s.db), path, i.format, i.pseudonymise, { overwrite: i.overwrite, workspace: s.path });
    return { ...r, format: i.format, pseudonymised: i.pseudonymise };
  },
  'golden.exportCrosswalk': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    return exportCrosswalk(s.db, requireBuild(s.db), path, { overwrite: i.overwrite, workspace: s.path });
  },
});
