import type { OutgoingRecord } from '@waspada/common';
import type { DeadLetterRecord, RejudgeRequest, RiskAlert } from '@waspada/schemas';
import { recordsByTask, type WindowRecordMakers } from '../src/window-output';

/** Which transaction each of a window's records goes out in. */
const alert = (id: string) => ({ alertId: id }) as unknown as RiskAlert;
const request = (id: string) => ({ eventId: id }) as unknown as RejudgeRequest;
const dead = (partition: number, offset: string) =>
  ({ sourcePartition: partition, sourceOffset: offset }) as unknown as DeadLetterRecord;

const make: WindowRecordMakers = {
  alert: (a) => ({ topic: 'alerts', key: a.alertId, value: Buffer.alloc(0) }),
  rejudge: (requests) => requests.map((r) => ({ topic: 'rejudge', key: r.eventId, value: Buffer.alloc(0) })),
  deadLetters: (records) =>
    records.map((d) => ({
      topic: 'dead',
      key: `${d.sourcePartition}:${d.sourceOffset}`,
      value: Buffer.alloc(0),
    })),
};
const keys = (records: readonly OutgoingRecord[] | undefined) =>
  (records ?? []).map((record) => `${record.topic}/${String(record.key)}`);

describe("a window's records per task", () => {
  it("puts each partition's alerts, then its requests, in its own task, and dead letters in their source's", () => {
    const publish = recordsByTask(
      {
        byPartition: new Map([
          [0, { alerts: [alert('a'), alert('b')], requests: [request('r')] }],
          [5, { alerts: [alert('c')], requests: [] }],
        ]),
        deadLetters: [dead(5, '9'), dead(7, '1')],
      },
      make,
    );
    expect([...publish.keys()]).toEqual(['0', '5', '7']);
    expect(keys(publish.get('0'))).toEqual(['alerts/a', 'alerts/b', 'rejudge/r']);
    expect(keys(publish.get('5'))).toEqual(['alerts/c', 'dead/5:9']);
    expect(keys(publish.get('7'))).toEqual(['dead/7:1']);
  });

  it('gives a partition that decided nothing an empty list, not a missing task', () => {
    const publish = recordsByTask(
      { byPartition: new Map([[2, { alerts: [], requests: [] }]]), deadLetters: [] },
      { ...make, rejudge: () => [] },
    );
    expect(publish.get('2')).toEqual([]);
  });
});
