import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, VERSIONS } from '../stack-config';
import { StackError } from '../stack';
import { runToCompletion } from './processes';

/** Pinned, so a Maven upgrade cannot change how artifacts are resolved. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/**
 * Server artifacts from Maven Central, resolved once into the cache folder. A later start checks
 * that every cached file is still there and downloads nothing.
 */

export function kafkaClasspath(cacheDir: string, mvn: string, log: (line: string) => void): string {
  // Named after the pom's content too, so a dependency added to it is fetched on the next start.
  const pom = join(REPO_ROOT, 'infra', 'maven', 'kafka', 'pom.xml');
  const pomHash = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 12);
  const cpFile = join(cacheDir, `kafka-${VERSIONS.kafka}-${pomHash}.classpath`);
  if (existsSync(cpFile)) {
    const cached = readFileSync(cpFile, 'utf8').trim();
    if (cached.split(':').every((jar) => existsSync(jar))) return cached;
  }
  log(`fetching Apache Kafka ${VERSIONS.kafka} from Maven Central (first start only)`);
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${cpFile}.${process.pid}.tmp`;
  try {
    runToCompletion(
      mvn,
      [
        '-B',
        '-q',
        '-f',
        pom,
        `${DEPENDENCY_PLUGIN}:build-classpath`,
        `-Dkafka.version=${VERSIONS.kafka}`,
        `-Dmdep.outputFile=${tmp}`,
      ],
      REPO_ROOT,
    );
  } catch (error) {
    throw new StackError(
      'WSP_STACK_DOWNLOAD_FAILED',
      `could not fetch Kafka ${VERSIONS.kafka} with Maven: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  renameSync(tmp, cpFile);
  return readFileSync(cpFile, 'utf8').trim();
}

/** The unpacked Apicurio Registry distribution (a Quarkus app: quarkus-run.jar plus lib/). */
export function apicurioHome(cacheDir: string, mvn: string, log: (line: string) => void): string {
  const home = join(cacheDir, `apicurio-registry-${VERSIONS.apicurio}`);
  if (existsSync(join(home, 'quarkus-run.jar'))) return home;
  log(`fetching Apicurio Registry ${VERSIONS.apicurio} from Maven Central (first start only, about 160 MB)`);
  const downloads = join(cacheDir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const artifact = `io.apicurio:apicurio-registry-app:${VERSIONS.apicurio}:tar.gz:all`;
  const archive = join(downloads, `apicurio-registry-app-${VERSIONS.apicurio}-all.tar.gz`);
  try {
    if (!existsSync(archive)) {
      runToCompletion(
        mvn,
        ['-B', '-q', `${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${artifact}`, `-DoutputDirectory=${downloads}`],
        REPO_ROOT,
      );
    }
    const unpacking = `${home}.${process.pid}.tmp`;
    rmSync(unpacking, { recursive: true, force: true });
    mkdirSync(unpacking, { recursive: true });
    runToCompletion('tar', ['-xzf', archive, '-C', unpacking], REPO_ROOT);
    const root = existsSync(join(unpacking, 'quarkus-run.jar'))
      ? unpacking
      : join(unpacking, readdirSync(unpacking)[0] ?? '');
    if (!existsSync(join(root, 'quarkus-run.jar'))) throw new Error(`${archive} has no quarkus-run.jar`);
    if (!existsSync(home)) renameSync(root, home);
    rmSync(unpacking, { recursive: true, force: true });
  } catch (error) {
    throw new StackError(
      'WSP_STACK_DOWNLOAD_FAILED',
      `could not fetch Apicurio Registry ${VERSIONS.apicurio} (${artifact}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return home;
}
