import { toDeclaration, validateTopicSpecs, WASPADA_TOPICS, type TopicSpec } from '../../src';

const spec = (name: string, partitions: number, joinedByNik = true): TopicSpec => ({
  name,
  description: name,
  partitions,
  joinedByNik,
  cleanupPolicy: 'delete',
  retention: 'forever',
});

describe('topic declarations', () => {
  it("Waspada's own catalogue is valid and every person topic has the same partition count", () => {
    expect(() => validateTopicSpecs(WASPADA_TOPICS)).not.toThrow();
  });

  it('refuses person topics with different partition counts, since the join would split a person', () => {
    expect(() => validateTopicSpecs([spec('a', 6), spec('b', 12)])).toThrow(
      /topics joined by NIK must have one partition count, found a=6, b=12/,
    );
    expect(() => validateTopicSpecs([spec('a', 6), spec('lookup', 1, false)])).not.toThrow();
  });

  it('refuses a name declared twice or one Kafka cannot hold', () => {
    expect(() => validateTopicSpecs([spec('a', 1), spec('a', 1)])).toThrow(/declared twice/);
    expect(() => validateTopicSpecs([spec('has space', 1)])).toThrow(/characters Kafka does not allow/);
  });

  it('keeps records forever as retention.ms=-1 and asks for min ISR on a replicated cluster', () => {
    expect(toDeclaration(spec('a', 6), { replicationFactor: 1 }).configs).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': '-1',
    });
    expect(toDeclaration(spec('a', 6), { replicationFactor: 3 }).configs['min.insync.replicas']).toBe('2');
  });
});
