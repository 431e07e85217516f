import { z } from 'zod';
import { httpUrl } from '../config/settings';
import { WaspadaError } from '../errors';

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * The standard OpenTelemetry variables Waspada reads, spread into each service's settings so they
 * are checked at start with the rest: the SDK itself would only print a diagnostic and fall back
 * to a default on a misspelt sampler or a bad endpoint. `serviceName` is the service's default
 * OTEL_SERVICE_NAME. The SDK reads the sampler variables itself; they are validated here only.
 */
export const tracingSettings = (serviceName: string) => ({
  OTEL_SERVICE_NAME: z.string().min(1).default(serviceName),
  /** The collector's base URL: spans go to `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  /** The full traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol,
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol,
  /** `otlp` (the default when an endpoint is set), `console` (the service's log, the default otherwise) or `none`. */
  OTEL_TRACES_EXPORTER: z
    .enum(['otlp', 'console', 'none'], { message: 'expected otlp, console or none' })
    .optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS, { message: `expected one of ${SAMPLERS.join(', ')}` }).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ message: 'expected a sampling ratio between 0 and 1' })
    .min(0, 'a sampling ratio is between 0 and 1')
    .max(1, 'a sampling ratio is between 0 and 1')
    .optional(),
});

/** The exporter sends OTLP as JSON over HTTP; another protocol would be silently ignored, so it is refused. */
const otlpProtocol = z
  .enum(['http/json'], {
    message: 'Waspada exports OTLP as JSON over HTTP: set http/json or leave it unset',
  })
  .optional();

export interface TracingSettings {
  readonly OTEL_SERVICE_NAME: string;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
  readonly OTEL_TRACES_EXPORTER?: 'otlp' | 'console' | 'none' | undefined;
}

export type TraceExport = { readonly kind: 'otlp'; readonly url: string } | { readonly kind: 'log' | 'none' };

/** Where spans go: OTLP when an endpoint is set, else the service's log, unless told otherwise. */
export function traceExportOf(settings: TracingSettings): TraceExport {
  const url =
    settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (settings.OTEL_EXPORTER_OTLP_ENDPOINT && `${settings.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`);
  switch (settings.OTEL_TRACES_EXPORTER) {
    case 'none':
      return { kind: 'none' };
    case 'console':
      return { kind: 'log' };
    case 'otlp':
      if (!url)
        throw new WaspadaError(
          'WSP_CONFIG_INVALID',
          'OTEL_TRACES_EXPORTER: otlp needs OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
        );
      return { kind: 'otlp', url };
    default:
      return url ? { kind: 'otlp', url } : { kind: 'log' };
  }
}
