// The one place that imports the SQLite driver, so the rest of the engine sees a typed handle.
import Database from 'better-sqlite3-multiple-ciphers';

export type DB = Database.Database;
export type Statement = Database.Statement;
export { Database };
