import { NIK_SHAPE } from '@waspada/domain';
import {
  compileAvroType,
  createAvroDecoder,
  WaspadaError,
  type IncomingRecord,
  type SchemaRegistryClient,
} from '@waspada/common';
import type { PersonEvent } from '@waspada/risk-rules';
import { PERSON_TOPICS, taskOfNik } from '@waspada/risk-store';
import type { CitizenAbroadEvent, DeadLetterRecord } from '@waspada/schemas';

export type Decoded =
  | { readonly ok: true; readonly event: PersonEvent }
  /** A report abroad that names only a passport number: linked to people through the passport index. */
  | { readonly ok: true; readonly passportOnly: CitizenAbroadEvent }
  | {
      readonly ok: false;
      readonly stage: DeadLetterRecord['stage'];
      readonly field: string;
      readonly reason: string;
    };

/**
 * Turns a record into a person event, or says precisely why not. Decodes into the processor's own
 * reader schema, so producers on an older or newer compatible version are read the same way.
 */
export function createEventDecoder(
  registry: SchemaRegistryClient,
  options: {
    /**
     * Whether a record must sit on the partition its NIK goes to: so for the processor, which keeps
     * and fences each person's state with that partition; not for a backtest, which keeps its
     * state in memory and may read topics of any partition count.
     */
    readonly checkPartition: boolean;
  },
) {
  const decoders = new Map(
    Object.entries(PERSON_TOPICS).map(([topic, { schema }]) => [
      topic,
      createAvroDecoder<Record<string, unknown>>(registry, compileAvroType(schema)),
    ]),
  );
  return async function decode(record: IncomingRecord): Promise<Decoded> {
    const topic = PERSON_TOPICS[record.topic];
    const decoder = decoders.get(record.topic);
    if (!topic || !decoder) {
      return {
        ok: false,
        stage: 'DECODE',
        field: '(record)',
        reason: `topic ${record.topic} is not an agency topic`,
      };
    }
    let value: Record<string, unknown>;
    try {
      value = (await decoder(record.value)).value;
    } catch (error) {
      // Bytes that are not ours go to the dead-letter topic; a registry that does not answer is
      // not the record's fault, so the batch is tried again instead.
      if (!(error instanceof WaspadaError && error.code === 'WSP_DECODE_FAILED')) throw error;
      return { ok: false, stage: 'DECODE', field: '(record)', reason: error.message };
    }
    const key = record.key?.toString('utf8') ?? '';
    if (topic.kind === 'abroad' && value.nik === null) {
      const report = value as unknown as CitizenAbroadEvent;
      if (!report.passportNumber) {
        return {
          ok: false,
          stage: 'VALIDATE',
          field: 'passportNumber',
          reason: 'a report without NIK must name a passport number',
        };
      }
      return { ok: true, passportOnly: report };
    }
    if (typeof value.nik !== 'string' || !NIK_SHAPE.test(value.nik)) {
      return { ok: false, stage: 'VALIDATE', field: 'nik', reason: 'must be 16 digits' };
    }
    if (key !== value.nik) {
      // A record on the wrong key sits on the wrong partition: another instance owns that person.
      return {
        ok: false,
        stage: 'VALIDATE',
        field: '(key)',
        reason: 'message key must be the NIK the event is about',
      };
    }
    if (options.checkPartition && record.partition !== taskOfNik(key)) {
      // Each person's state is kept, and fenced, with the partition the NIK's records go to; a
      // record written to another partition by hand would be judged by an instance not holding it.
      return {
        ok: false,
        stage: 'VALIDATE',
        field: '(partition)',
        reason: `a record of this NIK belongs on partition ${taskOfNik(key)}, not ${record.partition}`,
      };
    }
    if (typeof value.eventTime !== 'number' || !Number.isFinite(value.eventTime) || value.eventTime <= 0) {
      return {
        ok: false,
        stage: 'VALIDATE',
        field: 'eventTime',
        reason: 'must be a positive epoch-millisecond time',
      };
    }
    return { ok: true, event: { kind: topic.kind, ...value } as PersonEvent };
  };
}
