import { TOPICS, deliveryDeadLetterTopic } from '@waspada/common';
import { topicKind, watchedTopics } from '../src/topic-catalog';

describe('topicKind', () => {
  it('tells refused and dead-lettered records from the streams', () => {
    expect(topicKind(TOPICS.rejected)).toBe('rejected');
    expect(topicKind(TOPICS.deadLetter)).toBe('dead-letter');
    expect(topicKind(deliveryDeadLetterTopic('kp2mi'))).toBe('delivery-dead-letter');
    expect(topicKind(TOPICS.alerts)).toBe('stream');
  });
});

describe('watchedTopics', () => {
  it("polls the declared topics and any other topic of Waspada's, not test or broker topics", () => {
    const existing = [
      TOPICS.alerts,
      TOPICS.passport,
      'waspada.delivery.polri.dead-letter.v1',
      'test-1234',
      '__consumer_offsets',
    ];
    const { present, missing } = watchedTopics(existing);
    expect(present).toEqual([TOPICS.passport, 'waspada.delivery.polri.dead-letter.v1', TOPICS.alerts].sort());
    expect(missing).toContain(TOPICS.deskAlerts);
    expect(missing).not.toContain(TOPICS.alerts);
  });
});
