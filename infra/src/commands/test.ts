import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './browser';
import { clientEnv, down, openStack, say, up } from './stack-commands';
import { REPO_ROOT } from '../stack/stack-config';

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numRuntimeErrorTestSuites: number;
  success: boolean;
}

/**
 * The suite's own local stack: its own folder and ports, emptied before each run. What `npm start`
 * or a benchmark left on the developer's stack (hundreds of thousands of events a new consumer
 * group would read first) never reaches a test, the tests leave nothing there, and both stacks can
 * run at once. Its folder stays after the run, with the servers' logs, until the next run.
 */
export const TEST_STACK_ENV = {
  WASPADA_STACK_DIR: join(REPO_ROOT, '.waspada', 'test-stack'),
  WASPADA_KAFKA_PORT: '28992',
  WASPADA_KAFKA_CONTROLLER_PORT: '28993',
  WASPADA_REGISTRY_PORT: '28981',
  WASPADA_REGISTRY_MANAGEMENT_PORT: '28982',
  WASPADA_REDIS_PORT: '28979',
} as const;

/**
 * `npm test`: check formatting, lint and typecheck every workspace (turbo, cached), bring up an
 * empty stack for the suite (servers given in the environment are used as they are), run every
 * workspace's jest project against it, and take it down again.
 * Extra arguments go to jest (for example a test path pattern).
 */
export async function runTests(jestArgs: string[]): Promise<number> {
  const prettier = spawnSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'prettier'),
    ['--check', '--log-level=warn', '.'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
  if (prettier.status !== 0) {
    say('formatting differs from Prettier in the files above: run npm run format');
    return 1;
  }
  const turbo = join(REPO_ROOT, 'node_modules', '.bin', 'turbo');
  const checks = spawnSync(turbo, ['run', 'lint', 'typecheck', '--output-logs=errors-only'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  if (checks.status !== 0) {
    say('lint or typecheck failed (see above): fix them before the tests run');
    return 1;
  }

  ensureChromium();

  const given = await openStack();
  const opened =
    given.stack.kind === 'external' ? given : await openStack({ ...process.env, ...TEST_STACK_ENV });
  const { stack } = opened;
  if (stack.kind !== 'external') {
    say(`the tests get an empty stack of their own (${TEST_STACK_ENV.WASPADA_STACK_DIR})`);
    await stack.reset();
  }
  // Ctrl-C reaches jest too and ends it; this run then still takes down the stack it started.
  const ignoreSignal = () => say('interrupted: stopping the tests, then the stack');
  process.on('SIGINT', ignoreSignal);
  process.on('SIGTERM', ignoreSignal);
  // A failed up takes down what it started itself.
  const { startedSomething } = await up(opened);
  const resultsDir = join(REPO_ROOT, '.waspada', 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, 'jest.json');
  rmSync(resultsFile, { force: true });
  let exitCode: number;
  try {
    const jest = spawnSync(
      join(REPO_ROOT, 'node_modules', '.bin', 'jest'),
      ['--json', `--outputFile=${resultsFile}`, ...jestArgs],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
        env: {
          ...process.env,
          ...(stack.kind !== 'external' && TEST_STACK_ENV),
          ...clientEnv(stack),
        },
      },
    );
    exitCode = jest.status ?? 1;
  } finally {
    if (startedSomething) await down(stack);
  }
  if (!existsSync(resultsFile)) {
    say('jest wrote no results: it failed before running tests (see above)');
    return 1;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestJson;
  const skipped = results.numPendingTests + results.numTodoTests;
  // The plain summary line CI reads, whatever the runner.
  process.stdout.write(
    `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
  );
  if (results.numRuntimeErrorTestSuites > 0)
    say(`${results.numRuntimeErrorTestSuites} test file(s) failed to run`);
  return results.success && exitCode === 0 ? 0 : 1;
}
