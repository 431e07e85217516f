import { TOPICS, type IncomingBatch, type IncomingRecord } from '@waspada/common';
import { ownRecords, REJUDGE_GROUP_HEADER, takesRecord } from '../src/rejudge-source';

const record = (topic: string, offset: number, group?: string): IncomingRecord => ({
  topic,
  partition: 2,
  offset: String(offset),
  key: Buffer.from('3271011506140001'),
  value: Buffer.from('x'),
  headers: group === undefined ? {} : { [REJUDGE_GROUP_HEADER]: Buffer.from(group) },
  timestamp: 0,
});

const batch = (topic: string, records: IncomingRecord[]): IncomingBatch => ({
  topic,
  partition: 2,
  highWatermark: String(records.length),
  records,
});

describe('which re-judge requests a processor takes', () => {
  it("takes its own group's requests and those written before requests named a group", () => {
    expect(takesRecord(record(TOPICS.rejudge, 0, 'live'), 'live')).toBe(true);
    expect(takesRecord(record(TOPICS.rejudge, 0), 'live')).toBe(true);
  });

  it("leaves another group's requests: that group's judgement asked them, and this one asks its own", () => {
    expect(takesRecord(record(TOPICS.rejudge, 0, 'waspada-bench-1'), 'live')).toBe(false);
  });

  it('takes every agency record, whatever its headers', () => {
    expect(takesRecord(record(TOPICS.borderCrossing, 0, 'someone-else'), 'live')).toBe(true);
  });

  it('keeps the order of what it takes and hands an agency batch over untouched', () => {
    const requests = batch(TOPICS.rejudge, [
      record(TOPICS.rejudge, 5, 'old-group'),
      record(TOPICS.rejudge, 6, 'live'),
      record(TOPICS.rejudge, 7),
      record(TOPICS.rejudge, 8, 'old-group'),
    ]);
    expect(ownRecords(requests, 'live').records.map((taken) => taken.offset)).toEqual(['6', '7']);
    const crossings = batch(TOPICS.borderCrossing, [record(TOPICS.borderCrossing, 1)]);
    expect(ownRecords(crossings, 'live')).toBe(crossings);
  });
});
