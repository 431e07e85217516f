import { createLogger } from '@waspada/common';
import type { Outbox } from '@waspada/risk-store';
import type { RejudgeRequest, RiskAlert } from '@waspada/schemas';
import { createOutboxRecovery } from '../src/outbox-recovery';

/**
 * The recovery half of the window protocol, against a store and a group's committed offsets held
 * in memory: an outbox is carried only when its window was never committed, once per assignment.
 */
const TOPIC = 'waspada.immigration.border-crossing.v1';
const logger = createLogger({ service: 'test', level: 'silent' });
const alert = (id: string) => ({ alertId: id }) as unknown as RiskAlert;
const request = (id: string) => ({ eventId: id }) as unknown as RejudgeRequest;

function setUp(outboxes: Record<number, Outbox>, committed: Record<number, string | undefined>) {
  const reads: number[] = [];
  const recovery = createOutboxRecovery({
    store: {
      outbox: (partition) => {
        reads.push(partition);
        return Promise.resolve(outboxes[partition]);
      },
    },
    committedOffset: (topic, partition) => {
      expect(topic).toBe(TOPIC);
      return Promise.resolve(committed[partition]);
    },
    logger,
  });
  return { recovery, reads, committed };
}

const windowFrom = (start: string, alerts: RiskAlert[], requests: RejudgeRequest[] = []): Outbox => ({
  ranges: { [TOPIC]: start },
  alerts,
  requests,
});

describe('carrying an uncommitted outbox into the next window', () => {
  it('carries the alerts and requests of a window the group never committed past', async () => {
    const { recovery } = setUp({ 3: windowFrom('40', [alert('a1')], [request('r1')]) }, { 3: '40' });
    await recovery.readOnce(3);
    expect(recovery.carriedOver()).toEqual({
      carried: [{ alert: alert('a1'), partition: 3 }],
      carriedRequests: [{ request: request('r1'), partition: 3 }],
    });
  });

  it('carries an outbox of a partition the group has never committed', async () => {
    const { recovery } = setUp({ 0: windowFrom('0', [alert('a1')]) }, {});
    await recovery.readOnce(0);
    expect(recovery.carriedOver().carried).toHaveLength(1);
  });

  it('leaves an outbox whose window the group committed: its alerts are on the topic already', async () => {
    const { recovery } = setUp({ 3: windowFrom('40', [alert('a1')]) }, { 3: '41' });
    await recovery.readOnce(3);
    expect(recovery.carriedOver()).toEqual({ carried: [], carriedRequests: [] });
  });

  it('reads each partition once until told to read again (a rebalance, a rebuilt state)', async () => {
    const { recovery, reads } = setUp({ 3: windowFrom('40', [alert('a1')]) }, { 3: '40' });
    await recovery.readOnce(3);
    await recovery.readOnce(3);
    expect(reads).toEqual([3]);
    recovery.judged();
    recovery.readAgain();
    await recovery.readOnce(3);
    expect(reads).toEqual([3, 3]);
    expect(recovery.carriedOver().carried).toHaveLength(1);
  });

  it('hands the carried alerts to one judgement only', async () => {
    const { recovery } = setUp({ 3: windowFrom('40', [alert('a1')]) }, { 3: '40' });
    await recovery.readOnce(3);
    recovery.judged();
    expect(recovery.carriedOver()).toEqual({ carried: [], carriedRequests: [] });
  });

  it('does not carry the window it saw committed, before the group offsets show the commit', async () => {
    // The commit returned, but the broker has not written the markers yet: the group still reads 40.
    const outboxes = { 3: windowFrom('40', [alert('a1')]) };
    const { recovery } = setUp(outboxes, { 3: '40' });
    recovery.closing(new Map([[3, { [TOPIC]: '40' }]]));
    recovery.committed(new Set(['3']));
    recovery.failed(); // a later window fails in that moment: outboxes are read again
    await recovery.readOnce(3);
    expect(recovery.carriedOver().carried).toEqual([]);
  });

  it('remembers only the tasks whose transaction committed', async () => {
    const { recovery } = setUp(
      { 3: windowFrom('40', [alert('a3')]), 4: windowFrom('7', [alert('a4')]) },
      { 3: '40', 4: '7' },
    );
    recovery.closing(
      new Map([
        [3, { [TOPIC]: '40' }],
        [4, { [TOPIC]: '7' }],
      ]),
    );
    recovery.committed(new Set(['3']));
    await recovery.readOnce(3);
    await recovery.readOnce(4);
    expect(recovery.carriedOver().carried).toEqual([{ alert: alert('a4'), partition: 4 }]);
  });

  it('drops what it carried when the window fails, and reads every outbox again', async () => {
    const { recovery, reads } = setUp({ 3: windowFrom('40', [alert('a1')]) }, { 3: '40' });
    await recovery.readOnce(3);
    recovery.failed();
    expect(recovery.carriedOver().carried).toEqual([]);
    await recovery.readOnce(3);
    expect(reads).toEqual([3, 3]);
    expect(recovery.carriedOver().carried).toHaveLength(1);
  });

  it('ignores an empty outbox without asking the group', async () => {
    const { recovery } = setUp({ 3: windowFrom('40', []) }, {});
    await recovery.readOnce(3);
    expect(recovery.carriedOver()).toEqual({ carried: [], carriedRequests: [] });
  });
});
