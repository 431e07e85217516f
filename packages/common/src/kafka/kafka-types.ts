/**
 * The Kafka client interface every service uses. Only `kafkajs-adapter.ts` knows which client
 * library implements it (KafkaJS today; it is unmaintained upstream, so it must stay swappable).
 */

export type HeaderValue = string | Buffer;

export interface OutgoingRecord {
  readonly topic: string;
  /** The NIK for person events: the key decides the partition, so one person's events stay in order. */
  readonly key: string | Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  /** Event time in epoch milliseconds; the broker's append time is used when absent. */
  readonly timestamp?: number;
}

export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface IncomingRecord extends RecordPosition {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | undefined>>;
  readonly timestamp: number;
}

export interface IncomingBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly IncomingRecord[];
  /** The partition's end offset when fetched: how far behind this batch is. */
  readonly highWatermark: string;
}

export interface BatchControl {
  /** Tells the group coordinator the consumer is alive during long work on one batch. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or lost the partition: stop work on this batch. */
  isActive(): boolean;
  /** Marks a record done; with auto-commit, the next commit covers it. */
  markProcessed(record: RecordPosition): void;
}

export interface KafkaTransaction {
  send(records: readonly OutgoingRecord[]): Promise<void>;
  /** Commits consumed offsets inside the transaction: output and progress land together or not at all. */
  sendOffsets(consumerGroupId: string, positions: readonly RecordPosition[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface KafkaProducer {
  connect(): Promise<void>;
  /** Sends a batch with acks from all in-sync replicas; resolves once every record is acknowledged. */
  send(records: readonly OutgoingRecord[]): Promise<void>;
  /** Only for producers created with a transactional id. */
  transaction(): Promise<KafkaTransaction>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  readonly groupId: string;
  /** Read only committed transactional records (the default) or everything. */
  readonly isolation?: 'read_committed' | 'read_uncommitted';
  /** Commit processed offsets automatically; turn off when offsets are committed in a transaction. */
  readonly autoCommit?: boolean;
  readonly sessionTimeoutMs?: number;
  readonly maxBytesPerPartition?: number;
  /**
   * Give each member the same partition numbers of every subscribed topic, as a join of
   * co-partitioned topics needs: partition 3 of every NIK-keyed topic holds the same people.
   */
  readonly coPartitioned?: boolean;
  /**
   * Hand a fetch's batches to the handler at once, up to this many at a time, rather than one after
   * another (KafkaJS's partitionsConsumedConcurrently; 1 by default). Batches of one
   * topic-partition still come one at a time, in order.
   */
  readonly batchesAtOnce?: number;
}

export interface KafkaConsumer {
  connect(): Promise<void>;
  subscribe(topics: readonly string[], options?: { fromBeginning?: boolean }): Promise<void>;
  /**
   * Starts the fetch loop; resolves once it runs, the handler is called for every batch. When the
   * handler returns, the whole batch counts as processed, unless it stopped early because
   * isActive() turned false: then only what it marked with markProcessed does. A handler that
   * throws gets the unmarked records again.
   */
  run(handler: (batch: IncomingBatch, control: BatchControl) => Promise<void>): Promise<void>;
  /** Partitions this member owns now, for health output and tests of rebalancing. */
  assignment(): readonly { topic: string; partition: number }[];
  onRebalance(listener: (assigned: readonly { topic: string; partition: number }[]) => void): void;
  /**
   * The fetch loop failed. It starts again by itself (at once for an error the client calls
   * retriable, five seconds later for any other, an authorization refused say) until the consumer
   * is disconnected; this tells why it failed. `restarting` is false only during a disconnect.
   */
  onCrash(listener: (error: Error, detail: { restarting: boolean }) => void): void;
  /**
   * After each fetch of a topic-partition has been handled: the offset the next fetch starts from.
   * It counts what a read_committed consumer never hands over (transaction markers, aborted
   * records), so it is how a reader knows it has reached an end offset taken with topicOffsets,
   * which for such a topic lies past its last readable record. Fired also for a fetch that held
   * nothing else, never for one whose handler threw.
   */
  onFetched(listener: (fetched: { topic: string; partition: number; next: bigint }) => void): void;
  commit(positions: readonly RecordPosition[]): Promise<void>;
  seek(position: RecordPosition): void;
  /** Stops fetching these topic-partitions until resumed; records not yet handed over come again. */
  pause(partitions: readonly { topic: string; partition: number }[]): void;
  resume(partitions: readonly { topic: string; partition: number }[]): void;
  disconnect(): Promise<void>;
}

export interface TopicDeclaration {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string>>;
}

export interface TopicState {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The node leading each partition, by partition number (-1 while none does). */
  readonly leaders: readonly number[];
  /** Values of the configs that were asked for. */
  readonly configs: Readonly<Record<string, string | undefined>>;
}

export interface ClusterInfo {
  readonly clusterId: string;
  readonly controllerId: number | null;
  readonly brokers: readonly { nodeId: number; host: string; port: number }[];
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  describeCluster(): Promise<ClusterInfo>;
  listTopics(): Promise<string[]>;
  describeTopics(names: readonly string[], configKeys: readonly string[]): Promise<TopicState[]>;
  createTopics(topics: readonly TopicDeclaration[]): Promise<void>;
  increasePartitions(name: string, total: number): Promise<void>;
  /** Sets the topic's dynamic configs to exactly these values (others return to broker defaults). */
  setTopicConfigs(name: string, configs: Readonly<Record<string, string>>): Promise<void>;
  deleteTopics(names: readonly string[]): Promise<void>;
  /** First and next offsets per partition: what a replay reads, and where the end is now. */
  topicOffsets(topic: string): Promise<{ partition: number; low: string; high: string }[]>;
  /**
   * Per partition, the first offset whose record timestamp is at or after the time (the end offset
   * when none is): where a reader that wants the last hours starts.
   */
  offsetsForTime(topic: string, timestamp: number): Promise<{ partition: number; offset: string }[]>;
  /** Committed offsets of a group per partition, for lag and exactly-once checks. */
  groupOffsets(groupId: string, topic: string): Promise<{ partition: number; offset: string }[]>;
  /**
   * Sets a group's committed offsets (the next record to read) of these partitions. The broker
   * refuses while the group has members.
   */
  setGroupOffsets(
    groupId: string,
    topic: string,
    offsets: readonly { partition: number; offset: string }[],
  ): Promise<void>;
  /** Ids of every consumer group the brokers know, whatever its state. */
  listGroups(): Promise<string[]>;
  /**
   * A group's committed offsets on every topic it committed to, without naming the topics first:
   * for lag across all groups. Offset -1 means nothing committed on that partition.
   */
  groupOffsetsAllTopics(groupId: string): Promise<{ topic: string; partition: number; offset: string }[]>;
  /** State (Stable, Empty, Dead, ...) and member count of each group: who is reading now. */
  describeGroups(groupIds: readonly string[]): Promise<{ groupId: string; state: string; members: number }[]>;
  /** Grants these permissions (the broker must run an authorizer; granting twice changes nothing). */
  createAcls(acls: readonly AclGrant[]): Promise<void>;
  disconnect(): Promise<void>;
}

export type AclOperation =
  'READ' | 'WRITE' | 'CREATE' | 'DESCRIBE' | 'DESCRIBE_CONFIGS' | 'ALTER_CONFIGS' | 'IDEMPOTENT_WRITE';

/** One permission for one principal: on a topic, group or transactional id, by name or prefix. */
export interface AclGrant {
  readonly principal: string;
  readonly resource: 'topic' | 'group' | 'transactional-id' | 'cluster';
  readonly name: string;
  readonly pattern: 'literal' | 'prefixed';
  readonly operation: AclOperation;
}

export interface ProducerOptions {
  /** Set for exactly-once pipelines; one id per producer instance that survives restarts. */
  readonly transactionalId?: string;
}

export interface KafkaClient {
  producer(options?: ProducerOptions): KafkaProducer;
  consumer(options: ConsumerOptions): KafkaConsumer;
  admin(): KafkaAdmin;
}
