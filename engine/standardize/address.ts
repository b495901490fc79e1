// Address lines in comparable form: tokens with the usual abbreviations expanded, so that
// "12 High St." and "12 high street" agree, and the house number taken apart from the street.
import { nameTokens } from './contact.js';

export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'street', str: 'street', rd: 'road', ave: 'avenue', av: 'avenue', blvd: 'boulevard', ln: 'lane', dr: 'drive', drv: 'drive',
  ct: 'court', crt: 'court', cres: 'crescent', cresc: 'crescent', cr: 'crescent', pl: 'place', sq: 'square', ter: 'terrace', terr: 'terrace',
  tce: 'terrace', cl: 'close', gdns: 'gardens', gdn: 'garden', gr: 'grove', gro: 'grove', hwy: 'highway', pde: 'parade', pk: 'park',
  pkwy: 'parkway', cir: 'circle', cct: 'circuit', wy: 'way', mt: 'mount', mtn: 'mountain', ctr: 'centre', cen: 'centre',
  apt: 'apartment', flt: 'flat', fl: 'floor', ste: 'suite', bldg: 'building', n: 'north', s: 'south', e: 'east', w: 'west',
  nth: 'north', sth: 'south', est: 'estate', vlg: 'village', vlge: 'village', ret: 'retirement', retrmnt: 'retirement', hts: 'heights',
  upr: 'upper', lwr: 'lower', gt: 'great', sts: 'streets',
};

/** Address tokens with abbreviations expanded: "12 High St." -> ["12", "high", "street"]. */
export function addressTokens(s: string | null | undefined): string[] {
  return nameTokens(s).map((t) => ABBREVIATIONS[t] ?? t);
}

/**
 * A street line taken apart: a leading "flat/unit N" as the flat, the first number-like token
 * ("12", "12a") as the house number, the rest as the street:
 * "Flat 3, 12 High St" -> { flat: "3", number: "12", street: "high street" }.
 */
export function splitStreetLine(s: string | null | undefined): { flat: string | null; number: string | null; street: string | null } {
  const t = addressTokens(s);
  let flat: string | null = null;
  let i = 0;
  if ((t[0] === 'flat' || t[0] === 'apartment' || t[0] === 'unit' || t[0] === 'suite') && t[1] && /\d/.test(t[1])) {
    flat = t[1];
    i = 2;
  }
  let number: string | null = null;
  const rest: string[] = [];
  for (; i < t.length; i++) {
    const w = t[i]!;
    if (number === null && /^\d+[a-z]?$/.test(w)) number = w;
    else rest.push(w);
  }
  return { flat, number, street: rest.length ? rest.join(' ') : null };
}
