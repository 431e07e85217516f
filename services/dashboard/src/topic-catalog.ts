import { DELIVERY_TOPIC_PREFIX, TOPIC_NAMESPACE, TOPICS } from '@waspada/common';

export type TopicKind = 'stream' | 'rejected' | 'dead-letter' | 'delivery-dead-letter';

/** Each webhook subscriber's dead-letter topic (see deliveryDeadLetterTopic in @waspada/common). */
const OWN_PREFIX = TOPIC_NAMESPACE === '' ? 'waspada.' : `${TOPIC_NAMESPACE}.waspada.`;

/** Records that did not make it: what a producer refused, and what a processor or a webhook gave up on. */
export function topicKind(topic: string): TopicKind {
  if (topic === TOPICS.rejected) return 'rejected';
  if (topic === TOPICS.deadLetter) return 'dead-letter';
  if (topic.startsWith(DELIVERY_TOPIC_PREFIX) && topic.endsWith('.dead-letter.v1'))
    return 'delivery-dead-letter';
  return 'stream';
}

/**
 * The topics to poll: every declared topic, and any other topic of Waspada's (the subscribers'
 * dead-letter topics appear when a subscriber is added). Test topics and the broker's own are not
 * Waspada's. Declared topics that do not exist yet are listed apart, so the page can say so.
 */
export function watchedTopics(existing: readonly string[]): { present: string[]; missing: string[] } {
  const declared: string[] = Object.values(TOPICS);
  const exists = new Set(existing);
  const present = new Set([
    ...declared.filter((topic) => exists.has(topic)),
    ...existing.filter((topic) => topic.startsWith(OWN_PREFIX)),
  ]);
  return {
    present: [...present].sort(),
    missing: declared.filter((topic) => !exists.has(topic)).sort(),
  };
}
