import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  AssignerProtocol,
  CompressionTypes,
  ConfigResourceTypes,
  Kafka,
  Partitioners,
  ResourcePatternTypes,
  logLevel as KafkaLogLevel,
  type Admin,
  type Consumer,
  type IHeaders,
  type KafkaConfig,
  type LogEntry,
  type Message,
  type PartitionAssigner,
  type Producer,
  type ICustomPartitioner,
  type RecordMetadata,
  type TopicMessages,
} from 'kafkajs';
import type { KafkaConnection } from '../config/connection-config';
import { WaspadaError } from '../errors';
import type { Logger } from '../logging/logger';
import { retryWhileConcurrent } from './concurrent-transactions';
import { cacheCoordinatorLookups } from './coordinator-cache';
import type {
  BatchControl,
  ConsumerOptions,
  IncomingBatch,
  KafkaAdmin,
  KafkaClient,
  KafkaConsumer,
  KafkaProducer,
  KafkaTransaction,
  OutgoingRecord,
  ProducerOptions,
  RecordPosition,
  TopicDeclaration,
} from './kafka-types';

/** The one place that knows KafkaJS. Everything else talks to the interfaces in kafka-types.ts. */
export function createKafkaClient(
  connection: KafkaConnection,
  logger: Logger,
  tuning: KafkaClientTuning = {},
): KafkaClient {
  cacheCoordinatorLookups();
  const kafka = new Kafka(toKafkaJsConfig(connection, logger, tuning));
  return {
    producer: (options) => wrapProducer(kafka, options ?? {}),
    consumer: (options) => wrapConsumer(kafka, options),
    admin: () => wrapAdmin(kafka.admin(), connection),
  };
}

/** Health probes want one quick answer; services want retries that ride out a broker restart. */
export interface KafkaClientTuning {
  readonly retries?: number;
  readonly connectionTimeoutMs?: number;
}

function toKafkaJsConfig(
  connection: KafkaConnection,
  logger: Logger,
  tuning: KafkaClientTuning,
): KafkaConfig {
  const log = logger.child({ component: 'kafka' });
  return {
    clientId: connection.clientId,
    brokers: [...connection.brokers],
    connectionTimeout: tuning.connectionTimeoutMs ?? 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: tuning.retries ?? 8 },
    ...(connection.ssl && { ssl: { ...connection.ssl } }),
    ...(connection.sasl && { sasl: { ...connection.sasl } as KafkaConfig['sasl'] }),
    logLevel: KafkaLogLevel.INFO,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const fields = { kafkaLogger: entry.namespace, ...extra };
      const level = kafkaJsLevel(entry);
      if (level === 'error') log.error(fields, message);
      else if (level === 'warn') log.warn(fields, message);
      else log.debug(fields, message);
    },
  };
}

/**
 * KafkaJS narrates joins at INFO and logs every retriable broker answer (coordinator loading, group
 * rebalancing) at ERROR from its connection layer, before retrying by itself. Those belong at debug;
 * a failure that survives the retries reaches the caller as an exception and is logged there.
 */
function kafkaJsLevel(entry: LogEntry): 'error' | 'warn' | 'debug' {
  if (entry.namespace === 'Connection') return 'debug';
  if (entry.log.message.startsWith('Limiting retries for the idempotent producer')) return 'debug';
  if (entry.log.message.includes('rebalancing')) return 'debug';
  // An attempt KafkaJS is about to retry; the last one, if it fails, reaches the caller.
  if ('retryCount' in entry.log) return 'debug';
  if (entry.level === KafkaLogLevel.ERROR) return 'error';
  if (entry.level === KafkaLogLevel.WARN) return 'warn';
  return 'debug';
}

