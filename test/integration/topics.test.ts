import { applyTopics, PERSON_PARTITIONS, WASPADA_TOPICS, type TopicSpec } from '@waspada/common';
import { openTestKit, uniqueName, type TestKit } from './support/clients';

describe('topic provisioning from declarations in code', () => {
  let kit: TestKit;
  const created: string[] = [];
  beforeAll(async () => {
    kit = await openTestKit();
  });
  afterAll(async () => {
    if (created.length > 0) await kit.admin.deleteTopics(created);
    await kit.close();
  });

  const specs = (): TopicSpec[] => {
    const base = uniqueName('declared');
    return [
      {
        name: `${base}.events`,
        description: 'joined',
        partitions: 3,
        joinedByNik: true,
        cleanupPolicy: 'delete',
        retention: 'forever',
      },
      {
        name: `${base}.table`,
        description: 'table',
        partitions: 1,
        joinedByNik: false,
        cleanupPolicy: 'compact',
        retention: 'forever',
      },
    ];
  };

  it('creates missing topics, and a second run changes nothing', async () => {
    const declared = specs();
    created.push(...declared.map((spec) => spec.name));
    const first = await applyTopics(kit.admin, declared, { replicationFactor: 1 });
    expect(first.created.sort()).toEqual(declared.map((spec) => spec.name).sort());
    const second = await applyTopics(kit.admin, declared, { replicationFactor: 1 });
    expect(second).toEqual({ created: [], reconfigured: [], unchanged: declared.map((spec) => spec.name) });

    const [state] = await kit.admin.describeTopics([declared[1]!.name], ['cleanup.policy', 'retention.ms']);
    expect(state).toMatchObject({
      partitions: 1,
      configs: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
    });
  });

  it('puts a drifted config back to its declaration', async () => {
    const declared = specs();
    created.push(...declared.map((spec) => spec.name));
    await applyTopics(kit.admin, declared, { replicationFactor: 1 });
    await kit.admin.setTopicConfigs(declared[0]!.name, {
      'cleanup.policy': 'delete',
      'retention.ms': '1000',
    });
    const report = await applyTopics(kit.admin, declared, { replicationFactor: 1 });
    expect(report.reconfigured).toEqual([declared[0]!.name]);
    const [state] = await kit.admin.describeTopics([declared[0]!.name], ['retention.ms']);
    expect(state?.configs['retention.ms']).toBe('-1');
  });

  it('refuses to change the partition count of an existing topic', async () => {
    const declared = specs();
    created.push(...declared.map((spec) => spec.name));
    await applyTopics(kit.admin, declared, { replicationFactor: 1 });
    const changed = declared.map((spec) => ({ ...spec, partitions: spec.partitions + 1 }));
    await expect(applyTopics(kit.admin, changed, { replicationFactor: 1 })).rejects.toMatchObject({
      code: 'WSP_TOPIC_MISMATCH',
      message: expect.stringMatching(/has 3 partitions but is declared with 4/),
    });
  });

  it("has Waspada's own topics in place after the stack came up, all person topics co-partitioned", async () => {
    const report = await applyTopics(kit.admin, WASPADA_TOPICS, { replicationFactor: 1 });
    expect(report.created).toEqual([]);
    const joined = WASPADA_TOPICS.filter((spec) => spec.joinedByNik).map((spec) => spec.name);
    const states = await kit.admin.describeTopics(joined, []);
    expect(states.map((state) => state.partitions)).toEqual(joined.map(() => PERSON_PARTITIONS));
  });
});
