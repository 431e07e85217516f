import { randomUUID } from 'node:crypto';
import {
  Counter,
  Histogram,
  isWaspadaError,
  contextOf,
  endSpan,
  SpanKind,
  startSpan,
  traceHeaders,
  type Context,
  type Span,
  type AvroCodec,
  type OutgoingRecord,
  type Registry,
} from '@waspada/common';
import type { FieldError, ReferenceData } from '@waspada/domain';
import { CONTRACTS, type RejectedRecord } from '@waspada/schemas';
import type { BatchingPublisher } from './batching-publisher';
import { createIntake, type AgencyDefinition } from './intake';

export type Channel = RejectedRecord['channel'];

/**
 * The most an accepted record may weigh encoded, and the most of a refused record's original bytes
 * kept on the rejected topic. Real records are a few hundred bytes; the bound keeps any one record
 * far under the broker's message limit, so a megabyte name is refused by field instead of making
 * Kafka refuse the request it shares with other senders' records.
 */
export const MAX_RECORD_BYTES = 256 * 1024;
/** A refusal lists at most this many reasons, each at most MAX_REASON_CHARS, whatever the input. */
const MAX_LISTED_ERRORS = 50;
const MAX_REASON_CHARS = 500;

/** One record as it arrived: parsed (or not, when the bytes were no JSON) and its original bytes. */
export interface Submission {
  readonly raw: unknown;
  readonly original: Buffer;
  readonly sourceName: string | null;
  /** Set when the bytes could not even be parsed; the record is refused with this reason. */
  readonly parseError?: string;
}

export type SubmissionResult =
  | { readonly accepted: true; readonly eventId: string }
  | { readonly accepted: false; readonly errors: readonly FieldError[]; readonly rejectionId: string };

export interface RecordIntakeService {
  /** Validates, encodes and publishes a batch; resolves when accepted records and refused copies are durable. */
  submit(
    submissions: readonly Submission[],
    channel: Channel,
    contentType: string,
    /** The trace the request came in, when its sender traces; the intake span is then its child. */
    parent?: Context,
    /**
     * Publish only once this settles, and nothing if it fails: an import's chunk checked and
     * encoded while the one before it is sent (createChunkPipeline) goes out after it, or not at all.
     */
    after?: Promise<unknown>,
  ): Promise<SubmissionResult[]>;
}

/**
 * The heart of a producer service, shared by the HTTP API and the file import: every record is
 * either published to its agency topic or kept, with its original bytes and the reasons, on the
 * rejected topic. Nothing is dropped.
 */
