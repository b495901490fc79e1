// Shared shapes of the matching core. Everything here is plain data: the core takes arrays of
// records and returns plain objects, so the CLI, the bench and (later) the workspace job share it.

/** What a column means for matching. */
export type Role =
  | 'givenName'
  | 'surname'
  | 'fullName'
  | 'date'
  | 'address'
  | 'houseNumber'
  | 'town'
  | 'postcode'
  | 'phone'
  | 'email'
  | 'id'
  | 'nationalId'
  | 'freeText'
  | 'categorical'
  | 'numeric'
  | 'ignore';

/** A table as read: one array of values per row, in `columns` order; '' and blanks are null. */
export interface Table {
  columns: string[];
  rows: (string | null)[][];
}

export interface ColumnRole {
  column: string;
  index: number;
  role: Role;
  /** Why: the header word or the value pattern that decided it (no values quoted). */
  reason: string;
  /** For dates: the column holds birth dates (by its header, or because it is the only date). */
  birth?: boolean;
}

/** Progress of a run: stage name, units done and total (total 0 when unknown). */
export type Progress = (stage: string, done: number, total: number) => void;
