import type { OutgoingRecord } from '@waspada/common';
import type { DeadLetterRecord, RejudgeRequest, RiskAlert } from '@waspada/schemas';
import type { WindowJudgement } from './batch-processor';

/** How a window's decisions become records; a shadow run, say, publishes no re-judge requests. */
export interface WindowRecordMakers {
  readonly alert: (alert: RiskAlert) => OutgoingRecord;
  readonly rejudge: (requests: readonly RejudgeRequest[]) => OutgoingRecord[];
  readonly deadLetters: (records: readonly DeadLetterRecord[]) => OutgoingRecord[];
}

/**
 * What each task (partition number, as the commit window names it) publishes in its own
 * transaction: its partition's alerts and re-judge requests, and the dead letters of the records
 * read from it. A partition that decided nothing publishes nothing but still commits its offsets.
 */
export function recordsByTask(
  judged: Pick<WindowJudgement, 'byPartition' | 'deadLetters'>,
  make: WindowRecordMakers,
): Map<string, OutgoingRecord[]> {
  const publish = new Map<string, OutgoingRecord[]>();
  const of = (partition: number) => {
    const records = publish.get(String(partition)) ?? [];
    publish.set(String(partition), records);
    return records;
  };
  for (const [partition, { alerts, requests }] of judged.byPartition)
    of(partition).push(...alerts.map(make.alert), ...make.rejudge(requests));
  for (const dead of judged.deadLetters) of(dead.sourcePartition).push(...make.deadLetters([dead]));
  return publish;
}
