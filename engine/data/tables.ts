// The tables the data grid may browse, with their visible columns. Only names listed here ever
// reach SQL, so sort and filter input cannot inject anything.
import type { ColumnInfo } from '../api/data.js';

export interface BrowsableTable {
  name: string;
  label: string;
  sql: string; // table or view name
  key: string; // the rowid alias: stable tiebreak for sorting, and how rows are fetched
  /** Default order, served by a narrow index so deep pages skip index entries, not fat rows. */
  order: string;
  columns: ColumnInfo[];
  /** A source_id column shown (and filtered) by the source's name instead of its number. */
  sourceColumn?: string;
}

const c = (name: string, label: string, type: ColumnInfo['type'] = 'text'): ColumnInfo => ({ name, label, type });

export const BROWSABLE: BrowsableTable[] = [
  {
    name: 'records',
    label: 'Customer records',
    sql: 'records',
    key: 'id',
    order: 'import_id, row_no',
    sourceColumn: 'source_id',
    columns: [
      c('id', 'Record', 'integer'),
      c('source_id', 'Source'),
      c('source_key', 'Source key'),
      c('given_name', 'Given name'),
      c('family_name', 'Family name'),
      c('email', 'Email'),
      c('phone', 'Phone'),
      c('address_line', 'Address'),
      c('city', 'City'),
      c('postcode', 'Postcode'),
      c('date_of_birth', 'Date of birth', 'date'),
      c('company', 'Company'),
      c('import_id', 'Import', 'integer'),
      c('row_no', 'Row', 'integer'),
    ],
  },
  {
    name: 'events',
    label: 'Events',
    sql: 'events',
    key: 'id',
    order: 'source_id, source_key, at, id',
    sourceColumn: 'source_id',
    columns: [c('id', 'Event', 'integer'), c('source_id', 'Source'), c('source_key', 'Customer key'), c('type', 'Type'), c('at', 'At', 'date'), c('amount', 'Amount', 'real'), c('channel', 'Channel'), c('text', 'Text')],
  },
  {
    name: 'rejects',
    label: 'Rejected rows',
    sql: 'rejects',
    key: 'id',
    order: 'import_id, row_no',
    columns: [c('id', 'Reject', 'integer'), c('import_id', 'Import', 'integer'), c('row_no', 'Row', 'integer'), c('column_name', 'Column'), c('reason', 'Reason'), c('raw', 'Raw text')],
  },
  {
    name: 'imports',
    label: 'Imports',
    sql: 'imports',
    key: 'id',
    order: 'id',
    columns: [
      c('id', 'Import', 'integer'),
      c('file_name', 'File'),
      c('format', 'Format'),
      c('state', 'State'),
      c('rows_read', 'Rows read', 'integer'),
      c('rows_imported', 'Imported', 'integer'),
      c('rows_rejected', 'Rejected', 'integer'),
      c('created_at', 'Started', 'date'),
    ],
  },
  {
    name: 'audit_log',
    label: 'Audit log',
    sql: 'audit_log',
    key: 'seq',
    order: 'seq',
    columns: [c('seq', 'Seq', 'integer'), c('at', 'At', 'date'), c('actor', 'Who'), c('method', 'What'), c('args_digest', 'Arguments digest'), c('hash', 'Hash')],
  },
];

export function findTable(name: string): BrowsableTable | undefined {
  return BROWSABLE.find((t) => t.name === name);
}
