import { randomBytes } from 'node:crypto';
import type { Connections } from '@waspada/common';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackSettings } from '../stack-config';
import { kafkaNodePorts, redisNodePort, REPO_ROOT, VERSIONS } from '../stack-config';
import { StackError, type ComponentName } from '../stack';
import { kafkaHealthy, redisHealthy, registryHealthy } from '../health';
import { apicurioHome, kafkaClasspath } from './artifacts';
import { findJava, findMaven, findOrInstallRedis } from './preflight';
import { runToCompletion, type ManagedProcess } from './processes';
import { redisClusterNodeHealthy } from './redis-cluster';
import {
  checkScramFormatted,
  markScramFormatted,
  scramFormatArgs,
  securedListenerProperties,
  type KafkaSecurityMaterial,
} from './kafka-security';

/** How to start, find and check one server of the local stack. */
export interface LocalComponent {
  readonly name: ComponentName;
  readonly label: string;
  readonly ports: readonly { port: number; setting: string; role: string }[];
  readonly endpoint: string;
  readonly process: ManagedProcess;
  readonly logFile: string;
  readonly dataDir: string;
  /** Checks tools and fetches artifacts; throws a StackError that says what to install. */
  prepare(log: (line: string) => void): void;
  /** Command and arguments to start it in the foreground of a detached process. */
  command(): { command: string; args: string[]; env?: NodeJS.ProcessEnv };
  healthy(): Promise<boolean>;
  /** Seconds to wait for health after start. */
  readonly startTimeoutSeconds: number;
  readonly stopGraceMs: number;
}

export interface KafkaAccess {
  /** How the stack's own clients reach the broker (with the admin credential when secured). */
  readonly connections: Connections;
  readonly security: KafkaSecurityMaterial | undefined;
}

export function localComponents(settings: StackSettings, access: KafkaAccess): LocalComponent[] {
  const nodes = Array.from({ length: settings.WASPADA_KAFKA_NODES }, (_, index) => index + 1);
  return [
    ...nodes.map((node) => kafkaComponent(settings, access, node)),
    registryComponent(settings),
    ...Array.from({ length: settings.WASPADA_REDIS_NODES }, (_, index) =>
      redisComponent(settings, index + 1),
    ),
  ];
}

/** Master 1 keeps the single server's name and folder, as Kafka node 1 does. */
export const redisNodeName = (node: number): ComponentName =>
  node === 1 ? 'redis' : (`redis-${node}` as ComponentName);

/** Node 1 keeps the single node's name, so one-node tooling and folders stay as they were. */
export const kafkaNodeName = (node: number): ComponentName =>
  node === 1 ? 'kafka' : (`kafka-${node}` as ComponentName);

function kafkaComponent(
  settings: StackSettings,
  { connections, security }: KafkaAccess,
  node: number,
): LocalComponent {
  const name = kafkaNodeName(node);
  const nodes = settings.WASPADA_KAFKA_NODES;
  const dir = join(settings.WASPADA_STACK_DIR, name);
  const dataDir = join(dir, 'data');
  const { port, controllerPort } = kafkaNodePorts(settings, node);
  const voters = Array.from({ length: nodes }, (_, index) => ({
    node: index + 1,
    controllerPort: kafkaNodePorts(settings, index + 1).controllerPort,
  }));
  const propertiesFile = join(dir, 'server.properties');
  const endpoint = `127.0.0.1:${port}`;
  const shift = node === 1 ? '' : ` + ${2 * (node - 1)}`;
  let java = '';
  let classpath = '';
  return {
    name,
    label:
      nodes === 1
        ? `Apache Kafka ${VERSIONS.kafka} (KRaft, single node)`
        : `Apache Kafka ${VERSIONS.kafka} (KRaft, node ${node} of ${nodes})`,
    ports: [
      { port, setting: `WASPADA_KAFKA_PORT${shift}`, role: `Kafka node ${node} broker listener` },
      {
        port: controllerPort,
        setting: `WASPADA_KAFKA_CONTROLLER_PORT${shift}`,
        role: `Kafka node ${node} controller listener`,
      },
    ],
    endpoint,
    process: { pidFile: join(dir, 'kafka.pid'), marker: `-Dwaspada.stack=${propertiesFile}` },
    logFile: join(dir, 'kafka.log'),
    dataDir,
    startTimeoutSeconds: 90,
    stopGraceMs: 20_000,
    prepare(log) {
      java = findJava(VERSIONS.minKafkaJava, `Kafka ${VERSIONS.kafka}`).java;
      classpath = kafkaClasspath(settings.WASPADA_CACHE_DIR, findMaven(), log);
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(
        propertiesFile,
        kafkaProperties({ node, port, controllerPort, voters, dataDir, security }),
        { mode: 0o600 },
      );
      const formatted = existsSync(join(dataDir, 'meta.properties'));
      if (formatted) checkFormattedFor(dataDir, nodes, name, 'WASPADA_KAFKA_NODES');
      if (formatted && security) checkScramFormatted(security, dataDir);
      if (!formatted) {
        // KRaft storage is formatted once with the cluster's id; the node then remembers it. The
        // nodes of a cluster share one id, kept outside their data so a node that lost its disk
        // joins the same cluster again.
        const clusterId = nodes === 1 ? randomBytes(16).toString('base64url') : sharedClusterId(settings);
        runToCompletion(
          java,
          [
            '-cp',
            classpath,
            'kafka.tools.StorageTool',
            'format',
            // One node is its own quorum; three name theirs in controller.quorum.voters.
            ...(nodes === 1 ? ['--standalone'] : []),
            // One argument: a base64url id may start with "-", which a separate argument would
            // turn into an option.
            `--cluster-id=${clusterId}`,
            '-c',
            propertiesFile,
            ...(security ? scramFormatArgs(security) : []),
          ],
          dir,
        );
        if (security) markScramFormatted(security);
        writeFileSync(join(dataDir, 'waspada-nodes'), String(nodes));
      }
    },
    command() {
      return {
        command: java,
        args: [
          '-Xms256m',
          '-Xmx768m',
          '-XX:+UseG1GC',
          '-Djava.awt.headless=true',
          `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'infra', 'config', 'kafka-log4j2.properties')}`,
          `-Dwaspada.stack=${propertiesFile}`,
          '-cp',
          classpath,
          'kafka.Kafka',
          propertiesFile,
        ],
      };
    },
    // This node answers and knows itself a broker of the cluster (registered with the quorum).
    healthy: () =>
      kafkaHealthy({ ...connections.kafka, brokers: [endpoint], clientId: 'waspada-stack-health' }, node),
  };
}