function toTopicMessages(records: readonly OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (!messages) byTopic.set(record.topic, (messages = []));
    messages.push({
      key: record.key,
      value: record.value,
      ...(record.headers && { headers: { ...record.headers } }),
      ...(record.timestamp !== undefined && { timestamp: String(record.timestamp) }),
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Kafka commits the offset of the next record to read, one past the last one processed. */
function toCommitOffsets(positions: readonly RecordPosition[]) {
  const next = new Map<string, { topic: string; partition: number; offset: string }>();
  for (const position of positions) {
    const key = `${position.topic}:${position.partition}`;
    const offset = (BigInt(position.offset) + 1n).toString();
    const current = next.get(key);
    if (!current || BigInt(current.offset) < BigInt(offset)) {
      next.set(key, { topic: position.topic, partition: position.partition, offset });
    }
  }
  return [...next.values()];
}

/** The partition KafkaJS chose for each message object it was given to send. */
const chosenPartitions = new WeakMap<Message, number>();

/**
 * The Java client's murmur2 partitioner (every producer, in any language, puts a NIK on the same
 * partition, which is what co-partitioned joins rely on), noting what it chose for each message.
 */
const recordingPartitioner: ICustomPartitioner = () => {
  const choose = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = choose(args);
    chosenPartitions.set(args.message, partition);
    return partition;
  };
};

/** How often the records of partitions a send left unwritten are sent again before it fails. */
const MAX_PARTITION_RESENDS = 5;

/**
 * Sends until every partition the records went to has answered. KafkaJS 2.2.4 can resolve a send
 * without writing some of its records: when a partition's leader dies during the send, the retry
 * finds the new leader among the brokers that already answered for other partitions and skips it
 * (sendMessages.js keeps one answer per broker), so the records of that partition are neither
 * written nor reported. On a three-node cluster a producer lost acknowledged records this way each
 * time a leader was killed. The records of partitions missing from the answer are sent again: the
 * idempotent producer gives them the same sequence numbers, so a record the dead leader did write
 * is not written twice.
 */
export async function sendEveryPartition(
  send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>,
  topicMessages: TopicMessages[],
  partitionOf: (message: Message) => number | undefined = (message) => chosenPartitions.get(message),
): Promise<void> {
  let pending = topicMessages;
  for (let resend = 0; ; resend += 1) {
    const answered = new Set(
      (await send(pending))
        .filter((entry) => entry.errorCode === 0)
        .map((entry) => `${entry.topicName}:${entry.partition}`),
    );
    pending = pending
      .map(({ topic, messages }) => ({
        topic,
        messages: messages.filter((message) => !answered.has(`${topic}:${partitionOf(message)}`)),
      }))
      .filter(({ messages }) => messages.length > 0);
    if (pending.length === 0) return;
    if (resend === MAX_PARTITION_RESENDS) {
      const unwritten = pending
        .map(({ topic, messages }) => `${topic}: ${messages.length} records`)
        .join(', ');
      throw new WaspadaError(
        'WSP_KAFKA_UNREACHABLE',
        `Kafka did not confirm every partition of a send after ${MAX_PARTITION_RESENDS} more tries (${unwritten}): a partition leader is changing; send again`,
      );
    }
  }
}

function wrapProducer(kafka: Kafka, options: ProducerOptions): KafkaProducer {
  const producer: Producer = kafka.producer({
    createPartitioner: recordingPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    ...(options.transactionalId && { transactionalId: options.transactionalId, transactionTimeout: 60_000 }),
  });
  return {
    connect: () => producer.connect(),
    async send(records) {
      if (records.length === 0) return;
      await sendEveryPartition(
        (topicMessages) =>
          producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None }),
        toTopicMessages(records),
      );
    },
    async transaction(): Promise<KafkaTransaction> {
      if (!options.transactionalId)
        throw new Error('transaction() needs a producer created with a transactionalId');
      const transaction = await producer.transaction();
      return {
        async send(records) {
          if (records.length > 0)
            await sendEveryPartition(
              (topicMessages) => transaction.sendBatch({ topicMessages, acks: -1 }),
              toTopicMessages(records),
            );
        },
        async sendOffsets(consumerGroupId, positions) {
          const byTopic = new Map<string, { partition: number; offset: string }[]>();
          for (const { topic, partition, offset } of toCommitOffsets(positions)) {
            byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset }]);
          }
          const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
          await retryWhileConcurrent(() => transaction.sendOffsets({ consumerGroupId, topics }));
        },
        commit: () => transaction.commit(),
        abort: () => transaction.abort(),
      };
    },
    disconnect: () => producer.disconnect(),
  };
}

