import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro, { type Type } from 'avsc';
import type { RegistryConnection } from '../config/connection-config';
import { WaspadaError } from '../errors';

export type CompatibilityLevel =
  'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE' | 'NONE';

/**
 * The schema registry through its Confluent-compatible REST API (Apicurio serves it under
 * /apis/ccompat/v7). Schema ids are Confluent-style content ids: the same schema text gets the same
 * id under every subject, and that id is what the wire format carries.
 */
export interface SchemaRegistryClient {
  readonly url: string;
  /** Fails with a message that names the URL and what to do when the registry does not answer. */
  ping(): Promise<void>;
  compatibility(subject: string): Promise<CompatibilityLevel | undefined>;
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<void>;
  /**
   * Registers a schema under a subject. A new subject gets `level` before its first version, so
   * the registry checks every later version against it; a subject that already has another level
   * is refused, so no caller can weaken the check by asking for a laxer one. Returns the schema id.
   */
  register(subject: string, schema: object, level: CompatibilityLevel): Promise<number>;
  /** The writer schema for an id, parsed once and cached. */
  schemaById(id: number): Promise<Type>;
}

/** The registry answered with an HTTP error status. */
class RegistryHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body}`);
  }
}

/** How long one registry request may take before it counts as unanswered, unless the caller says otherwise. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Registering the same schema again returns the same id, so an unanswered registration is sent again this many times. */
const REGISTER_ATTEMPTS = 3;

/**
 * Gives every request of the library's HTTP client (mappersmith) a timeout, which it has none of
 * by default: a registry that accepted the connection and never answered held a registration,
 * and with it a service's start, for as long as the process lived.
 */
const boundedRequests = (timeoutMs: number) => () => ({
  prepareRequest: (next: () => Promise<{ enhance(extras: { timeout: number }): unknown }>) =>
    next().then((request) => request.enhance({ timeout: timeoutMs })),
});

export function createSchemaRegistryClient(
  connection: RegistryConnection,
  { requestTimeoutMs = REQUEST_TIMEOUT_MS }: { requestTimeoutMs?: number } = {},
): SchemaRegistryClient {
  const library = new SchemaRegistry({
    host: connection.url,
    clientId: 'waspada',
    ...(connection.auth && { auth: { ...connection.auth } }),
    middlewares: [boundedRequests(requestTimeoutMs) as never],
  });
  const headers: Record<string, string> = { 'content-type': 'application/vnd.schemaregistry.v1+json' };
  if (connection.auth) {
    headers.authorization = `Basic ${Buffer.from(`${connection.auth.username}:${connection.auth.password}`).toString('base64')}`;
  }

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${connection.url}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (error) {
      throw unreachable(connection.url, error);
    }
    const text = await response.text();
    if (!response.ok) throw new RegistryHttpError(response.status, text);
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  }

  return {
    url: connection.url,
    async ping() {
      await call('GET', '/subjects');
    },
    async compatibility(subject) {
      try {
        const result = (await call('GET', `/config/${encodeURIComponent(subject)}`)) as {
          compatibilityLevel?: CompatibilityLevel;
          compatibility?: CompatibilityLevel;
        };
        return result.compatibilityLevel ?? result.compatibility;
      } catch (error) {
        if (error instanceof RegistryHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
    async setCompatibility(subject, level) {
      try {
        await call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level });
      } catch (error) {
        throw refused(`setting compatibility ${level} on subject ${subject}`, error);
      }
    },
    async register(subject, schema, level) {
      const current = await this.compatibility(subject);
      if (current === undefined) await this.setCompatibility(subject, level);
      else if (current !== level) {
        throw new WaspadaError(
          'WSP_REGISTRY_REFUSED',
          `subject ${subject} has compatibility ${current}, not ${level}; change it on purpose with setCompatibility, not by registering`,
        );
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          const { id } = await library.register(
            { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
            { subject, compatibility: level as never },
          );
          return id;
        } catch (error) {
          const failure = refused(`registering a new version of subject ${subject}`, error);
          if (failure.code !== 'WSP_REGISTRY_UNREACHABLE' || attempt === REGISTER_ATTEMPTS) throw failure;
        }
      }
    },
    // Read with the same bounded request as every other call, not through the library's HTTP
    // client, which has no timeout: a registry answer lost on the way would hold up the consumer's
    // batch for ever, where a timeout fails the batch and it is tried again.
    async schemaById(id) {
      let found: { schema?: string; schemaType?: string };
      try {
        found = (await call('GET', `/schemas/ids/${id}`)) as typeof found;
      } catch (error) {
        if (error instanceof RegistryHttpError && error.status === 404) {
          throw new WaspadaError(
            'WSP_DECODE_FAILED',
            `schema id ${id} is not in the registry at ${connection.url}`,
            {
              cause: error,
            },
          );
        }
        throw error instanceof WaspadaError ? error : unreachable(connection.url, error);
      }
      const kind = found.schemaType ?? 'AVRO';
      if (kind !== 'AVRO' || typeof found.schema !== 'string') {
        throw new WaspadaError('WSP_DECODE_FAILED', `schema id ${id} is a ${kind} schema, not Avro`);
      }
      try {
        return avro.Type.forSchema(JSON.parse(found.schema) as avro.Schema, { omitRecordMethods: true });
      } catch (error) {
        throw new WaspadaError(
          'WSP_DECODE_FAILED',
          `schema id ${id} is not a usable Avro schema: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
  };
}

function unreachable(url: string, error: unknown): WaspadaError {
  const reason =
    error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new WaspadaError(
    'WSP_REGISTRY_UNREACHABLE',
    `schema registry at ${url} is unreachable (${reason}): start the stack (npm run stack up) or fix SCHEMA_REGISTRY_URL`,
    { cause: error },
  );
}

function refused(action: string, error: unknown): WaspadaError {
  if (error instanceof WaspadaError) return error;
  // The library's HTTP client reports a connection that failed or timed out as a response of its
  // own (status 400 and the socket's message): that is unreachable, not refused by the registry.
  if (
    !(error instanceof RegistryHttpError) &&
    /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|socket hang up|Timeout \(\d+ms\)/i.test(
      String((error as Error).message),
    )
  ) {
    return new WaspadaError(
      'WSP_REGISTRY_UNREACHABLE',
      `the schema registry could not be reached while ${action}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const detail =
    error instanceof RegistryHttpError ? error.body : error instanceof Error ? error.message : String(error);
  return new WaspadaError('WSP_REGISTRY_REFUSED', `the schema registry refused ${action}: ${detail}`, {
    cause: error,
  });
}
