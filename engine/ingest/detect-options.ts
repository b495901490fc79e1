// The reader options for a file, from the import's read settings.
import type { ReadSettings } from '../api/ingest.js';
import type { DetectOptions } from './formats/index.js';

export function detectOptions(read: ReadSettings): DetectOptions {
  return {
    format: read.format,
    encoding: read.encoding,
    ...(read.delimiter !== undefined ? { delimiter: read.delimiter } : {}),
    ...(read.hasHeader !== undefined ? { hasHeader: read.hasHeader } : {}),
    ...(read.quote !== undefined ? { quote: read.quote } : {}),
    ...(read.skipRows !== undefined ? { skipRows: read.skipRows } : {}),
    ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
  };
}
