import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KAFKA_PRINCIPALS } from '../../security/kafka-acls';
import { StackError } from '../stack';
import { findJava } from './preflight';
import { runToCompletion } from './processes';

/** The broker's own user: inter-broker traffic, provisioning and the tests' admin client. */
export const KAFKA_ADMIN_USER = 'admin';
const MECHANISM = 'SCRAM-SHA-512';

/**
 * What a secured local broker needs, made once per stack folder and kept there (mode 0600): a TLS
 * key pair for 127.0.0.1 (self-signed; clients trust it through ca.pem), and a SCRAM password for the
 * admin and for each service's principal. A real cluster brings its own: the same client settings
 * (KAFKA_SSL_CA_FILE, KAFKA_SASL_*) point at it.
 */
export interface KafkaSecurityMaterial {
  readonly dir: string;
  readonly caFile: string;
  readonly keystoreFile: string;
  readonly truststoreFile: string;
  readonly storePassword: string;
  passwordFile(user: string): string;
  password(user: string): string;
  readonly users: readonly string[];
}

function secret(): string {
  return randomBytes(24).toString('base64url');
}

function writeSecret(file: string, value: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function ensureKafkaSecurity(stackKafkaDir: string): KafkaSecurityMaterial {
  const dir = join(stackKafkaDir, 'security');
  const users = [KAFKA_ADMIN_USER, ...KAFKA_PRINCIPALS.map((entry) => entry.principal)];
  const passwordFile = (user: string) => join(dir, 'users', `${user}.password`);
  for (const user of users) if (!existsSync(passwordFile(user))) writeSecret(passwordFile(user), secret());
  const storePasswordFile = join(dir, 'store.password');
  if (!existsSync(storePasswordFile)) writeSecret(storePasswordFile, secret());
  const storePassword = readFileSync(storePasswordFile, 'utf8').trim();
  const keystoreFile = join(dir, 'broker.p12');
  const truststoreFile = join(dir, 'truststore.p12');
  const caFile = join(dir, 'ca.pem');
  if (!existsSync(keystoreFile) || !existsSync(truststoreFile) || !existsSync(caFile)) {
    const keytool = join(
      dirname(findJava(17, 'the TLS key pair of the secured Kafka broker').java),
      'keytool',
    );
    const store = ['-storetype', 'PKCS12', '-storepass', storePassword];
    // A set cut short is made again whole: keytool refuses to add a key under an existing alias.
    for (const file of [keystoreFile, truststoreFile, caFile]) rmSync(file, { force: true });
    runToCompletion(
      keytool,
      [
        '-genkeypair',
        '-noprompt',
        '-alias',
        'broker',
        '-keyalg',
        'RSA',
        '-keysize',
        '2048',
        '-validity',
        '825',
        '-dname',
        'CN=localhost, O=Waspada local stack',
        '-ext',
        'SAN=ip:127.0.0.1,dns:localhost',
        '-keystore',
        keystoreFile,
        ...store,
      ],
      dir,
    );
    runToCompletion(
      keytool,
      ['-exportcert', '-rfc', '-alias', 'broker', '-keystore', keystoreFile, ...store, '-file', caFile],
      dir,
    );
    runToCompletion(
      keytool,
      [
        '-importcert',
        '-noprompt',
        '-alias',
        'broker',
        '-file',
        caFile,
        '-keystore',
        truststoreFile,
        ...store,
      ],
      dir,
    );
  }
  return {
    dir,
    caFile,
    keystoreFile,
    truststoreFile,
    storePassword,
    users,
    passwordFile,
    password: (user) => readFileSync(passwordFile(user), 'utf8').trim(),
  };
}

/**
 * SCRAM users live in the cluster's metadata, so they are written when the storage is formatted.
 * A folder formatted without them (a plain stack turned secure) is refused with what to do.
 */
export function scramFormatArgs(material: KafkaSecurityMaterial): string[] {
  return material.users.flatMap((user) => [
    '--add-scram',
    `${MECHANISM}=[name=${user},password=${material.password(user)}]`,
  ]);
}

const FORMATTED_MARK = 'formatted-with-scram-users';

export function markScramFormatted(material: KafkaSecurityMaterial): void {
  writeFileSync(join(material.dir, FORMATTED_MARK), `${material.users.join('\n')}\n`);
}

export function checkScramFormatted(material: KafkaSecurityMaterial, dataDir: string): void {
  const mark = join(material.dir, FORMATTED_MARK);
  const known = existsSync(mark) ? readFileSync(mark, 'utf8').split('\n').filter(Boolean) : [];
  const missing = material.users.filter((user) => !known.includes(user));
  if (missing.length > 0) {
    throw new StackError(
      'WSP_STACK_START_FAILED',
      `the Kafka data in ${dataDir} was formatted without the SCRAM users ${missing.join(', ')}, so the ` +
        'secured broker could not authenticate them. Start from empty data (npm run stack -- reset) or ' +
        'use another WASPADA_STACK_DIR for the secured stack.',
    );
  }
}

/**
 * Clients reach the broker over SASL_SSL only. The controller listener stays plaintext on the
 * loopback address: KRaft cannot check SCRAM there (the users live in the metadata it serves), so
 * its anonymous principal is a super user, reachable only from this machine.
 */
export function securedListenerProperties(
  material: KafkaSecurityMaterial,
  port: number,
  controllerPort: number,
): string[] {
  return [
    `listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=SASL_SSL://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=SASL_SSL',
    'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT',
    `sasl.enabled.mechanisms=${MECHANISM}`,
    `sasl.mechanism.inter.broker.protocol=${MECHANISM}`,
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_ADMIN_USER}" password="${material.password(KAFKA_ADMIN_USER)}";`,
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${material.keystoreFile}`,
    `ssl.keystore.password=${material.storePassword}`,
    `ssl.key.password=${material.storePassword}`,
    'ssl.truststore.type=PKCS12',
    `ssl.truststore.location=${material.truststoreFile}`,
    `ssl.truststore.password=${material.storePassword}`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${KAFKA_ADMIN_USER};User:ANONYMOUS`,
    'allow.everyone.if.no.acl.found=false',
  ];
}

/** The settings a client needs to act as this user: the same names a real cluster's clients use. */
export function kafkaClientEnv(material: KafkaSecurityMaterial, user: string): Record<string, string> {
  if (!material.users.includes(user))
    throw new Error(
      `no Kafka credential for ${user}: add it to KAFKA_PRINCIPALS in infra/src/security/kafka-acls.ts`,
    );
  return {
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: material.caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD_FILE: material.passwordFile(user),
  };
}
