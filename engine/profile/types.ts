// The profile report and catalogue types live in the contract (engine/api/profile-types.ts) so the
// UI can read them; re-exported here for the profiling code.
export type * from '../api/profile-types.js';
