import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findJava, findMaven, StackError } from '../src';

/** A fake JDK home: the version is read from its `release` file, as in a real JDK. */
function fakeJdk(root: string, name: string, version: string): string {
  const home = join(root, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'java'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(home, 'bin', 'java'), 0o755);
  writeFileSync(join(home, 'release'), `JAVA_VERSION="${version}"\n`);
  return home;
}

describe('finding a Java runtime', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jvm-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes a newer JDK from the JVM folder when the default java is too old for the registry', () => {
    const old = fakeJdk(root, 'java-17-openjdk', '17.0.15');
    fakeJdk(root, 'temurin-25-jdk', '25.0.3');
    const found = findJava(21, 'Apicurio Registry', { env: { PATH: join(old, 'bin') }, jvmDir: root });
    expect(found).toEqual({ java: join(root, 'temurin-25-jdk', 'bin', 'java'), major: 25 });
  });

  it('prefers the java on PATH when it is new enough', () => {
    const current = fakeJdk(root, 'java-17-openjdk', '17.0.15');
    fakeJdk(root, 'temurin-25-jdk', '25.0.3');
    expect(findJava(17, 'Kafka', { env: { PATH: join(current, 'bin') }, jvmDir: root }).major).toBe(17);
  });

  it('says which versions it found and what to install when none is new enough', () => {
    fakeJdk(root, 'java-17-openjdk', '17.0.15');
    const attempt = () => findJava(21, 'Apicurio Registry 3.3.3', { env: { PATH: '' }, jvmDir: root });
    expect(attempt).toThrow(StackError);
    expect(attempt).toThrow(
      /Apicurio Registry 3.3.3 needs Java 21 or newer.*Found only: .*\(Java 17\).*WASPADA_REGISTRY_JAVA_HOME/s,
    );
  });

  it('says there is no Java at all when nothing is found', () => {
    expect(() => findJava(17, 'Kafka', { env: { PATH: '' }, jvmDir: join(root, 'none') })).toThrow(
      /Kafka needs Java 17 or newer, and none was found\. No java on PATH/,
    );
  });
});

describe('finding Maven', () => {
  it('explains how to install it or use external servers instead', () => {
    expect(() => findMaven({ PATH: '' })).toThrow(
      /Maven \(mvn\) is not on PATH.*apt-get install maven.*KAFKA_BROKERS/s,
    );
  });
});
