// Error codes and the serialized error shape every transport returns (errors travel as data).

export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed validation
  'BAD_INPUT', // an imported file or a query the user typed is unusable
  'NOT_FOUND',
  'CONFLICT', // e.g. the same file imported twice
  'CANCELLED',
  'FORBIDDEN', // wrong sender, origin or token
  'CASE_INVALID', // not a Loupe case, from a newer version, or corrupt
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface SerializedError {
  code: ErrorCode;
  message: string;
  /** Where a query failed to parse (0-based column), when relevant. */
  position?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** An error that carries a code across the engine/transport boundary. */
export class LoupeError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly position?: number,
  ) {
    super(message);
    this.name = 'LoupeError';
  }
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof LoupeError) {
    return err.position === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, position: err.position };
  }
  const e = err as { code?: unknown; message?: unknown; position?: unknown } | null;
  const code =
    typeof e?.code === 'string' && (ERROR_CODES as readonly string[]).includes(e.code)
      ? (e.code as ErrorCode)
      : 'INTERNAL';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.position === 'number' ? { code, message, position: e.position } : { code, message };
}
