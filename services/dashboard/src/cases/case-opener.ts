import { v5 as uuidv5 } from 'uuid';
import {
  createCommitWindow,
  createTaskFencing,
  maskNik,
  TOPICS,
  type AvroCodec,
  type IncomingBatch,
  type KafkaAdmin,
  type KafkaClient,
  type Logger,
  type OutgoingRecord,
} from '@waspada/common';
import type { AlertAction, CaseEvent } from '@waspada/schemas';
import { openingEventOf } from './case-commands';

/** One group for every dashboard of a cluster: a referral opens its case once, whoever reads it. */
export const CASE_OPENER_GROUP = 'waspada-case-opener';
/** Fixed forever: the opening of a referral is named by the action under it. */
const OPENING_NAMESPACE = '3d1c6f0e-92a7-4b58-8e61-7f4a0c2d5b19';
const WINDOW_MS = 50;
const CATCH_UP_WINDOW_MS = 500;

/** The opening a desk action leads to: a referral to secondary inspection opens the situation's case. */
export function openingOfAction(action: AlertAction): CaseEvent | undefined {
  if (action.action !== 'REFERRED') return undefined;
  return openingEventOf({
    eventId: uuidv5(action.actionId, OPENING_NAMESPACE),
    firstAlertId: action.firstAlertId,
    alertId: action.alertId,
    nik: action.nik,
    checkpointCode: action.checkpointCode,
    actor: { kind: 'DESK', id: action.deskId, officerId: action.officerId },
    openedBy: 'DESK_REFERRAL',
    sourceActionId: action.actionId,
    time: action.actionTime,
  });
}

/**
 * Reads the desk actions and writes an opening for each referral to the case topic, exactly once:
 * the openings and the consumed offsets commit in one transaction per partition per short window
 * (createCommitWindow), and each partition's transactional id is fenced by the instance assigned it
 * (createTaskFencing), as the desk router does. A second referral of the same situation writes a
 * second opening of the same case id, which the fold ignores (applyCaseEvent), so a situation has
 * one case however it is referred.
 */
export async function startCaseOpener(deps: {
  readonly kafka: KafkaClient;
  readonly admin: Pick<KafkaAdmin, 'groupOffsetsAllTopics'>;
  readonly decodeAction: (value: Buffer | null) => Promise<{ value: AlertAction }>;
  readonly caseCodec: AvroCodec<CaseEvent>;
  readonly groupId: string;
  /** Each partition of the desk actions commits under `<prefix>.<group>.<partition>`. */
  readonly transactionalIdPrefix: string;
  readonly logger: Logger;
  readonly onOpened?: (count: number) => void;
}) {
  const { logger } = deps;
  const consumer = deps.kafka.consumer({
    groupId: deps.groupId,
    autoCommit: false,
    isolation: 'read_committed',
  });
  const fencing = createTaskFencing({
    kafka: deps.kafka,
    admin: deps.admin,
    consumer,
    groupId: deps.groupId,
    transactionalIdPrefix: deps.transactionalIdPrefix,
  });
  consumer.onRebalance(() => fencing.resetAll());
  await consumer.connect();
  // From the beginning: a new opener (a new cluster) opens the cases of every referral on record.
  await consumer.subscribe([TOPICS.alertActions], { fromBeginning: true });

  async function openings(batch: IncomingBatch): Promise<OutgoingRecord[]> {
    const out: OutgoingRecord[] = [];
    for (const record of batch.records) {
      let action: AlertAction;
      try {
        action = (await deps.decodeAction(record.value)).value;
      } catch (error) {
        // Not an action this build reads: it opens nothing; the notifier that wrote it kept the desk's answer.
        logger.warn(
          { partition: record.partition, offset: record.offset, reason: (error as Error).message },
          'desk action not readable; no case opened from it',
        );
        continue;
      }
      const opening = openingOfAction(action);
      if (!opening) continue;
      out.push({
        topic: TOPICS.cases,
        key: opening.nik,
        value: deps.caseCodec.encode(opening),
        headers: { 'waspada-event-id': opening.eventId },
      });
      logger.info({ caseId: opening.caseId, nik: maskNik(opening.nik) }, 'case opened from a referral');
    }
    return out;
  }

  const window = createCommitWindow({
    tasks: fencing.windowTasks(),
    consumer,
    groupId: deps.groupId,
    windowMs: WINDOW_MS,
    catchUpWindowMs: CATCH_UP_WINDOW_MS,
    maxRecords: 2_000,
    close: () => Promise.resolve(new Map()),
    onCommitted: (published) => deps.onOpened?.(published.length),
    onFailed: (error) =>
      logger.warn({ reason: (error as Error).message }, 'case openings not committed; read again'),
  });

  const admission = {
    skipped: (skipped: { partition: number; count: number }) =>
      logger.info(
        { partition: skipped.partition, skipped: skipped.count },
        "desk actions already handled by the partition's previous owner skipped",
      ),
    unfenced: (error: Error) =>
      logger.warn({ reason: error.message }, 'transactional id of the partition not fenced; fetched again'),
  };

  await consumer.run(async (fetched, control) => {
    const batch = await fencing.admit(fetched, admission);
    if (!batch) return;
    await window.batch(batch.topic, batch.partition, async () => {
      if (!control.isActive() || batch.records.length === 0) return { publish: [], records: 0 };
      const first = batch.records[0] as IncomingBatch['records'][number];
      const last = batch.records[batch.records.length - 1] as IncomingBatch['records'][number];
      return {
        publish: await openings(batch),
        first: first.offset,
        position: last,
        records: batch.records.length,
        lagging: BigInt(batch.highWatermark) - BigInt(last.offset) > 1_000n,
      };
    });
  });
  logger.info({ group: deps.groupId }, 'case opener reading the desk actions');

  return {
    async close() {
      await window
        .close()
        .catch((error: unknown) =>
          logger.warn({ reason: (error as Error).message }, 'last case openings not committed'),
        );
      await consumer.disconnect();
      await fencing.close();
    },
  };
}
