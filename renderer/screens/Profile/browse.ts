// From a profile column to the data browser: which browsable table and column hold the column's
// values (a source's own column, or a canonical attribute of the records table), so a top value
// or a histogram bar opens the grid filtered to those rows.
import { createContext, useContext } from 'react';
import type { TableInfo } from '../../../engine/api/data.js';
import type { ColumnProfile } from '../../../engine/api/profile-types.js';

export interface BrowseTarget {
  table: string;
  column: string;
}

export function browseTarget(tables: readonly TableInfo[], scope: string, c: ColumnProfile): BrowseTarget | null {
  const inTable = (name: string): BrowseTarget | null => {
    const col = tables.find((t) => t.name === name)?.columns.find((x) => x.label === c.name);
    return col ? { table: name, column: col.name } : null;
  };
  if (c.source) return inTable(`source:${c.source.id}`);
  const m = /^source:(\d+)$/.exec(scope);
  if (m) return inTable(`source:${m[1]}`);
  const records = tables.find((t) => t.name === 'records');
  if (records?.columns.some((x) => x.name === c.name)) return { table: 'records', column: c.name };
  for (const t of tables) {
    if (!t.name.startsWith('source:')) continue;
    const hit = inTable(t.name);
    if (hit) return hit;
  }
  return null;
}

/** Opens the data browser on a profile column with a filter (grid syntax); null where there is nowhere to go. */
export type BrowseColumn = ((c: ColumnProfile, filter: string) => void) | null;
export const BrowseContext = createContext<(c: ColumnProfile) => BrowseColumn>(() => null);
export const useBrowse = (c: ColumnProfile): BrowseColumn => useContext(BrowseContext)(c);
