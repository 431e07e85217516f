/**
 * The closed list of error codes of the shared plumbing. `retryable` decides what a caller does:
 * retry the operation, or give up on the record and keep it on a dead-letter topic.
 */
export const ERROR_CODES = {
  WSP_CONFIG_INVALID: {
    retryable: false,
    doc: 'Configuration failed validation at start; the message names each key to fix.',
  },
  WSP_KAFKA_UNREACHABLE: { retryable: true, doc: 'No Kafka broker answered at the configured addresses.' },
  WSP_REGISTRY_UNREACHABLE: {
    retryable: true,
    doc: 'The schema registry did not answer at the configured URL.',
  },
  WSP_REGISTRY_REFUSED: {
    retryable: false,
    doc: 'The schema registry refused a request (for example an incompatible schema).',
  },
  WSP_REDIS_UNREACHABLE: { retryable: true, doc: 'Redis did not answer PING at the configured URL.' },
  WSP_TOPIC_MISMATCH: {
    retryable: false,
    doc: 'An existing topic disagrees with its declaration in a way that cannot be applied safely.',
  },
  WSP_DECODE_FAILED: {
    retryable: false,
    doc: 'A record could not be decoded (not Confluent wire format, unknown schema id, bad Avro).',
  },
  WSP_ENCODE_FAILED: {
    retryable: false,
    doc: 'A value does not match the Avro schema it is encoded with; the message names the field.',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class WaspadaError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WaspadaError';
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
  }
}

export function isWaspadaError(error: unknown, code?: ErrorCode): error is WaspadaError {
  return error instanceof WaspadaError && (code === undefined || error.code === code);
}

/** The innermost message of an error chain, for operator-facing text. */
export function rootMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
  }
  if (current instanceof Error) return current.message;
  return String(current);
}
