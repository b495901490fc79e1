// Public surface of the contract. Safe for the renderer: no Node, DOM or Electron APIs.
export * from './errors.js';
export * from './protocol.js';
export * from './schemas.js';
export * from './methods.js';
export * from './events.js';
export * from './client.js';
export * from './bridge.js';
export * from './ingest-schemas.js';
export * from './profile-types.js';
export * from './search-schemas.js';
export * from './models.js';
export * from './method.js';
export * from './workspace-check.js';
