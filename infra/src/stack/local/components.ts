import { randomBytes } from 'node:crypto';
import type { Connections } from '@waspada/common';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackSettings } from '../stack-config';
import { REPO_ROOT, VERSIONS } from '../stack-config';
import type { ComponentName } from '../stack';
import { kafkaHealthy, redisHealthy, registryHealthy } from '../health';
import { apicurioHome, kafkaClasspath } from './artifacts';
import { findJava, findMaven, findOrInstallRedis } from './preflight';
import { runToCompletion, type ManagedProcess } from './processes';
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
  return [kafkaComponent(settings, access), registryComponent(settings), redisComponent(settings)];
}

function kafkaComponent(settings: StackSettings, { connections, security }: KafkaAccess): LocalComponent {
  const dir = join(settings.WASPADA_STACK_DIR, 'kafka');
  const dataDir = join(dir, 'data');
  const port = settings.WASPADA_KAFKA_PORT;
  const controllerPort = settings.WASPADA_KAFKA_CONTROLLER_PORT;
  const propertiesFile = join(dir, 'server.properties');
  let java = '';
  let classpath = '';
  return {
    name: 'kafka',
    label: `Apache Kafka ${VERSIONS.kafka} (KRaft, single node)`,
    ports: [
      { port, setting: 'WASPADA_KAFKA_PORT', role: 'Kafka broker listener' },
      { port: controllerPort, setting: 'WASPADA_KAFKA_CONTROLLER_PORT', role: 'Kafka controller listener' },
    ],
    endpoint: `127.0.0.1:${port}`,
    process: { pidFile: join(dir, 'kafka.pid'), marker: `-Dwaspada.stack=${propertiesFile}` },
    logFile: join(dir, 'kafka.log'),
    dataDir,
    startTimeoutSeconds: 90,
    stopGraceMs: 20_000,
    prepare(log) {
      java = findJava(VERSIONS.minKafkaJava, `Kafka ${VERSIONS.kafka}`).java;
      classpath = kafkaClasspath(settings.WASPADA_CACHE_DIR, findMaven(), log);
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(propertiesFile, kafkaProperties(port, controllerPort, dataDir, security), {
        mode: 0o600,
      });
      const formatted = existsSync(join(dataDir, 'meta.properties'));
      if (formatted && security) checkScramFormatted(security, dataDir);
      if (!formatted) {
        // KRaft storage is formatted once with a fresh cluster id; the node then remembers it.
        const clusterId = randomBytes(16).toString('base64url');
        runToCompletion(
          java,
          [
            '-cp',
            classpath,
            'kafka.tools.StorageTool',
            'format',
            '--standalone',
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
    healthy: () => kafkaHealthy({ ...connections.kafka, clientId: 'waspada-stack-health' }),
  };
}

/**
 * Single-node KRaft: one process is both controller and broker. Clients use the broker listener
 * only; the controller listener is for the quorum. Internal topics have one replica because there
 * is one node.
 */
function kafkaProperties(
  port: number,
  controllerPort: number,
  dataDir: string,
  security: KafkaSecurityMaterial | undefined,
): string {
  return `${[
    '# Written by waspada-stack on every start; edit infra/src/stack/local/components.ts instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
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
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=6',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=6',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
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

function redisComponent(settings: StackSettings): LocalComponent {
  const dir = join(settings.WASPADA_STACK_DIR, 'redis');
  const dataDir = join(dir, 'data');
  const port = settings.WASPADA_REDIS_PORT;
  const pidFile = join(dir, 'redis.pid');
  const url = `redis://127.0.0.1:${port}`;
  let server = '';
  return {
    name: 'redis',
    label: 'Redis (Debian redis-server)',
    ports: [{ port, setting: 'WASPADA_REDIS_PORT', role: 'Redis' }],
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
          // Person state survives a restart; it can also be rebuilt from Kafka.
          '--appendonly',
          'yes',
          '--appendfsync',
          'everysec',
          '--save',
          '',
        ],
      };
    },
    healthy: () => redisHealthy(url),
  };
}
