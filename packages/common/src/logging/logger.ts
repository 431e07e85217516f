import pino, { type Logger, type LoggerOptions } from 'pino';
import { maskNik, maskNiksInText } from './mask';

export type { Logger } from 'pino';

/** Keys whose values are personal data or secrets wherever they appear in a logged object. */
const SECRET_KEYS = ['password', 'token', 'secret', 'authorization', 'apiKey', 'signingKey'];
const PERSONAL_KEYS = ['name', 'fullName', 'birthDate', 'address', 'passportNumber', 'phone'];

function redactPaths(): string[] {
  const keys = [...SECRET_KEYS, ...PERSONAL_KEYS];
  return [...keys, ...keys.map((key) => `*.${key}`), ...keys.map((key) => `*.*.${key}`)];
}

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where lines go; tests pass a stream to read what was logged. */
  readonly destination?: pino.DestinationStream;
}

/**
 * One JSON line per event. Secrets and names are redacted by key; a NIK is masked by key (`nik`)
 * and, as a last line of defence, in any logged message text.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    formatters: {
      log(object) {
        return maskNikFields(object) as Record<string, unknown>;
      },
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskNiksInText(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (error: unknown) => {
        const serialized = pino.stdSerializers.err(error as Error);
        if (typeof serialized.message === 'string') serialized.message = maskNiksInText(serialized.message);
        if (typeof serialized.stack === 'string') serialized.stack = maskNiksInText(serialized.stack);
        return serialized;
      },
    },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

function maskNikFields(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskNikFields(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && /nik$/i.test(key)) out[key] = maskNik(field);
    else out[key] = maskNikFields(field, depth + 1);
  }
  return out;
}
