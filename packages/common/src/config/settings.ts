import { z } from 'zod';

/** Reusable field schemas for environment settings, with messages that say what a valid value is. */

export const booleanSetting = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const portSetting = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a TCP port number' })
    .int('expected a whole port number')
    .min(1, 'a port is between 1 and 65535')
    .max(65535, 'a port is between 1 and 65535')
    .default(fallback);

export const positiveIntSetting = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .positive()
    .default(fallback);

export const hostPortList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  )
  .refine((list) => list.length > 0, 'expected at least one host:port, for example 127.0.0.1:19092')
  .refine(
    (list) => list.every((entry) => /^[^\s:]+:\d{1,5}$/.test(entry)),
    'expected a comma-separated list of host:port, for example 127.0.0.1:19092,10.0.0.2:9092',
  );

export const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s]+$/.test(value), 'expected an http:// or https:// URL')
  .transform((value) => value.replace(/\/+$/, ''));

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/**
 * The per-client limit on a service's HTTP API: at most WASPADA_RATE_LIMIT_MAX requests per
 * WASPADA_RATE_LIMIT_WINDOW_SECONDS from one token holder or one address. `defaultMax` is the
 * service's own: generous enough that no honest client (the simulator, a desk, a bench) meets it.
 */
export const rateLimitSettings = (defaultMax: number) => ({
  WASPADA_RATE_LIMIT_MAX: z.coerce
    .number({ message: 'expected a number of requests' })
    .int('expected a whole number of requests')
    .min(1, 'at least 1 request per window')
    .max(1_000_000, 'at most 1000000 requests per window')
    .default(defaultMax),
  WASPADA_RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number({ message: 'expected a number of seconds' })
    .int('expected a whole number of seconds')
    .min(1, 'at least 1 second')
    .max(3_600, 'at most 3600 seconds (an hour): a longer window holds a refused client back too long')
    .default(60),
});

/** The limit as `createOpsServer` takes it, from the two settings above. */
export function toRateLimit(config: {
  readonly WASPADA_RATE_LIMIT_MAX: number;
  readonly WASPADA_RATE_LIMIT_WINDOW_SECONDS: number;
}): { readonly max: number; readonly windowMs: number } {
  return { max: config.WASPADA_RATE_LIMIT_MAX, windowMs: config.WASPADA_RATE_LIMIT_WINDOW_SECONDS * 1000 };
}
