import { WaspadaError, type Connections, type ErrorCode } from '@waspada/common';

/**
 * `kafka` is the only Kafka node, or node 1 of three; `kafka-2` and `kafka-3` are the others. The
 * same for `redis`: one server, or master 1 of a three-master Redis Cluster.
 */
export type ComponentName = 'kafka' | 'kafka-2' | 'kafka-3' | 'registry' | 'redis' | 'redis-2' | 'redis-3';

export interface ComponentStatus {
  readonly name: ComponentName;
  readonly endpoint: string;
  readonly running: boolean;
  readonly healthy: boolean;
  readonly pid?: number;
  readonly detail?: string;
}

export interface UpReport {
  /** Components started by this call; empty when everything was already up (a no-op). */
  readonly started: ComponentName[];
  readonly alreadyRunning: ComponentName[];
  readonly seconds: number;
}

export interface DownReport {
  readonly stopped: ComponentName[];
}

/**
 * The servers Waspada needs, whoever runs them: endpoints from the environment, containers, or
 * local processes. Every call is idempotent.
 */
export interface StackProvider {
  readonly kind: 'external' | 'testcontainers' | 'local';
  /** How services reach the servers this provider runs or checks. */
  readonly connections: Connections;
  up(): Promise<UpReport>;
  down(): Promise<DownReport>;
  status(): Promise<ComponentStatus[]>;
  /** The last lines of each component's log, for `logs` and for error messages. */
  logs(lines: number): Promise<string>;
  /** Stops everything and deletes its data (not the downloaded artifacts). */
  reset(): Promise<void>;
  /**
   * On a secured stack, the client settings (TLS, SASL user and password file) of one service's
   * principal; absent when clients connect without credentials.
   */
  kafkaClientEnv?(principal: string): Record<string, string>;
}

/** Why the stack could not be brought up or down; the message says what to do. */
export const STACK_ERROR_CODES = [
  'WSP_STACK_JAVA_MISSING',
  'WSP_STACK_MAVEN_MISSING',
  'WSP_STACK_REDIS_MISSING',
  'WSP_STACK_PORT_TAKEN',
  'WSP_STACK_DOWNLOAD_FAILED',
  'WSP_STACK_START_FAILED',
  'WSP_STACK_UNHEALTHY',
  'WSP_STACK_BUSY',
] as const satisfies readonly ErrorCode[];

export type StackErrorCode = Extract<ErrorCode, `WSP_STACK_${string}`>;

export class StackError extends WaspadaError {
  declare readonly code: StackErrorCode;

  constructor(code: StackErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StackError';
  }
}
