import { TOPICS } from '@waspada/common';
import { grantsOf, KAFKA_PRINCIPALS } from '../src/security/kafka-acls';

const plan = (principal: string) => {
  const found = KAFKA_PRINCIPALS.find((entry) => entry.principal === principal);
  if (!found) throw new Error(`no plan for ${principal}`);
  return grantsOf(found);
};
const onTopic = (principal: string, topic: string) =>
  plan(principal)
    .filter((grant) => grant.resource === 'topic' && grant.name === topic)
    .map((grant) => grant.operation)
    .sort();

describe('the Kafka ACL plan', () => {
  it('lets each agency producer write its own topic and the rejected topic, and nothing else', () => {
    expect(onTopic('passport-producer', TOPICS.passport)).toEqual(['DESCRIBE', 'WRITE']);
    expect(onTopic('passport-producer', TOPICS.rejected)).toEqual(['DESCRIBE', 'WRITE']);
    expect(onTopic('passport-producer', TOPICS.placement)).toEqual([]);
    expect(onTopic('passport-producer', TOPICS.alerts)).toEqual([]);
    expect(plan('passport-producer').some((grant) => grant.resource === 'group')).toBe(false);
    expect(onTopic('placement-producer', TOPICS.passport)).toEqual([]);
  });

  it('lets the processor read agencies and write alerts, and the notifier only read them', () => {
    expect(onTopic('risk-processor', TOPICS.passport)).toEqual(['DESCRIBE', 'DESCRIBE_CONFIGS', 'READ']);
    expect(onTopic('risk-processor', TOPICS.alerts)).toContain('WRITE');
    expect(onTopic('notifier', TOPICS.alerts)).toEqual(['DESCRIBE', 'DESCRIBE_CONFIGS', 'READ']);
    expect(onTopic('notifier', TOPICS.passport)).toEqual([]);
  });

  it('lets each service write where it sets records aside and read what its commands read', () => {
    // The desk router sets an alert it cannot decode aside on the dead-letter topic.
    expect(onTopic('notifier', TOPICS.deadLetter)).toContain('WRITE');
    // The backtest labels situations with the outcomes of closed cases.
    expect(onTopic('risk-processor', TOPICS.cases)).toContain('READ');
    expect(onTopic('dashboard', TOPICS.cases)).toContain('WRITE');
  });

  it('names each principal once and grants only by literal topic names or Waspada prefixes', () => {
    const names = KAFKA_PRINCIPALS.map((entry) => entry.principal);
    expect(new Set(names).size).toBe(names.length);
    for (const grant of KAFKA_PRINCIPALS.flatMap(grantsOf)) {
      if (grant.pattern === 'prefixed') expect(grant.name).toMatch(/^waspada[.-]/);
      expect(grant.principal).toMatch(/^User:[a-z-]+$/);
    }
  });
});
