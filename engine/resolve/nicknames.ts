// Given-name aliases from the shipped nickname table (data/nicknames-csv.ts, Apache-2.0):
// "bob" and "robert" share a group, so a nickname counts as a comparison level of its own.
import { NICKNAMES_CSV } from './data/nicknames-csv.js';

let groups: Map<string, number[]> | null = null;

/** name -> ids of the canonical names it belongs to (itself when canonical, its formal names when a nickname). */
function table(): Map<string, number[]> {
  if (groups) return groups;
  const g = new Map<string, number[]>();
  const canon = new Map<string, number>();
  const add = (name: string, id: number) => {
    const l = g.get(name);
    if (!l) g.set(name, [id]);
    else if (!l.includes(id)) l.push(id);
  };
  for (const line of NICKNAMES_CSV.split('\n')) {
    const [a, rel, b] = line.trim().split(',');
    if (!a || !b || rel !== 'has_nickname') continue;
    let id = canon.get(a);
    if (id === undefined) {
      id = canon.size;
      canon.set(a, id);
    }
    add(a, id);
    add(b, id);
  }
  for (const l of g.values()) l.sort((x, y) => x - y);
  groups = g;
  return g;
}

/** Canonical-name group ids of a (lower-case, accent-folded) given name; null when not in the table. */
export function nicknameGroups(name: string): readonly number[] | null {
  return table().get(name) ?? null;
}

/** True when the two names are one name or formal/nickname forms of one name. */
export function sameNickname(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = nicknameGroups(a);
  const gb = nicknameGroups(b);
  if (!ga || !gb) return false;
  for (const x of ga) if (gb.includes(x)) return true;
  return false;
}

/** The name appears in the table (as a formal name or a nickname): a weak "this is a given name" signal. */
export function isKnownGivenName(token: string): boolean {
  return table().has(token.toLowerCase());
}
