import {
  createExactlyOnceCopy,
  isWaspadaError,
  maskNik,
  TOPICS,
  type AvroCodec,
  type IncomingBatch,
  type KafkaAdmin,
  type KafkaClient,
  type Logger,
  type OutgoingRecord,
  nameUuid,
} from '@waspada/common';
import type { AlertAction, CaseEvent } from '@waspada/schemas';
import { openingEventOf } from './case-commands';

/** One group for every dashboard of a cluster: a referral opens its case once, whoever reads it. */
export const CASE_OPENER_GROUP = 'waspada-case-opener';
/** Fixed forever: the opening of a referral is named by the action under it. */
const OPENING_NAMESPACE = '3d1c6f0e-92a7-4b58-8e61-7f4a0c2d5b19';
const openingUuid = nameUuid(OPENING_NAMESPACE);
const WINDOW_MS = 50;
const CATCH_UP_WINDOW_MS = 500;

/** The opening a desk action leads to: a referral to secondary inspection opens the situation's case. */
export function openingOfAction(action: AlertAction): CaseEvent | undefined {
  if (action.action !== 'REFERRED') return undefined;
  return openingEventOf({
    eventId: openingUuid(action.actionId),
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
 * Reads the desk actions and writes an opening for each referral to the case topic, exactly once
 * (createExactlyOnceCopy, as the desk router): the openings and the consumed offsets commit in one
 * transaction per partition per short window, and each partition's transactional id is fenced by
 * the instance assigned it. A second referral of the same situation writes a
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
  const copy = createExactlyOnceCopy({
    kafka: deps.kafka,
    admin: deps.admin,
    groupId: deps.groupId,
    transactionalIdPrefix: deps.transactionalIdPrefix,
    windowMs: WINDOW_MS,
    catchUpWindowMs: CATCH_UP_WINDOW_MS,
    maxRecords: 2_000,
    publish: (batch) => openings(batch),
    onCommitted: (published) => deps.onOpened?.(published.length),
    report: {
      windowFailed: (error) =>
        logger.warn({ reason: error.message }, 'case openings not committed; read again'),
      lastWindowFailed: (error) => logger.warn({ reason: error.message }, 'last case openings not committed'),
      skipped: (skipped) =>
        logger.info(
          { partition: skipped.partition, skipped: skipped.count },
          "desk actions already handled by the partition's previous owner skipped",
        ),
      unfenced: (error) =>
        logger.warn({ reason: error.message }, 'transactional id of the partition not fenced; fetched again'),
    },
  });
  await copy.consumer.connect();
  // From the beginning: a new opener (a new cluster) opens the cases of every referral on record.
  await copy.consumer.subscribe([TOPICS.alertActions], { fromBeginning: true });

  async function openings(batch: IncomingBatch): Promise<OutgoingRecord[]> {
    const out: OutgoingRecord[] = [];
    for (const record of batch.records) {
      let action: AlertAction;
      try {
        action = (await deps.decodeAction(record.value)).value;
      } catch (error) {
        // A registry that does not answer is not the record's fault: the window fails and is read again.
        if (!isWaspadaError(error, 'WSP_DECODE_FAILED')) throw error;
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
      logger.info(
        { caseId: opening.caseId, nik: maskNik(opening.nik) },
        'case opening of a referral in the window',
      );
    }
    return out;
  }

  await copy.run();
  logger.info({ group: deps.groupId }, 'case opener reading the desk actions');

  return { close: () => copy.close() };
}
