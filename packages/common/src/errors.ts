/**
 * The closed list of error codes of every Waspada package and service, each documented in
 * docs/errors.md (a test holds the two equal). `retryable` decides what a caller does:
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
  WSP_STATE_INCOMPLETE: {
    retryable: true,
    doc: "The risk processor's Redis state lost its data under a window; the window is not committed and the state is rebuilt from Kafka first.",
  },
  WSP_TASK_FENCED: {
    retryable: true,
    doc: "A risk processor instance wrote a partition's Redis state after another instance took the partition; nothing of the write is kept and the window is not committed.",
  },
  WSP_RULE_FAILED: {
    retryable: false,
    doc: 'A rule threw while judging a person; the message names the rule. The record goes to the dead-letter topic.',
  },
  WSP_DELIVERY_INTERRUPTED: {
    retryable: true,
    doc: 'A webhook delivery stopped because its worker is stopping or lost the partition; the next owner delivers it.',
  },
  WSP_BACKTEST_USAGE: {
    retryable: false,
    doc: 'A backtest command line that cannot be run; the message names the option and shows the usage.',
  },
  WSP_RULES_INVALID_CONTENT: {
    retryable: false,
    doc: 'A proposed rule set fails the rule-set schema or its checks; nothing is written.',
  },
  WSP_RULES_VERSION_TAKEN: {
    retryable: false,
    doc: 'A rule-set version is proposed under a name another proposal already has.',
  },
  WSP_RULES_UNKNOWN_VERSION: {
    retryable: false,
    doc: 'A step names a rule-set version that was never proposed.',
  },
  WSP_RULES_SELF_APPROVAL: {
    retryable: false,
    doc: 'The proposer of a rule change tried to approve it; a second person must (four eyes).',
  },
  WSP_RULES_NOT_SUPERVISOR: {
    retryable: false,
    doc: 'Only a supervisor may approve or activate a rule-set version.',
  },
  WSP_RULES_WRONG_STATE: {
    retryable: false,
    doc: "The step does not follow from the version's state (for example activating a version not approved).",
  },
  WSP_RULES_CONTENT_CHANGED: {
    retryable: false,
    doc: 'The rule-set content differs from the content that was proposed and reviewed.',
  },
  WSP_RULES_REASON_REQUIRED: { retryable: false, doc: 'The step needs a reason (a rejection, a rollback).' },
  WSP_RULES_BAD_ACTOR: {
    retryable: false,
    doc: 'The person named as acting is not an analyst the lifecycle knows.',
  },
  WSP_EXEMPTION_INVALID: {
    retryable: false,
    doc: 'An exemption proposal names no valid person, rule, period or reason; the message names the field.',
  },
  WSP_EXEMPTION_UNKNOWN: {
    retryable: false,
    doc: 'A step names an exemption that was never proposed.',
  },
  WSP_EXEMPTION_WRONG_STATE: {
    retryable: false,
    doc: "The step does not follow from the exemption's state (for example approving one already revoked).",
  },
  WSP_EXEMPTION_SELF_APPROVAL: {
    retryable: false,
    doc: 'The proposer of an exemption tried to approve it; a second person must (four eyes).',
  },
  WSP_EXEMPTION_NOT_ALLOWED: {
    retryable: false,
    doc: 'The account may not take this step (a regency account, or approval by a non-supervisor).',
  },
  WSP_EXEMPTION_OVERLAP: {
    retryable: false,
    doc: 'An exemption of the same person and rule is already proposed or in force over part of the period.',
  },
  WSP_STACK_JAVA_MISSING: {
    retryable: false,
    doc: 'The local stack needs a JDK 17 or newer; the message says how to install one.',
  },
  WSP_STACK_MAVEN_MISSING: {
    retryable: false,
    doc: 'The local stack fetches Kafka and Apicurio with Maven, which is missing.',
  },
  WSP_STACK_REDIS_MISSING: {
    retryable: false,
    doc: "redis-server is missing and could not be installed from Debian's package.",
  },
  WSP_STACK_PORT_TAKEN: {
    retryable: false,
    doc: 'A port of the local stack is taken by another program; the message names the setting that moves it.',
  },
  WSP_STACK_DOWNLOAD_FAILED: {
    retryable: true,
    doc: 'Kafka or Apicurio Registry could not be fetched from Maven Central for the local stack.',
  },
  WSP_STACK_START_FAILED: {
    retryable: false,
    doc: 'A server of the local stack did not start; the message ends with its last log lines.',
  },
  WSP_STACK_UNHEALTHY: {
    retryable: true,
    doc: 'The servers do not answer (external ones at the configured addresses, or a local one after its start), or the endpoint variables are set only in part.',
  },
  WSP_STACK_BUSY: {
    retryable: true,
    doc: 'Another command holds the stack lock (a start or stop is under way).',
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
