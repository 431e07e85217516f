import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskNiksInText } from './mask';

export type { Logger } from 'pino';

/** Keys whose values are personal data or secrets wherever they appear in a logged object. */
const SECRET_KEYS = ['password', 'token', 'secret', 'authorization', 'apiKey', 'signingKey'];
const PERSONAL_KEYS = [
  'name',
  'fullName',
  'birthDate',
  'address',
  'passportNumber',
  'documentNumber',
  'phone',
];

function redactPaths(): string[] {
  const keys = [...SECRET_KEYS, ...PERSONAL_KEYS];
  return [...keys, ...keys.map((key) => `*.${key}`), ...keys.map((key) => `*.*.${key}`)];
}

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where lines go (stdout by default); tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

/**
 * Masks every NIK on the finished line, whatever put it there: a `nik` field, a message key, a
 * child logger's bindings, an error message, a number. Masking the serialized text is the one
 * place nothing can bypass.
 */
function maskingDestination(inner: DestinationStream): DestinationStream {
  return { write: (line: string) => inner.write(maskNiksInText(line)) };
}

/** One JSON line per event; names and secrets redacted by key, NIKs masked everywhere. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: '[redacted]' },
  };
  return pino(options, maskingDestination(settings.destination ?? pino.destination({ dest: 1, sync: true })));
}
