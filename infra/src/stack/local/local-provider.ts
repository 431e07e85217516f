import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  kafkaNodePorts,
  localConnections,
  redisNodePort,
  REPO_ROOT,
  topicReplicationFactor,
  VERSIONS,
  type StackSettings,
} from '../stack-config';
import { StackError, type ComponentName, type ComponentStatus, type StackProvider } from '../stack';
import { waitUntil } from '../health';
import type { Connections } from '@waspada/common';
import { kafkaNodeName, localComponents, type LocalComponent } from './components';
import { kafkaClasspath } from './artifacts';
import { findJava, findMaven } from './preflight';
import { ensureKafkaSecurity, KAFKA_ADMIN_USER, kafkaClientEnv } from './kafka-security';
import { formRedisCluster } from './redis-cluster';
import { alive, portFree, runningPid, sleep, spawnDetached, stopProcess, tail } from './processes';

const execFileAsync = promisify(execFile);

/**
 * The stack as local processes: Kafka and Apicurio from Maven Central on the machine's Java, Redis
 * from Debian. Each has its own ports and data folder under the stack folder, so it never touches
 * another Redis or Kafka on the machine.
 */
export interface LocalStackProvider extends StackProvider {
  /**
   * Stops one server and leaves the others running, for fault tests. With `dropData` its data folder
   * is deleted too, as a server that comes back empty (a lost disk, Redis without persistence);
   * with `kill` it gets SIGKILL at once, as a machine that lost power (no clean shutdown).
   */
  stopComponent(name: ComponentName, options?: { dropData?: boolean; kill?: boolean }): Promise<void>;
  /** Starts one stopped server again and waits for it to be healthy. */
  startComponent(name: ComponentName): Promise<void>;
  /** The Kafka node that leads the KRaft quorum now (the active controller), as the quorum says. */
  kafkaQuorumLeader(): Promise<ComponentName>;
}

