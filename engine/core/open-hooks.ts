// Work a capability starts when a workspace opens in a long-lived host (the app, `aerie serve`),
// never in one-shot CLI commands (EngineOptions.openHooks). Hooks must be quick: they schedule
// background work, they do not do it.
import { warmSearchOnOpen } from '../search/handlers.js';
import type { Engine } from './engine.js';

export type OpenHook = (engine: Engine) => void;

export const allOpenHooks: OpenHook[] = [warmSearchOnOpen];
