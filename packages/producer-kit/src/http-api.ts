import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  contextFromHeaders,
  rateLimitMessage,
  type Context,
  type RateLimitRefusal,
  type RateLimitSettings,
} from '@waspada/common';
import type { RecordIntakeService, Submission, SubmissionResult } from './record-intake-service';

/** A batch larger than this is refused whole: split it, or use the file import. */
export const MAX_BATCH_RECORDS = 5_000;
/** The largest body taken: room for a full batch of generous records. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Requests per minute from one address: the simulator's full feed posts a few hundred batches a
 * minute to each producer, and a batch carries up to 5,000 records.
 */
export const INTAKE_RATE_LIMIT: RateLimitSettings = { max: 6_000, windowMs: 60_000 };

/** The 429 of the intake API, shaped as its 503: retryable, the reason under `(client)`. */
export function intakeRateLimitBody(refusal: RateLimitRefusal) {
  return {
    status: 'rate-limited',
    retryable: true,
    errors: [
      { field: '(client)', reason: `${rateLimitMessage(refusal)}; none of this request's records is taken` },
    ],
  };
}

/**
 * The agency-facing API:
 *
 *   POST /v1/records         one JSON record      → 202 { eventId } or 400 { errors: [{ field, reason }] }
 *   POST /v1/records/batch   a JSON array of them → 202 { accepted, refused, results }, 400 when none is accepted
 *
 * Bodies are taken as bytes and parsed here, so even a body that is not JSON is kept, as sent, on
 * the rejected topic. 202 is sent only when Kafka has the records; when Kafka cannot take them
 * (the broker is down) the answer is 503 with Retry-After, and the sender sends the same again.
 * A client over its rate limit gets 429 with Retry-After (intakeRateLimitBody), before its body is
 * read, and sends the same again after that.
 */
export function registerRecordRoutes(app: FastifyInstance, service: RecordIntakeService): void {
  app.addContentTypeParser(
    ['application/json', 'application/x-ndjson'],
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );
  // Fastify refuses a body too large, of another media type or cut short before a handler runs:
  // those answers too name what is wrong in the API's own shape.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) return reply.send(error);
    const reason =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `is over the ${MAX_BODY_BYTES} bytes a request may carry: send batches of at most ${MAX_BATCH_RECORDS} records, or import the export as a file`
        : error.message;
    return reply.code(status).send({ status: 'refused', errors: [{ field: '(body)', reason }] });
  });

  app.post(
    '/v1/records',
    unavailableWhenKafkaIs(async (request, reply) => {
      const [result] = await service.submit(
        [parseOne(request.body as Buffer, `request ${request.id}`)],
        'HTTP',
        'application/json',
        callerTrace(request),
      );
      return answer(reply, result as SubmissionResult);
    }),
  );

  app.post(
    '/v1/records/batch',
    unavailableWhenKafkaIs(async (request, reply) => {
      const body = request.body as Buffer;
      let items: unknown;
      try {
        items = JSON.parse(body.toString('utf8'));
      } catch (error) {
        const [result] = await service.submit(
          [
            {
              raw: undefined,
              original: body,
              sourceName: `request ${request.id}`,
              parseError: `body is not JSON: ${(error as Error).message}`,
            },
          ],
          'HTTP',
          'application/json',
          callerTrace(request),
        );
        return answer(reply, result as SubmissionResult);
      }
      if (!Array.isArray(items)) {
        return reply.code(400).send({
          status: 'refused',
          errors: [{ field: '(body)', reason: 'a batch is a JSON array of records' }],
        });
      }
      if (items.length > MAX_BATCH_RECORDS) {
        return reply.code(413).send({
          status: 'refused',
          errors: [
            {
              field: '(body)',
              reason: `a batch holds at most ${MAX_BATCH_RECORDS} records, got ${items.length}: split it`,
            },
          ],
        });
      }
      const submissions: Submission[] = (items as unknown[]).map((raw, index) => ({
        raw,
        original: Buffer.from(JSON.stringify(raw)),
        sourceName: `request ${request.id} item ${index}`,
      }));
      const results = await service.submit(submissions, 'HTTP', 'application/json', callerTrace(request));
      const acceptedCount = results.filter((result) => result.accepted).length;
      return reply.code(acceptedCount > 0 || results.length === 0 ? 202 : 400).send({
        accepted: acceptedCount,
        refused: results.length - acceptedCount,
        results: results.map((result, index) =>
          result.accepted
            ? { index, eventId: result.eventId }
            : { index, errors: result.errors, rejectionId: result.rejectionId },
        ),
      });
    }),
  );
}

const RETRY_AFTER_SECONDS = 5;

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** A handler whose Kafka failure becomes 503 + Retry-After; any other error stays a 500. */
function unavailableWhenKafkaIs(handler: Handler): Handler {
  return async (request, reply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      if (!(error instanceof Error) || !isKafkaError(error)) throw error;
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({
          status: 'unavailable',
          retryable: true,
          errors: [
            {
              field: '(service)',
              reason: `Kafka did not take the records (${error.message}); none of them is accepted: send them again`,
            },
          ],
        });
    }
  };
}

/** KafkaJS names its errors KafkaJS…; they mean the broker could not be reached or did not answer. */
function isKafkaError(error: Error): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name.startsWith('KafkaJS')) return true;
  }
  return false;
}

function parseOne(body: Buffer, sourceName: string): Submission {
  try {
    return { raw: JSON.parse(body.toString('utf8')) as unknown, original: body, sourceName };
  } catch (error) {
    return {
      raw: undefined,
      original: body,
      sourceName,
      parseError: `body is not JSON: ${(error as Error).message}`,
    };
  }
}

function answer(reply: { code(status: number): { send(body: unknown): unknown } }, result: SubmissionResult) {
  return result.accepted
    ? reply.code(202).send({ status: 'accepted', eventId: result.eventId })
    : reply.code(400).send({ status: 'refused', errors: result.errors, rejectionId: result.rejectionId });
}

/**
 * The trace an agency's system sent the request in, if it sent `traceparent`: the intake span
 * continues it, so the agency's own trace reaches the desk.
 */
function callerTrace(request: FastifyRequest): Context {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return contextFromHeaders({
    traceparent: first(request.headers.traceparent),
    tracestate: first(request.headers.tracestate),
  });
}