export function createLocalProvider(
  settings: StackSettings,
  log: (line: string) => void,
): LocalStackProvider {
  checkLayout(settings);
  const security =
    settings.WASPADA_KAFKA_SECURITY === 'sasl-ssl'
      ? ensureKafkaSecurity(join(settings.WASPADA_STACK_DIR, 'kafka'))
      : undefined;
  const redisPorts = Array.from({ length: settings.WASPADA_REDIS_NODES }, (_, index) =>
    redisNodePort(settings, index + 1),
  );
  const plain = localConnections(
    Array.from(
      { length: settings.WASPADA_KAFKA_NODES },
      (_, index) => kafkaNodePorts(settings, index + 1).port,
    ),
    settings.WASPADA_REGISTRY_PORT,
    redisPorts,
  );
  // The stack's own clients (health, provisioning, the tests' admin) use the admin user.
  const connections: Connections = security
    ? {
        ...plain,
        kafka: {
          ...plain.kafka,
          ssl: { ca: readFileSync(security.caFile, 'utf8'), rejectUnauthorized: true },
          sasl: {
            mechanism: 'scram-sha-512',
            username: KAFKA_ADMIN_USER,
            password: security.password(KAFKA_ADMIN_USER),
          },
        },
      }
    : plain;
  const components = localComponents(settings, { connections, security });
  const lockDir = join(settings.WASPADA_STACK_DIR, 'lock');

  /** Every port is checked before anything starts, so a taken port leaves nothing half-started. */
  async function checkPorts(toStart: readonly LocalComponent[]): Promise<void> {
    for (const component of toStart) {
      for (const { port, setting, role } of component.ports) {
        if (!(await portFree(port))) {
          throw new StackError(
            'WSP_STACK_PORT_TAKEN',
            `port ${port} (${role}) is already in use by another process, so ${component.label} cannot start. ` +
              `Stop that process, or move this stack with ${setting}=<free port>.`,
          );
        }
      }
    }
  }

  async function startOne(component: LocalComponent): Promise<void> {
    const { command, args, env } = component.command();
    const pid = spawnDetached(component.process, command, args, {
      logFile: component.logFile,
      cwd: join(settings.WASPADA_STACK_DIR, component.name),
      ...(env && { env }),
    });
    const result = await waitUntil(() => component.healthy(), {
      timeoutMs: component.startTimeoutSeconds * 1000,
      abort: () => (alive(pid) ? undefined : 'the process exited'),
    });
    if (!result.ok) {
      await stopProcess(component.process, 2_000).catch(() => undefined);
      throw new StackError(
        'WSP_STACK_START_FAILED',
        `${component.label} did not come up: ${result.reason}. Last lines of ${component.logFile}:\n${tail(component.logFile, 25)}`,
      );
    }
  }

  function component(name: ComponentName): LocalComponent {
    const found = components.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`the local stack has no component ${name}`);
    return found;
  }

  return {
    kind: 'local',
    connections,
    ...(security && { kafkaClientEnv: (principal: string) => kafkaClientEnv(security, principal) }),
    async kafkaQuorumLeader() {
      const java = findJava(VERSIONS.minKafkaJava, `Kafka ${VERSIONS.kafka}`).java;
      const classpath = kafkaClasspath(settings.WASPADA_CACHE_DIR, findMaven(), log);
      const { stdout } = await execFileAsync(
        java,
        [
          '-cp',
          classpath,
          `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'infra', 'config', 'kafka-log4j2.properties')}`,
          'org.apache.kafka.tools.MetadataQuorumCommand',
          '--bootstrap-server',
          plain.kafka.brokers.join(','),
          'describe',
          '--status',
        ],
        { timeout: 60_000 },
      );
      const leader = /LeaderId:\s+(\d+)/.exec(stdout)?.[1];
      if (leader === undefined) throw new Error(`the KRaft quorum named no leader:\n${stdout}`);
      return kafkaNodeName(Number(leader));
    },
    async stopComponent(name, options) {
      const target = component(name);
      await withLock(lockDir, async () => {
        await stopProcess(target.process, options?.kill ? 0 : target.stopGraceMs, options?.kill);
        if (options?.dropData) rmSync(target.dataDir, { recursive: true, force: true });
      });
    },
    async startComponent(name) {
      const target = component(name);
      await withLock(lockDir, async () => {
        if (runningPid(target.process) !== undefined && (await target.healthy())) return;
        await stopProcess(target.process, target.stopGraceMs);
        await checkPorts([target]);
        target.prepare(log);
        await startOne(target);
      });
    },
    async up() {
      const started: ComponentName[] = [];
      const alreadyRunning: ComponentName[] = [];
      const begin = Date.now();
      await withLock(lockDir, async () => {
        const toStart: LocalComponent[] = [];
        for (const component of components) {
          const pid = runningPid(component.process);
          if (pid !== undefined && (await component.healthy())) alreadyRunning.push(component.name);
          else {
            // A stale pid file or a hung process from an earlier run is cleared before a fresh start.
            await stopProcess(component.process, component.stopGraceMs);
            toStart.push(component);
          }
        }
        await checkPorts(toStart);
        // Tools and artifacts for every server first: a missing JDK or a failed download must stop
        // the run before anything is spawned.
        for (const component of toStart) component.prepare(log);
        // Start in parallel: the JVMs take seconds each, and these are independent servers.
        const results = await Promise.allSettled(toStart.map((component) => startOne(component)));
        const failures = results.flatMap((result) =>
          result.status === 'rejected' ? [result.reason as Error] : [],
        );
        if (failures.length > 0) {
          // All or nothing: what this call started is stopped again, so a failed up leaves no server.
          await Promise.all(
            toStart.map((component) => stopProcess(component.process, component.stopGraceMs)),
          );
          const [first] = failures;
          if (failures.length === 1 && first) throw first;
          throw new StackError(
            first instanceof StackError ? first.code : 'WSP_STACK_START_FAILED',
            failures.map((failure) => failure.message).join('\n\n'),
          );
        }
        started.push(...toStart.map((component) => component.name));
        if (settings.WASPADA_REDIS_NODES > 1) await formRedisCluster(redisPorts, log);
      });
      writeFileSync(
        join(settings.WASPADA_STACK_DIR, 'endpoints.json'),
        `${JSON.stringify(plain, null, 2)}\n`,
      );
      return { started, alreadyRunning, seconds: (Date.now() - begin) / 1000 };
    },
    async down() {
      const stopped: ComponentName[] = [];
      await withLock(lockDir, async () => {
        const results = await Promise.all(
          components.map(async (component) =>
            (await stopProcess(component.process, component.stopGraceMs)) ? component.name : undefined,
          ),
        );
        for (const name of results) if (name) stopped.push(name);
      });
      return { stopped };
    },
    async status() {
      return Promise.all(
        components.map(async (component): Promise<ComponentStatus> => {
          const pid = runningPid(component.process);
          const healthy = pid !== undefined && (await component.healthy());
          return {
            name: component.name,
            endpoint: component.endpoint,
            running: pid !== undefined,
            healthy,
            ...(pid !== undefined && { pid }),
            detail: component.label,
          };
        }),
      );
    },
    async logs(lines) {
      return components
        .map((component) => `== ${component.name}: ${component.logFile}\n${tail(component.logFile, lines)}`)
        .join('\n\n');
    },
    async reset() {
      await this.down();
      await withLock(lockDir, async () => {
        for (const component of components)
          rmSync(join(settings.WASPADA_STACK_DIR, component.name), { recursive: true, force: true });
        rmSync(join(settings.WASPADA_STACK_DIR, 'endpoints.json'), { force: true });
      });
    },
  };
}