export function createRecordIntakeService<T>(deps: {
  readonly definition: AgencyDefinition<T>;
  readonly reference: ReferenceData;
  readonly codec: AvroCodec<T>;
  readonly rejectedCodec: AvroCodec<RejectedRecord>;
  readonly publisher: BatchingPublisher;
  readonly metrics: Registry;
}): RecordIntakeService {
  const { definition, codec, rejectedCodec, publisher } = deps;
  const intake = createIntake(definition, deps.reference);
  const accepted = new Counter({
    name: 'waspada_producer_records_accepted_total',
    help: 'Records validated and published to the agency topic',
    labelNames: ['channel'],
    registers: [deps.metrics],
  });
  const refused = new Counter({
    name: 'waspada_producer_records_refused_total',
    help: 'Records refused and kept on the rejected topic',
    labelNames: ['channel'],
    registers: [deps.metrics],
  });
  const publishSeconds = new Histogram({
    name: 'waspada_producer_publish_seconds',
    help: 'From receipt of a batch to acknowledgement by Kafka',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [deps.metrics],
  });

  return {
    async submit(submissions, channel, contentType, parent, after) {
      const stopTimer = publishSeconds.startTimer();
      // One span per request or import chunk, from receipt to Kafka's acknowledgement: a span per
      // record of a 5,000-record batch would cost more than the records. Every record of the
      // request carries its context, so the processor's judgement of any of them joins this trace.
      const span = startSpan(`intake ${definition.service}`, {
        kind: channel === 'HTTP' ? SpanKind.SERVER : SpanKind.INTERNAL,
        ...(parent && { parent }),
        attributes: {
          'messaging.destination.name': definition.contract.topic,
          'waspada.channel': channel,
          'waspada.records': submissions.length,
        },
      });
      const headers = recordTraceHeaders(span);
      const receivedAt = new Date();
      const records: OutgoingRecord[] = [];
      const results = submissions.map((submission): SubmissionResult => {
        const refuse = (found: readonly FieldError[]): SubmissionResult => {
          const rejectionId = randomUUID();
          const errors = boundedErrors(found, submission.original.length);
          const rejected: RejectedRecord = {
            rejectionId,
            receivedAt: receivedAt.getTime(),
            producer: definition.service,
            channel,
            sourceName: submission.sourceName,
            contentType,
            errors: [...errors],
            originalPayload: submission.original.subarray(0, MAX_RECORD_BYTES),
          };
          records.push({
            topic: CONTRACTS.rejected.topic,
            key: definition.service,
            value: rejectedCodec.encode(rejected),
            headers: { 'waspada-rejection-id': rejectionId },
            timestamp: receivedAt.getTime(),
          });
          return { accepted: false, errors, rejectionId };
        };
        if (submission.parseError !== undefined)
          return refuse([{ field: '(record)', reason: submission.parseError }]);
        const result = intake(submission.raw, receivedAt);
        if (!result.ok) return refuse(result.errors);
        let value: Buffer;
        try {
          value = codec.encode(result.event);
        } catch (error) {
          if (!isWaspadaError(error, 'WSP_ENCODE_FAILED')) throw error;
          return refuse([{ field: '(record)', reason: error.message }]);
        }
        if (value.length > MAX_RECORD_BYTES) {
          return refuse([
            {
              field: largestField(result.event as Record<string, unknown>),
              reason: `makes the record ${value.length} bytes encoded, over the limit of ${MAX_RECORD_BYTES}: no real value is this long`,
            },
          ]);
        }
        const event = result.event as { eventId: string; eventTime: number };
        records.push({
          topic: definition.contract.topic,
          key: result.key,
          value,
          // The event id and the intake's trace context travel in headers, so one event can be
          // followed end to end.
          headers: { 'waspada-event-id': event.eventId, ...headers },
          timestamp: event.eventTime,
        });
        return { accepted: true, eventId: event.eventId };
      });
      const acceptedCount = results.filter((result) => result.accepted).length;
      span.setAttributes({
        'waspada.accepted': acceptedCount,
        'waspada.refused': results.length - acceptedCount,
      });
      try {
        await after;
        await publisher.publish(records);
      } catch (error) {
        endSpan(span, error);
        throw error;
      }
      endSpan(span);
      stopTimer();
      accepted.inc({ channel }, acceptedCount);
      refused.inc({ channel }, results.length - acceptedCount);
      return results;
    },
  };
}

/**
 * The reasons as kept and answered: bounded in number and length, so a body of a million unknown
 * fields or a megabyte enum value cannot make the refusal itself too large for Kafka. Says when
 * the original bytes kept are only the first part.
 */
export function boundedErrors(errors: readonly FieldError[], originalBytes: number): FieldError[] {
  const cut = (text: string) =>
    text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text;
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((error) => ({
    field: cut(error.field),
    reason: cut(error.reason),
  }));
  if (errors.length > MAX_LISTED_ERRORS) {
    listed.push({
      field: '(record)',
      reason: `has ${errors.length - MAX_LISTED_ERRORS} more errors not listed`,
    });
  }
  if (originalBytes > MAX_RECORD_BYTES) {
    listed.push({
      field: '(record)',
      reason: `is ${originalBytes} bytes, over the limit of ${MAX_RECORD_BYTES}; only its first ${MAX_RECORD_BYTES} bytes are kept`,
    });
  }
  return listed;
}

/** The field holding the most text, named when a record is too large. */
function largestField(event: Record<string, unknown>): string {
  let largest = '(record)';
  let size = 0;
  for (const [name, value] of Object.entries(event)) {
    const length = typeof value === 'string' ? value.length : JSON.stringify(value ?? null).length;
    if (length > size) [largest, size] = [name, length];
  }
  return largest;
}

/**
 * The intake span's W3C context. A process that runs the intake without starting the SDK (the
 * benchmarks, tests that run a producer in their own process) gets a no-op span with no context:
 * its records still carry a fresh, sampled traceparent, so each can be told apart downstream.
 */
function recordTraceHeaders(span: Span): Record<string, string> {
  const headers = traceHeaders(contextOf(span));
  return headers.traceparent ? headers : { traceparent: newTraceparent() };
}

/**
 * W3C trace context: version 00, a random trace id and span id, sampled. randomUUID draws from a
 * cached entropy pool; a randomBytes call per record cost an eighth of the producer's CPU.
 */
function newTraceparent(): string {
  return `00-${randomUUID().replace(/-/g, '')}-${randomUUID().slice(0, 8)}${randomUUID().slice(0, 8)}-01`;
}