function wrapConsumer(kafka: Kafka, options: ConsumerOptions): KafkaConsumer {
  let closing = false;
  const consumer: Consumer = kafka.consumer({
    // KafkaJS decides to restart a crashed consumer after its own clean-up; a disconnect made
    // during that clean-up (a service shutting down while the broker is away) would otherwise be
    // followed by a restart nobody stops, a member that lives on after close.
    retry: { retries: 5, restartOnFailure: () => Promise.resolve(!closing) },
    groupId: options.groupId,
    readUncommitted: options.isolation === 'read_uncommitted',
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
    ...(options.maxBytesPerPartition && { maxBytesPerPartition: options.maxBytesPerPartition }),
    ...(options.coPartitioned && { partitionAssigners: [coPartitionedAssigner] }),
  });
  let assigned: { topic: string; partition: number }[] = [];
  const listeners: ((assigned: readonly { topic: string; partition: number }[]) => void)[] = [];
  const crashListeners: ((error: Error, detail: { restarting: boolean }) => void)[] = [];
  const fetchedListeners: ((fetched: { topic: string; partition: number; next: bigint }) => void)[] = [];
  let running: Parameters<Consumer['run']>[0] | undefined;
  /**
   * KafkaJS restarts a crashed consumer only when the error's original cause says it is retriable.
   * One it takes for final (seen: a connection closed while a node of a three-node cluster died)
   * left the processor up, reporting ready and reading nothing. Whatever the error, the consumer is
   * started again here unless it is being closed: it rejoins its group from the committed offsets,
   * which is always safe.
   */
  const startAgain = (): void => {
    setTimeout(() => {
      if (closing || !running) return;
      const config = running;
      consumer
        .connect()
        .then(() => consumer.run(config))
        .catch(() => startAgain());
    }, 5_000).unref();
  };
  consumer.on(consumer.events.CRASH, (event) => {
    const { error, restart } = event.payload as { error: Error; restart: boolean };
    const restarting = restart || (!closing && running !== undefined);
    if (!restart && restarting) startAgain();
    for (const listener of crashListeners) listener(error, { restarting });
  });
  // KafkaJS reports a batch's last offset, markers and aborted records included, when it is done
  // with the batch; a batch of nothing else never reaches the handler but is reported here too.
  consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
    const { topic, partition, lastOffset } = event.payload;
    const fetched = { topic, partition, next: BigInt(lastOffset) + 1n };
    for (const listener of fetchedListeners) listener(fetched);
  });
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    assigned = Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    for (const listener of listeners) listener(assigned);
  });
  return {
    connect: () => consumer.connect(),
    async subscribe(topics, subscribeOptions) {
      await consumer.subscribe({
        topics: [...topics],
        fromBeginning: subscribeOptions?.fromBeginning ?? false,
      });
    },
    async run(handler) {
      running = {
        autoCommit: options.autoCommit ?? true,
        // Resolved here, not by KafkaJS: a handler that stops early must not have its unprocessed
        // records committed.
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.batchesAtOnce ?? 1,
        eachBatch: async (payload) => {
          const { batch } = payload;
          const incoming: IncomingBatch = {
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            records: batch.messages.map((message) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
              key: message.key,
              value: message.value,
              headers: flattenHeaders(message.headers),
              timestamp: Number(message.timestamp),
            })),
          };
          const control: BatchControl = {
            heartbeat: () => payload.heartbeat(),
            isActive: () => payload.isRunning() && !payload.isStale(),
            markProcessed: (record) => payload.resolveOffset(record.offset),
          };
          await handler(incoming, control);
          const last = incoming.records[incoming.records.length - 1];
          if (last && control.isActive()) payload.resolveOffset(last.offset);
        },
      };
      await consumer.run(running);
    },
    assignment: () => assigned,
    onRebalance: (listener) => {
      listeners.push(listener);
    },
    onCrash: (listener) => {
      crashListeners.push(listener);
    },
    onFetched: (listener) => {
      fetchedListeners.push(listener);
    },
    commit: (positions) => consumer.commitOffsets(toCommitOffsets(positions)),
    seek: (position) =>
      consumer.seek({ topic: position.topic, partition: position.partition, offset: position.offset }),
    pause: (partitions) => {
      if (partitions.length > 0) consumer.pause(byTopic(partitions));
    },
    resume: (partitions) => {
      if (partitions.length > 0) consumer.resume(byTopic(partitions));
    },
    disconnect: () => {
      closing = true;
      return consumer.disconnect();
    },
  };
}

function byTopic(partitions: readonly { topic: string; partition: number }[]) {
  const topics = new Map<string, number[]>();
  for (const { topic, partition } of partitions) topics.set(topic, [...(topics.get(topic) ?? []), partition]);
  return [...topics].map(([topic, numbers]) => ({ topic, partitions: numbers }));
}

const CO_PARTITIONED = 'WaspadaCoPartitioned';

/**
 * Hands out partition numbers, not topic-partitions: the member that gets partition p gets it on
 * every subscribed topic, so one member sees all of a person's events (KafkaJS's default
 * round-robin would split them). Members are sorted so every leader computes the same plan.
 */
