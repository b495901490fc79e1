// Day arithmetic for the demo: days since 1970-01-01 (UTC), formatted without Date objects in
// the hot path.
const DAY_MS = 86_400_000;

export const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** The interaction window every event falls in: three years. */
export const WINDOW_START = dayOf('2022-07-01');
export const WINDOW_END = dayOf('2025-06-30');
/** Earliest account signup. */
export const FIRST_SIGNUP = dayOf('2008-01-01');

const cache = new Map<number, string>();
/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  let s = cache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (cache.size < 20_000) cache.set(day, s);
  }
  return s;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** ISO timestamp (UTC, seconds) of a day and a second within it. */
export const isoAt = (day: number, second: number): string =>
  `${isoDay(day)}T${p2(Math.floor(second / 3600))}:${p2(Math.floor(second / 60) % 60)}:${p2(second % 60)}Z`;
