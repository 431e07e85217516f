import { TOPICS, type IncomingBatch, type IncomingRecord } from '@waspada/common';

/**
 * Names the consumer group whose judgement asked for a re-judgement. A re-judge request is a
 * group's own conclusion, drawn from the agency records it has read; another group that reads the
 * same agency records from the start (a new deployment's group, a rebuild under a new name, a
 * benchmark) draws the same conclusions itself, with the same request ids. Taking the other group's
 * copies too would judge each such person again for nothing, and on a long-used stack the topic
 * holds the requests of every group that ever ran.
 */
export const REJUDGE_GROUP_HEADER = 'waspada-group';

/**
 * Whether a record is for this processor: every agency record is; a re-judge request only when the
 * group it came from is the one this processor takes requests from (its own group; for a shadow
 * run, the live group, since a shadow publishes none). A request without the header predates it
 * and is taken, as before.
 */
export function takesRecord(record: IncomingRecord, rejudgeFrom: string): boolean {
  if (record.topic !== TOPICS.rejudge) return true;
  const group = record.headers[REJUDGE_GROUP_HEADER];
  return group === undefined || group.toString() === rejudgeFrom;
}

/** The batch without the re-judge requests of other groups (their offsets are still consumed). */
export function ownRecords(batch: IncomingBatch, rejudgeFrom: string): IncomingBatch {
  if (batch.topic !== TOPICS.rejudge) return batch;
  const records = batch.records.filter((record) => takesRecord(record, rejudgeFrom));
  return records.length === batch.records.length ? batch : { ...batch, records };
}
