// The single invoke channel's logic, free of Electron: sender check, envelope shape, method
// allow-list (engine methods that are not hostOnly, plus main's own host.* methods), params
// validated against the zod schema, then forwarded. Always answers with a response envelope.
import { z } from 'zod';
import { AerieError, toWireError, type ErrorCode, type WireError } from '../engine/api/errors.js';
import { isMethodName, methods } from '../engine/api/methods.js';
import { isRequestEnvelope, type ResponseEnvelope } from '../engine/api/protocol.js';
import { HOST_PREFIX, isHostMethodName, type HostMethodName } from './host-api.js';
import { hostSchemas, type HostHandlers } from './host-schemas.js';
import { checkSender, type SenderFacts, type TrustedWindowFacts } from './security/sender.js';

/** The one engine entry point the bridge needs (EngineClient.call satisfies it). */
export interface EngineCaller {
  call(method: string, params: unknown): Promise<unknown>;
}

export interface InvokeDeps {
  engine: EngineCaller;
  host: HostHandlers;
  /** The window whose main frame may call; null before it exists or after it closed. */
  trustedWindow(): TrustedWindowFacts | null;
  /** Told about every refused call (for the log); never sees params. */
  onRefused?(reason: string, method: string | undefined): void;
}

const Envelope = z
  .object({
    t: z.literal('req'),
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    method: z.string().min(1).max(200).regex(/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)*$/),
    params: z.unknown(),
  })
  .strict();

function fail(id: number, code: ErrorCode, message: string, details?: WireError['details']): ResponseEnvelope {
  return { t: 'res', id, ok: false, error: details ? { code, message, details } : { code, message } };
}

function idOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

/** Same wording and details as the engine's own validation, so the UI shows one style. */
export function invalidInput(method: string, error: z.ZodError): AerieError {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : undefined;
  return new AerieError('INVALID_INPUT', `${method}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid input'}`, {
    ...(where ? { column: where } : {}),
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export function createInvokeHandler(deps: InvokeDeps): (sender: SenderFacts, raw: unknown) => Promise<ResponseEnvelope> {
  const refused = (reason: string, method?: string) => deps.onRefused?.(reason, method);

  return async function handleInvoke(sender, raw) {
    const verdict = checkSender(sender, deps.trustedWindow());
    if (!verdict.ok) {
      const m = (raw as { method?: unknown } | null)?.method;
      refused(verdict.reason, typeof m === 'string' ? m.slice(0, 100) : undefined);
      return fail(idOf(raw), 'UNAUTHORIZED', `Refused: ${verdict.reason}.`);
    }
    if (!isRequestEnvelope(raw)) {
      refused('malformed envelope', undefined);
      return fail(idOf(raw), 'INVALID_INPUT', 'Malformed request envelope: expected { t: "req", id, method, params }.');
    }
    const env = Envelope.safeParse(raw);
    if (!env.success) {
      refused('malformed envelope', undefined);
      return fail(idOf(raw), 'INVALID_INPUT', `Malformed request envelope: ${env.error.issues[0]?.path.join('.') || 'shape'} is invalid.`);
    }
    const { id, method } = env.data;
    const params = env.data.params ?? {};
    try {
      if (method.startsWith(HOST_PREFIX)) {
        if (!isHostMethodName(method)) throw new AerieError('UNKNOWN_METHOD', `Unknown method ${method}.`);
        return { t: 'res', id, ok: true, result: await callHost(deps.host, method, params) };
      }
      if (!isMethodName(method)) throw new AerieError('UNKNOWN_METHOD', `Unknown method ${method}.`);
      const spec = methods[method];
      if ('hostOnly' in spec && spec.hostOnly) throw new AerieError('UNAUTHORIZED', `${method} is not available to the UI.`);
      const parsed = spec.input.safeParse(params);
      if (!parsed.success) throw invalidInput(method, parsed.error);
      return { t: 'res', id, ok: true, result: await deps.engine.call(method, parsed.data) };
    } catch (e) {
      const wire = toWireError(e);
      if (wire.code === 'UNKNOWN_METHOD' || wire.code === 'UNAUTHORIZED' || wire.code === 'INVALID_INPUT') refused(wire.code, method);
      return { t: 'res', id, ok: false, error: wire };
    }
  };
}

async function callHost(host: HostHandlers, method: HostMethodName, params: unknown): Promise<unknown> {
  const schema = hostSchemas[method];
  const parsed = schema.input.safeParse(params);
  if (!parsed.success) throw invalidInput(method, parsed.error);
  const handler = host[method] as (input: unknown) => Promise<unknown>;
  return handler(parsed.data);
}