const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED,
  version: 1,
  assign({ members, topics }) {
    const memberIds = members.map((member) => member.memberId).sort();
    const plan = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
    for (const topic of [...topics].sort()) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owner = plan.get(memberIds[partitionId % memberIds.length] ?? '');
        if (owner) (owner[topic] ??= []).push(partitionId);
      }
    }
    return Promise.resolve(
      memberIds.map((memberId) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: plan.get(memberId) ?? {},
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name: CO_PARTITIONED,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    };
  },
});

function flattenHeaders(headers: IHeaders | undefined): Record<string, Buffer | undefined> {
  const out: Record<string, Buffer | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = first === undefined ? undefined : Buffer.isBuffer(first) ? first : Buffer.from(first);
  }
  return out;
}

const ACL_RESOURCES = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  'transactional-id': AclResourceTypes.TRANSACTIONAL_ID,
  cluster: AclResourceTypes.CLUSTER,
} as const;

function wrapAdmin(admin: Admin, connection: KafkaConnection): KafkaAdmin {
  return {
    async connect() {
      try {
        await admin.connect();
      } catch (error) {
        throw new WaspadaError(
          'WSP_KAFKA_UNREACHABLE',
          `no Kafka broker answered at ${connection.brokers.join(', ')}: start the stack (npm run stack up) or fix KAFKA_BROKERS`,
          { cause: error },
        );
      }
    },
    async describeCluster() {
      const cluster = await admin.describeCluster();
      return { clusterId: cluster.clusterId, controllerId: cluster.controller, brokers: cluster.brokers };
    },
    listTopics: () => admin.listTopics(),
    async describeTopics(names, configKeys) {
      if (names.length === 0) return [];
      const metadata = await admin.fetchTopicMetadata({ topics: [...names] });
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: [...configKeys],
        })),
      });
      return metadata.topics.map((topic) => {
        const resource = configs.resources.find((entry) => entry.resourceName === topic.name);
        const values: Record<string, string | undefined> = {};
        for (const key of configKeys) {
          values[key] = resource?.configEntries.find((entry) => entry.configName === key)?.configValue;
        }
        return {
          name: topic.name,
          partitions: topic.partitions.length,
          replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
          leaders: [...topic.partitions]
            .sort((a, b) => a.partitionId - b.partitionId)
            .map((partition) => partition.leader),
          configs: values,
        };
      });
    },
    async createTopics(topics: readonly TopicDeclaration[]) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          replicationFactor: topic.replicationFactor,
          configEntries: Object.entries(topic.configs).map(([name, value]) => ({ name, value })),
        })),
      });
    },
    async createAcls(acls) {
      if (acls.length === 0) return;
      await admin.createAcls({
        acl: acls.map((grant) => ({
          resourceType: ACL_RESOURCES[grant.resource],
          resourceName: grant.resource === 'cluster' ? 'kafka-cluster' : grant.name,
          resourcePatternType:
            grant.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
          principal: grant.principal,
          host: '*',
          operation: AclOperationTypes[grant.operation],
          permissionType: AclPermissionTypes.ALLOW,
        })),
      });
    },
    async increasePartitions(name, total) {
      await admin.createPartitions({ topicPartitions: [{ topic: name, count: total }] });
    },
    async setTopicConfigs(name, configs) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name,
            configEntries: Object.entries(configs).map(([configName, value]) => ({
              name: configName,
              value,
            })),
          },
        ],
      });
    },
    deleteTopics: (names) => admin.deleteTopics({ topics: [...names] }),
    async topicOffsets(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map(({ partition, low, high }) => ({ partition, low, high }));
    },
    async offsetsForTime(topic, timestamp) {
      const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
      return offsets.map(({ partition, offset }) => ({ partition, offset }));
    },
    async groupOffsets(groupId, topic) {
      const result = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (result[0]?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset }));
    },
    async setGroupOffsets(groupId, topic, offsets) {
      await admin.setOffsets({ groupId, topic, partitions: offsets.map((entry) => ({ ...entry })) });
    },
    async listGroups() {
      const { groups } = await admin.listGroups();
      return groups.map((group) => group.groupId);
    },
    async groupOffsetsAllTopics(groupId) {
      // No topics named: OffsetFetch (v2+) with a null topic list answers for every committed topic.
      const result = await admin.fetchOffsets({ groupId });
      return result.flatMap(({ topic, partitions }) =>
        partitions.map(({ partition, offset }) => ({ topic, partition, offset })),
      );
    },
    async describeGroups(groupIds) {
      if (groupIds.length === 0) return [];
      const { groups } = await admin.describeGroups([...groupIds]);
      return groups.map((group) => ({
        groupId: group.groupId,
        state: group.state,
        members: group.members.length,
      }));
    },
    disconnect: () => admin.disconnect(),
  };
}
