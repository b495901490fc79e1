// Error codes shared by every host. The client rehydrates wire errors into AerieError
// so callers can branch on `code` whatever transport carried the call.

export const ERROR_CODES = [
  'INVALID_INPUT', // params failed schema validation
  'UNKNOWN_METHOD',
  'NO_WORKSPACE', // a workspace method was called with none open
  'WORKSPACE_LOCKED',
  'WORKSPACE_EXISTS',
  'WORKSPACE_NOT_FOUND',
  'WRONG_PASSPHRASE',
  'NOT_A_WORKSPACE',
  'WORKSPACE_TOO_NEW',
  'WORKSPACE_IN_USE', // another process owns (is writing) the workspace; details.owner says who
  'WORKSPACE_DAMAGED', // the file failed a page or size check: restore a backup, do not write to it
  'PATH_NOT_ALLOWED',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'INTERRUPTED', // a job whose process ended (crash, kill) before it finished; it was rolled back
  'TIMEOUT',
  'BAD_DATA', // a file or value could not be read; details say where
  'UNAUTHORIZED',
  'TRANSPORT_CLOSED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where a problem is, so the user can find and fix it. */
export interface ErrorDetails {
  file?: string;
  row?: number;
  column?: string;
  value?: string;
  hint?: string;
  [key: string]: unknown;
}

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export class AerieError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AerieError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static fromWire(e: WireError): AerieError {
    const code = (ERROR_CODES as readonly string[]).includes(e.code) ? e.code : 'INTERNAL';
    return new AerieError(code, e.message, e.details);
  }
}

export function isAerieError(e: unknown, code?: ErrorCode): e is AerieError {
  return e instanceof AerieError && (code === undefined || e.code === code);
}

/** Any thrown value as a wire error; unknown errors become INTERNAL with their message. */
export function toWireError(e: unknown): WireError {
  if (e instanceof AerieError) return e.toWire();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}