/** The cluster id the nodes of a three-node stack share, made on the first format. */
function sharedClusterId(settings: StackSettings): string {
  const file = join(settings.WASPADA_STACK_DIR, 'kafka-cluster-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const clusterId = randomBytes(16).toString('base64url');
  mkdirSync(settings.WASPADA_STACK_DIR, { recursive: true });
  writeFileSync(file, clusterId);
  return clusterId;
}

/**
 * Data made for another number of nodes cannot serve this layout: a Kafka node cannot join another
 * quorum, and a single Redis's keys would sit in slots a cluster master does not serve.
 */
function checkFormattedFor(dataDir: string, nodes: number, name: string, setting: string): void {
  const file = join(dataDir, 'waspada-nodes');
  const formattedFor = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 1;
  if (formattedFor !== nodes)
    throw new StackError(
      'WSP_STACK_START_FAILED',
      `${name}'s data was made for a ${formattedFor}-node stack and ${setting} is ${nodes}: run \`npm run stack reset\` (deletes the stack's data) or set ${setting}=${formattedFor}`,
    );
}

/**
 * KRaft, each node both controller and broker. Clients use the broker listeners only; the
 * controller listeners are for the quorum. One node has itself as quorum and internal topics with
 * one replica; three nodes vote among themselves (a majority of two decides) and keep the group
 * offsets and transaction state on all three, so any one node may die.
 */
function kafkaProperties(options: {
  node: number;
  port: number;
  controllerPort: number;
  voters: readonly { node: number; controllerPort: number }[];
  dataDir: string;
  security: KafkaSecurityMaterial | undefined;
}): string {
  const { node, port, controllerPort, voters, dataDir, security } = options;
  const replicas = voters.length;
  const minInSync = replicas > 1 ? replicas - 1 : 1;
  return `${[
    '# Written by waspada-stack on every start; edit infra/src/stack/local/components.ts instead.',
    'process.roles=broker,controller',
    `node.id=${node}`,
    replicas === 1
      ? `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`
      : `controller.quorum.voters=${voters.map((voter) => `${voter.node}@127.0.0.1:${voter.controllerPort}`).join(',')}`,
    ...(security
      ? securedListenerProperties(security, port, controllerPort)
      : [
          `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
          `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
          'controller.listener.names=CONTROLLER',
          'inter.broker.listener.name=PLAINTEXT',
          'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        ]),
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    `offsets.topic.replication.factor=${replicas}`,
    'offsets.topic.num.partitions=6',
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minInSync}`,
    'transaction.state.log.num.partitions=6',
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${minInSync}`,
    // A replica that was away is not made leader over one that has every acknowledged record.
    'unclean.leader.election.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=-1',
    'num.network.threads=2',
    'num.io.threads=4',
  ].join('\n')}\n`;
}

function registryComponent(settings: StackSettings): LocalComponent {
  const dir = join(settings.WASPADA_STACK_DIR, 'registry');
  const dataDir = join(dir, 'data');
  const port = settings.WASPADA_REGISTRY_PORT;
  const managementPort = settings.WASPADA_REGISTRY_MANAGEMENT_PORT;
  const marker = `-Dwaspada.stack=${dir}`;
  let java = '';
  let home = '';
  const url = `http://127.0.0.1:${port}/apis/ccompat/v7`;
  return {
    name: 'registry',
    label: `Apicurio Registry ${VERSIONS.apicurio} (Confluent-compatible API)`,
    ports: [
      { port, setting: 'WASPADA_REGISTRY_PORT', role: 'schema registry HTTP' },
      {
        port: managementPort,
        setting: 'WASPADA_REGISTRY_MANAGEMENT_PORT',
        role: 'schema registry management',
      },
    ],
    endpoint: url,
    process: { pidFile: join(dir, 'registry.pid'), marker },
    logFile: join(dir, 'registry.log'),
    dataDir,
    startTimeoutSeconds: 120,
    stopGraceMs: 15_000,
    prepare(log) {
      java = findJava(VERSIONS.minRegistryJava, `Apicurio Registry ${VERSIONS.apicurio}`, {
        ...(settings.WASPADA_REGISTRY_JAVA_HOME && { preferredHome: settings.WASPADA_REGISTRY_JAVA_HOME }),
      }).java;
      home = apicurioHome(settings.WASPADA_CACHE_DIR, findMaven(), log);
      mkdirSync(dataDir, { recursive: true });
    },
    command() {
      return {
        command: java,
        args: [
          '-Xms128m',
          '-Xmx512m',
          marker,
          `-Dquarkus.http.port=${port}`,
          '-Dquarkus.http.host=127.0.0.1',
          // Health and metrics have their own listener (Quarkus default: port 9000 on every interface).
          `-Dquarkus.management.port=${managementPort}`,
          '-Dquarkus.management.host=127.0.0.1',
          // Schemas must outlive a restart: the records in Kafka carry their ids.
          `-Dapicurio.datasource.url=jdbc:h2:file:${join(dataDir, 'registry')};DB_CLOSE_ON_EXIT=FALSE`,
          '-Dapicurio.datasource.jdbc.initial-size=2',
          '-Dapicurio.datasource.jdbc.min-size=2',
          '-Dapicurio.datasource.jdbc.max-size=20',
          // Confluent-style content ids in the wire format, not Apicurio's legacy global ids.
          '-Dapicurio.ccompat.legacy-id-mode.enabled=false',
          '-Dquarkus.http.access-log.enabled=false',
          '-Dapicurio.storage.snapshot.location=' + dataDir,
          '-jar',
          join(home, 'quarkus-run.jar'),
        ],
      };
    },
    healthy: () => registryHealthy({ url }),
  };
}

function redisComponent(settings: StackSettings, node: number): LocalComponent {
  const name = redisNodeName(node);
  const cluster = settings.WASPADA_REDIS_NODES > 1;
  const dir = join(settings.WASPADA_STACK_DIR, name);
  const dataDir = join(dir, 'data');
  const port = redisNodePort(settings, node);
  const pidFile = join(dir, 'redis.pid');
  const url = `redis://127.0.0.1:${port}`;
  const setting = node === 1 ? 'WASPADA_REDIS_PORT' : `WASPADA_REDIS_PORT - ${node - 1}`;
  let server = '';
  return {
    name,
    label: cluster
      ? `Redis (Debian redis-server, cluster master ${node} of ${settings.WASPADA_REDIS_NODES})`
      : 'Redis (Debian redis-server)',
    ports: [
      { port, setting, role: cluster ? `Redis master ${node}` : 'Redis' },
      // The cluster bus: Redis's fixed offset from the client port.
      ...(cluster ? [{ port: port + 10_000, setting, role: `Redis master ${node} cluster bus` }] : []),
    ],
    endpoint: url,
    // redis-server rewrites its title to "redis-server 127.0.0.1:<port>" and runs in its --dir, so
    // the port and the data folder together identify this stack's Redis.
    process: { pidFile, marker: `127.0.0.1:${port}`, cwd: dataDir },
    logFile: join(dir, 'redis.log'),
    dataDir,
    startTimeoutSeconds: 20,
    stopGraceMs: 10_000,
    prepare(log) {
      server = findOrInstallRedis(log);
      mkdirSync(dataDir, { recursive: true });
      if (readdirSync(dataDir).length > 0)
        checkFormattedFor(dataDir, settings.WASPADA_REDIS_NODES, name, 'WASPADA_REDIS_NODES');
      else writeFileSync(join(dataDir, 'waspada-nodes'), String(settings.WASPADA_REDIS_NODES));
    },
    command() {
      return {
        command: server,
        args: [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dataDir,
          '--daemonize',
          'no',
          '--protected-mode',
          'yes',
          // Person state survives a restart, even a kill: a write is on disk before Redis answers
          // it, as a record is on the in-sync replicas before Kafka acknowledges it. The processor
          // commits a window's Kafka offsets after its Redis writes, so a write lost to a crash
          // would leave a gap in a person's history that no replay fills. Redis fsyncs once per
          // event-loop turn for all the writes it answers in that turn, and the processor
          // pipelines a window's writes, so this costs one fsync per window, not per write.
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
          ...(cluster
            ? [
                '--cluster-enabled',
                'yes',
                // Relative to --dir: the node's identity and the cluster's layout, kept with its data.
                '--cluster-config-file',
                'nodes.conf',
                '--cluster-node-timeout',
                '5000',
                // The other masters go on serving their slots while one is away.
                '--cluster-require-full-coverage',
                'no',
              ]
            : []),
        ],
      };
    },
    healthy: () => (cluster ? redisClusterNodeHealthy(port) : redisHealthy(url)),
  };
}
