import type { OutgoingRecord } from '@waspada/common';
import type { DeadLetterRecord, RejudgeRequest, RiskAlert } from '@waspada/schemas';
import type { WindowJudgement } from './batch-processor';
import type { ProcessorIo } from './processor-io';

/** How a window's decisions become records; a shadow run, say, publishes no re-judge requests. */
export interface WindowRecordMakers {
  readonly alert: (alert: RiskAlert) => OutgoingRecord;
  readonly rejudge: (requests: readonly RejudgeRequest[]) => OutgoingRecord[];
  readonly deadLetters: (records: readonly DeadLetterRecord[]) => OutgoingRecord[];
}

/**
 * The re-judge requests and dead letters a processor publishes. A shadow run publishes neither: the
 * live processor dead-letters every record the shadow would (the same stream), and asks the same
 * re-judgements on the live topic, where a shadow's would feed its own questions to the live path.
 */
export function outputRecords(
  io: Pick<ProcessorIo, 'deadLetterRecord' | 'rejudgeRecord'>,
  options: {
    readonly groupId: string;
    readonly publishDeadLetters?: boolean;
    readonly publishRejudge?: boolean;
  },
): Omit<WindowRecordMakers, 'alert'> {
  return {
    deadLetters: (records) => (options.publishDeadLetters === false ? [] : records.map(io.deadLetterRecord)),
    rejudge: (requests) =>
      options.publishRejudge === false
        ? []
        : requests.map((request) => io.rejudgeRecord(request, options.groupId)),
  };
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
  // Pushed one by one, not spread: a catch-up window's records of one partition can outnumber the
  // arguments a call takes.
  for (const [partition, { alerts, requests }] of judged.byPartition) {
    const records = of(partition);
    for (const alert of alerts) records.push(make.alert(alert));
    for (const request of make.rejudge(requests)) records.push(request);
  }
  for (const dead of judged.deadLetters)
    for (const record of make.deadLetters([dead])) of(dead.sourcePartition).push(record);
  return publish;
}
