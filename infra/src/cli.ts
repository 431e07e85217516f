#!/usr/bin/env node
import { rootMessage } from '@waspada/common';
import { clientEnv, down, openStack, say, status, up } from './commands/stack-commands';
import { runBenchmarks } from './commands/bench';
import { runPipeline } from './commands/start';
import { runTests } from './commands/test';
import { StackError } from './stack/stack';

const USAGE = `usage: waspada-stack <command>
  up       start Kafka, the schema registry and Redis (no-op when running), apply topics
  down     stop them; nothing is left running
  status   health of each server (exit code 1 when one is down)
  logs [N] last N lines (default 40) of each server's log
  reset    stop and delete all stack data (downloaded artifacts stay cached)
  env      print the endpoint variables for a shell: eval "$(npm run -s stack env)"
  start    the whole pipeline on a simulated feed (npm start)
  test     the whole test suite against the stack (npm test)
  bench    every benchmark, one report in .waspada/bench/ (npm run bench)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runPipeline();
    case 'test':
      return runTests(rest);
    case 'bench':
      return runBenchmarks();
    case 'up': {
      await up(await openStack());
      return 0;
    }
    case 'down':
      await down((await openStack()).stack);
      return 0;
    case 'status':
      return (await status((await openStack()).stack)) ? 0 : 1;
    case 'logs':
      process.stdout.write(`${await (await openStack()).stack.logs(Number(rest[0] ?? 40))}\n`);
      return 0;
    case 'reset':
      await (await openStack()).stack.reset();
      say('stack stopped and its data deleted');
      return 0;
    case 'env':
      for (const [name, value] of Object.entries(clientEnv((await openStack()).stack))) {
        process.stdout.write(`export ${name}=${value}\n`);
      }
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code =
      typeof (error as { code?: unknown }).code === 'string' ? ` [${(error as { code: string }).code}]` : '';
    process.stderr.write(
      `[waspada-stack] error${code}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (!(error instanceof StackError))
      process.stderr.write(`[waspada-stack] cause: ${rootMessage(error)}\n`);
    process.exit(1);
  },
);
