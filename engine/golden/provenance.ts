// Provenance of a golden record: for each attribute, every member record's value with where it came
// from (source, key, file, import, row — data.original gives the row's verbatim values) and why it won
// or lost under the rules the build used. A steward's value (override, lock) is shown as the value.
import type { GoldenAttribute } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import { GOLDEN_ATTRIBUTES } from './attributes.js';
import { readRecordsById } from './record-rows.js';
import { rulesAt } from './rules.js';
import type { LatestBuild } from './store.js';
import { membersOf, valuesOf } from './store.js';
import { survive } from './survivorship.js';

export function provenance(db: DB, build: LatestBuild, id: string) {
  const rules = rulesAt(db, build.summary.ruleVersion);
  const members = membersOf(db, build.id, id);
  const rows = readRecordsById(db, members, rules.sourcePriority);
  const stored = new Map(valuesOf(db, build.id, id).map((v) => [v.attribute, v]));
  const attributes = GOLDEN_ATTRIBUTES.map((attribute: GoldenAttribute) => {
    const cands = rows.filter((r) => (r.values[attribute] ?? '').trim() !== '').map((r) => ({ recordId: r.id, value: r.values[attribute]!, sourceRank: r.sourceRank, recency: r.recency }));
    const { verdicts } = survive(attribute, cands, rules.attributes[attribute], rules.country);
    const v = stored.get(attribute);
    const steward = v && (v.rule === 'override' || v.rule === 'lock');
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      attribute,
      value: v?.value ?? null,
      rule: v?.rule ?? null,
      confidence: v?.confidence ?? null,
      candidates: verdicts.map((c) => {
        const r = byId.get(c.recordId)!;
        const won = steward ? v.records.includes(c.recordId) : c.won;
        const why = steward ? `${v.rule === 'override' ? 'a steward overrode the value' : 'the record is locked'}${won ? ' with this value' : ''}; by the rules it ${c.why}` : c.why;
        return { recordId: c.recordId, value: c.value, valid: c.valid, won, why, source: r.source, sourceKey: r.sourceKey, importId: r.importId, file: r.file, rowNo: r.rowNo };
      }),
    };
  });
  return { id, attributes };
}