/** Settings the local Kafka or Redis cannot run with, refused before anything starts, saying what to change. */
function checkLayout(settings: StackSettings): void {
  const nodes = settings.WASPADA_KAFKA_NODES;
  const replicas = topicReplicationFactor(settings);
  if (replicas > nodes)
    throw new StackError(
      'WSP_STACK_START_FAILED',
      `WASPADA_TOPIC_REPLICATION_FACTOR=${replicas} needs as many Kafka nodes, and the local stack runs ${nodes}: set WASPADA_KAFKA_NODES=3 or a replication factor of at most ${nodes}`,
    );
  if (settings.WASPADA_REDIS_NODES > 1 && settings.WASPADA_REDIS_PORT + 10_000 > 65_535)
    throw new StackError(
      'WSP_STACK_START_FAILED',
      `a Redis Cluster node's bus listens 10000 above its port, and WASPADA_REDIS_PORT=${settings.WASPADA_REDIS_PORT} leaves no room: set WASPADA_REDIS_PORT to at most 55535`,
    );
  if (nodes > 1 && settings.WASPADA_KAFKA_SECURITY !== 'none')
    throw new StackError(
      'WSP_STACK_START_FAILED',
      'WASPADA_KAFKA_SECURITY=sasl-ssl runs on a one-node local stack: set WASPADA_KAFKA_NODES=1, or WASPADA_KAFKA_SECURITY=none for the three-node cluster',
    );
}

/**
 * Serialises up/down/reset across processes (parallel test workers, a second terminal): mkdir is
 * atomic, and a lock whose owner died is taken over.
 */
async function withLock(lockDir: string, work: () => Promise<void>): Promise<void> {
  mkdirSync(join(lockDir, '..'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), String(process.pid));
      break;
    } catch {
      const owner = readOwner(lockDir);
      const orphaned = owner === undefined && Date.now() - lockAge(lockDir) > 10_000;
      if ((owner !== undefined && !alive(owner)) || orphaned) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new StackError(
          'WSP_STACK_BUSY',
          `another waspada-stack command (pid ${owner ?? 'unknown'}) holds ${lockDir}; wait for it or remove the folder if it is stale`,
        );
      }
      await sleep(200);
    }
  }
  try {
    await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockAge(lockDir: string): number {
  try {
    return statSync(lockDir).mtimeMs;
  } catch {
    return Date.now();
  }
}

function readOwner(lockDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    // The owner writes its pid right after mkdir; an empty lock for a moment is normal.
    return undefined;
  }
}
