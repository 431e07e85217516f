import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { StackError } from '../stack';

export interface JavaRuntime {
  readonly java: string;
  readonly major: number;
}

/** The executable's full path if it is on PATH. */
export function which(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Major version of a JDK home from its `release` file, or by asking its java. */
function javaMajor(javaBin: string): number | undefined {
  const release = join(javaBin, '..', '..', 'release');
  if (existsSync(release)) {
    const match = /JAVA_VERSION="(\d+)(?:\.(\d+))?/.exec(readFileSync(release, 'utf8'));
    if (match?.[1]) return match[1] === '1' ? Number(match[2]) : Number(match[1]);
  }
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match?.[1]) return undefined;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/**
 * Finds a Java runtime of at least `minMajor`: the preferred home if given, then JAVA_HOME, the
 * `java` on PATH, then every JDK under /usr/lib/jvm (newest first). A machine often has a default
 * Java 17 and a newer JDK beside it; the registry needs the newer one.
 */
export function findJava(
  minMajor: number,
  purpose: string,
  options: { preferredHome?: string; env?: NodeJS.ProcessEnv; jvmDir?: string } = {},
): JavaRuntime {
  const env = options.env ?? process.env;
  const candidates: string[] = [];
  if (options.preferredHome) candidates.push(join(options.preferredHome, 'bin', 'java'));
  if (env.JAVA_HOME) candidates.push(join(env.JAVA_HOME, 'bin', 'java'));
  const onPath = which('java', env.PATH ?? '');
  if (onPath) candidates.push(onPath);
  const jvmDir = options.jvmDir ?? '/usr/lib/jvm';
  if (existsSync(jvmDir)) {
    for (const entry of readdirSync(jvmDir).sort().reverse())
      candidates.push(join(jvmDir, entry, 'bin', 'java'));
  }
  const seen: string[] = [];
  for (const java of new Set(candidates)) {
    if (!existsSync(java)) continue;
    const major = javaMajor(java);
    if (major === undefined) continue;
    if (major >= minMajor) return { java, major };
    seen.push(`${java} (Java ${major})`);
  }
  throw new StackError(
    'WSP_STACK_JAVA_MISSING',
    `${purpose} needs Java ${minMajor} or newer, and none was found. ` +
      (seen.length > 0
        ? `Found only: ${seen.join(', ')}. `
        : 'No java on PATH, in JAVA_HOME or under /usr/lib/jvm. ') +
      `Install a JDK ${minMajor}+ (for example: apt-get install openjdk-${Math.max(minMajor, 17)}-jdk-headless, or a Temurin JDK under /usr/lib/jvm)` +
      (minMajor > 17 ? ' or point WASPADA_REGISTRY_JAVA_HOME at one.' : ' or set JAVA_HOME.'),
  );
}

export function findMaven(env: NodeJS.ProcessEnv = process.env): string {
  const mvn = which('mvn', env.PATH ?? '');
  if (mvn) return mvn;
  throw new StackError(
    'WSP_STACK_MAVEN_MISSING',
    'Maven (mvn) is not on PATH; the local stack fetches Kafka and the schema registry from Maven Central with it. ' +
      'Install it (apt-get install maven) or point the stack at running servers with KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL.',
  );
}

/**
 * redis-server from Debian's package. Installed with apt-get when missing and we are root, since
 * a fresh machine must be able to run the stack without a manual step.
 */
export function findOrInstallRedis(
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const existing =
    which('redis-server', env.PATH ?? '') ??
    (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
  if (existing) return existing;
  const aptGet = which('apt-get', env.PATH ?? '');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (aptGet && isRoot) {
    log('redis-server is missing: installing Debian package redis-server with apt-get (once)');
    const update = spawnSync(aptGet, ['update', '-q'], { stdio: 'inherit' });
    const install =
      update.status === 0
        ? spawnSync(aptGet, ['install', '-y', '-q', '--no-install-recommends', 'redis-server'], {
            stdio: 'inherit',
            env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
          })
        : update;
    const installed =
      which('redis-server', env.PATH ?? '') ??
      (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
    if (install.status === 0 && installed) return installed;
  }
  throw new StackError(
    'WSP_STACK_REDIS_MISSING',
    'redis-server is not installed' +
      (aptGet && !isRoot
        ? ' and installing needs root: run sudo apt-get install redis-server'
        : aptGet
          ? ' and apt-get could not install it; run apt-get install redis-server and read its error'
          : ': install Redis 7 (Debian package redis-server)') +
      ', or point the stack at a running Redis with REDIS_URL.',
  );
}
