// Profiling and catalogue (issue 3): plain functions over a DB handle.
export { profileColumns, scopeKey, CANONICAL_COLUMNS, type ProfileOptions } from './profile.js';
export { catalogue, type CatalogueOptions } from './catalogue.js';
export { renderProfileHtml, esc } from './html.js';
export { saveProfile, latestProfile } from './store.js';
export { HyperLogLog } from './hll.js';
export type * from './types.js';
export type { PiiClass, PiiBasis } from './pii.js';
export type { ValueKind } from './values.js';
export type { Counted } from './topk.js';
