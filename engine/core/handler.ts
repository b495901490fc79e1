// Handler types: every method in the contract has exactly one handler (checked by the compiler).
import type { CallerContext } from '../api/protocol.js';
import type { MethodName, MethodOutput, MethodParsedInput } from '../api/methods.js';
import type { Engine } from './engine.js';

export interface HandlerContext {
  engine: Engine;
  caller: CallerContext;
}

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: HandlerContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };

/** Type helper for a capability's share of the map. */
export function handlers<K extends MethodName>(h: { [M in K]: Handler<M> }): { [M in K]: Handler<M> } {
  return h;
}
