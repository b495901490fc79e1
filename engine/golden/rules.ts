// Survivorship rules: the built-in defaults and the saved, versioned rule sets (append-only; the
// latest version is in force, version 0 stands for the defaults).
import type { AttributeRule, GoldenAttribute, GoldenRules } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import { GOLDEN_ATTRIBUTES } from './attributes.js';

export interface ResolvedRules {
  sourcePriority: string[];
  country: string;
  attributes: Record<GoldenAttribute, AttributeRule>;
}

// Names and dates: what most records say. Contacts: the most frequent valid value, the first seen on
// a tie: on the demo truth (bench/golden.ts, 50k seeds 7 and 11, 1M) the newer value of a tie was more
// often a later duplicate account's variant email or a merged household member's mobile than a
// change. Address line, city and postcode: the newest, so the parts of one address come from one
// record (the most frequent postcode scores .004 higher on the demo, where nobody moves, but could
// pair an old postcode with a new street).
const DEFAULTS: Record<GoldenAttribute, AttributeRule> = {
  given_name: { rule: 'mostFrequent', validOnly: false, tieBreakers: ['mostComplete', 'mostRecent'] },
  family_name: { rule: 'mostFrequent', validOnly: false, tieBreakers: ['mostComplete', 'mostRecent'] },
  full_name: { rule: 'mostFrequent', validOnly: false, tieBreakers: ['mostComplete', 'mostRecent'] },
  email: { rule: 'mostFrequent', validOnly: true, tieBreakers: [] },
  phone: { rule: 'mostFrequent', validOnly: true, tieBreakers: [] },
  address_line: { rule: 'mostRecent', validOnly: false, tieBreakers: ['mostComplete'] },
  city: { rule: 'mostRecent', validOnly: false, tieBreakers: ['mostComplete'] },
  postcode: { rule: 'mostRecent', validOnly: false, tieBreakers: ['mostFrequent'] },
  country: { rule: 'mostFrequent', validOnly: false, tieBreakers: ['mostRecent'] },
  date_of_birth: { rule: 'mostFrequent', validOnly: false, tieBreakers: ['mostRecent'] },
  company: { rule: 'mostRecent', validOnly: false, tieBreakers: ['mostFrequent'] },
};

/** Saved rules over the defaults: every attribute has a rule. */
export function resolveRules(saved: GoldenRules | null): ResolvedRules {
  const attributes = { ...DEFAULTS };
  for (const a of GOLDEN_ATTRIBUTES) {
    const r = saved?.attributes[a];
    if (r) attributes[a] = { rule: r.rule, validOnly: r.validOnly, tieBreakers: r.tieBreakers };
  }
  return { sourcePriority: saved?.sourcePriority ?? [], country: saved?.country ?? 'GB', attributes };
}

export interface RuleSetRow {
  version: number;
  rules: ResolvedRules;
  actor: string | null;
  createdAt: string | null;
}

export function currentRules(db: DB): RuleSetRow {
  const r = db.prepare('SELECT version, rules, actor, created_at FROM golden_rule_sets ORDER BY version DESC LIMIT 1').get() as { version: number; rules: string; actor: string; created_at: string } | undefined;
  if (!r) return { version: 0, rules: resolveRules(null), actor: null, createdAt: null };
  return { version: r.version, rules: resolveRules(JSON.parse(r.rules) as GoldenRules), actor: r.actor, createdAt: r.created_at };
}

export function saveRules(db: DB, rules: GoldenRules, actor: string): RuleSetRow {
  const next = ((db.prepare('SELECT max(version) FROM golden_rule_sets').pluck().get() as number | null) ?? 0) + 1;
  db.prepare('INSERT INTO golden_rule_sets (version, rules, actor, created_at) VALUES (?, ?, ?, ?)').run(next, JSON.stringify(rules), actor, new Date().toISOString());
  return currentRules(db);
}

/** The rules of a saved version (0: the defaults); the current ones if that version is unknown. */
export function rulesAt(db: DB, version: number): ResolvedRules {
  if (version === 0) return resolveRules(null);
  const r = db.prepare('SELECT rules FROM golden_rule_sets WHERE version = ?').pluck().get(version) as string | undefined;
  return r ? resolveRules(JSON.parse(r) as GoldenRules) : currentRules(db).rules;
}
