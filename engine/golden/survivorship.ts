// Survivorship of one attribute of one entity: the candidate values (one per record), grouped by
// their key (so spellings of one value count together), ranked by the attribute's rule, then its
// tie-breakers, then first seen (lowest record id) so the outcome never depends on read order.
// Every candidate gets a reason in words: why it won, or the first rule on which it lost.
import type { AttributeRule, GoldenAttribute, SurvivorshipRule } from '../api/golden.js';
import { keyAndValidity } from './attributes.js';

export interface Candidate {
  recordId: number;
  value: string;
  /** Position of the record's source in the priority list (lower wins; unlisted sources last). */
  sourceRank: number;
  /** Larger is more recent (import time, then record id). */
  recency: number;
}

export interface CandidateVerdict {
  recordId: number;
  value: string;
  valid: boolean;
  won: boolean;
  why: string;
}

export interface Survivor {
  value: string;
  /** The rule that decided, e.g. "mostFrequent" or "mostFrequent, tie broken by mostRecent". */
  rule: string;
  confidence: number;
  records: number[];
}

interface Group {
  key: string;
  members: Candidate[];
  count: number;
  bestRank: number;
  recency: number;
  completeness: number;
  firstId: number;
}

const LABEL: Record<SurvivorshipRule, string> = {
  sourcePriority: 'source priority',
  mostRecent: 'most recent',
  mostFrequent: 'most frequent',
  mostComplete: 'most complete',
};

const metric = (rule: SurvivorshipRule, g: Group): number =>
  rule === 'sourcePriority' ? -g.bestRank : rule === 'mostRecent' ? g.recency : rule === 'mostFrequent' ? g.count : g.completeness;

function describe(rule: SurvivorshipRule, g: Group, total: number): string {
  switch (rule) {
    case 'mostFrequent':
      return `${g.count} of ${total} record${total === 1 ? '' : 's'}`;
    case 'mostComplete':
      return `${g.completeness} characters`;
    case 'sourcePriority':
      return g.bestRank === Number.MAX_SAFE_INTEGER ? 'source not in the priority list' : `source priority ${g.bestRank + 1}`;
    case 'mostRecent':
      return 'newest import';
  }
}

/**
 * The surviving value of one attribute and a verdict for every candidate; null when none qualifies.
 * `verdicts: false` (a build, which stores only the survivor) leaves the verdicts out.
 */
export function survive(attribute: GoldenAttribute, candidates: readonly Candidate[], rule: AttributeRule, country: string, opts: { verdicts?: boolean } = {}): { survivor: Survivor | null; verdicts: CandidateVerdict[] } {
  const chain: SurvivorshipRule[] = [rule.rule, ...rule.tieBreakers.filter((r) => r !== rule.rule)];
  const groups = new Map<string, Group>();
  const keyOf = new Map<Candidate, string>();
  const validOf = new Map<Candidate, boolean>();
  let total = 0;
  for (const c of candidates) {
    const v = c.value.trim();
    if (v === '') continue;
    total++;
    const { key, valid } = keyAndValidity(attribute, v, country);
    validOf.set(c, valid);
    if (rule.validOnly && !valid) continue;
    keyOf.set(c, key);
    let g = groups.get(key);
    if (!g) {
      g = { key, members: [], count: 0, bestRank: Number.MAX_SAFE_INTEGER, recency: -Infinity, completeness: 0, firstId: Number.MAX_SAFE_INTEGER };
      groups.set(key, g);
    }
    g.members.push(c);
    g.count++;
    g.bestRank = Math.min(g.bestRank, c.sourceRank);
    g.recency = Math.max(g.recency, c.recency);
    g.completeness = Math.max(g.completeness, v.length);
    g.firstId = Math.min(g.firstId, c.recordId);
  }
  const ranked = [...groups.values()].sort((x, y) => {
    for (const r of chain) {
      const d = metric(r, y) - metric(r, x);
      if (d !== 0) return d;
    }
    return x.firstId - y.firstId;
  });
  const winner = ranked[0];
  // the first rule on which `g` differs from the winner (null: equal on all, first seen decided)
  const decider = (g: Group): SurvivorshipRule | null => chain.find((r) => metric(r, g) !== metric(r, winner!)) ?? null;
  let survivor: Survivor | null = null;
  if (winner) {
    const runnerUp = ranked[1];
    const by = runnerUp ? decider(runnerUp) : rule.rule;
    const ruleText = by === rule.rule ? rule.rule : `${rule.rule}, tie broken by ${by ?? 'firstSeen'}`;
    // the value as written by the record that decided: the newest for mostRecent, else the first seen
    const shown = [...winner.members].sort((a, b) => (rule.rule === 'mostRecent' ? b.recency - a.recency : 0) || a.recordId - b.recordId)[0]!;
    survivor = { value: shown.value.trim(), rule: ruleText, confidence: winner.count / total, records: winner.members.map((m) => m.recordId).sort((a, b) => a - b) };
  }
  const verdicts: CandidateVerdict[] = [];
  if (opts.verdicts === false) return { survivor, verdicts };
  for (const c of candidates) {
    const v = c.value.trim();
    if (v === '') continue;
    const valid = validOf.get(c) ?? true;
    const key = keyOf.get(c);
    let why: string;
    let won = false;
    if (key === undefined) why = `not a valid ${attribute === 'email' ? 'email address' : attribute === 'phone' ? 'phone number' : attribute}; only valid values compete`;
    else if (key === winner!.key) {
      won = true;
      why = `won on ${LABEL[rule.rule]} (${describe(rule.rule, winner!, total)})`;
      const runnerUp = ranked[1];
      const by = runnerUp ? decider(runnerUp) : rule.rule;
      if (by !== rule.rule) why = `tied on ${LABEL[rule.rule]}, won on ${by ? `${LABEL[by]} (${describe(by, winner!, total)})` : `first seen (record ${winner!.firstId})`}`;
    } else {
      const g = groups.get(key)!;
      const by = decider(g);
      why = by ? `lost on ${LABEL[by]} (${describe(by, g, total)} against ${describe(by, winner!, total)})` : `equal on every rule; lost on first seen (record ${winner!.firstId} came first)`;
    }
    verdicts.push({ recordId: c.recordId, value: v, valid, won, why });
  }
  return { survivor, verdicts };
}
