// Embedding API: status of the vector store, available models (shipped and imported into the
// workspace), model import (a job) / removal, index / re-index jobs.
import { handlers } from '../session/handler.js';
import type { DB } from '../db/sqlite.js';
import type { EmbedParams } from './jobs.js';
import { checkModelImport, removeModel } from './model-import.js';
import { RECORD_TEXT_RECIPE } from './record-text.js';
import { activeGeneration, listGenerations, vectorCount, type Generation } from './store.js';
import { availableModels } from './workspace-models.js';

function info(db: DB, g: Generation) {
  return {
    generation: g.id,
    modelId: g.model_id,
    model: g.model_name,
    kind: g.model_kind,
    sha256: g.model_sha256,
    dims: g.dims,
    recipe: g.recipe,
    state: g.state,
    vectors: vectorCount(db, g.id),
    createdAt: g.created_at,
    activatedAt: g.activated_at,
  };
}

export const embedHandlers = handlers({
  'embed.status': (i, ctx) => {
    const db = ctx.session().db;
    const records = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
    const active = activeGeneration(db);
    const pending =
      !i.countPending ? null
      : active === undefined ? records
      : active.recipe !== RECORD_TEXT_RECIPE ? records
      : (db.prepare('SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_vectors v WHERE v.gen = ? AND v.record_id = r.id)').pluck().get(active.id) as number);
    return {
      records,
      active: active ? info(db, active) : null,
      building: listGenerations(db).filter((g) => g.state === 'building').map((g) => info(db, g)),
      pending,
    };
  },
  'embed.models': async (_i, ctx) => {
    const db = ctx.workspaces.state === 'open' ? ctx.session().db : null;
    const { models, problems } = await availableModels(db);
    const active = db ? activeGeneration(db) : undefined;
    return {
      models: models.map((m) => ({
        id: m.id,
        kind: m.kind,
        dims: m.dims,
        sha256: m.sha256,
        licence: (m.manifest as { licence?: string } | null)?.licence ?? null,
        active: active?.model_name === m.id,
        source: m.source,
      })),
      problems,
    };
  },
  'embed.importModel': async (i, ctx) => {
    const session = ctx.session();
    // every check runs before the job starts, so a folder that is not a model is refused at once
    const plan = await checkModelImport(session.db, ctx.roots.check(i.path), (p) => ctx.roots.check(p));
    return { jobId: session.jobs.start('embed.importModel', plan).id };
  },
  'embed.removeModel': (i, ctx) => removeModel(ctx.session().db, i.id),
  'embed.index': (i, ctx) => {
    const params: EmbedParams = { model: i.model, full: false };
    return { jobId: ctx.session().jobs.start('embed.index', params).id };
  },
  'embed.reindex': (i, ctx) => {
    const params: EmbedParams = { model: i.model, full: true };
    return { jobId: ctx.session().jobs.start('embed.reindex', params).id };
  },
});
