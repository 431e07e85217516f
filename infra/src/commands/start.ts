import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { NATIVE_MEMORY_ENV } from '@waspada/common';
import { clientEnv, down, openStack, say, up } from './stack-commands';
import { discoverServices, processSettings, type ServiceEntry } from './services';
import { STACK_ONLY_SETTING_NAMES } from '../stack/stack-config';

/** Longer than a service's own drain limit (30 s), so a service gets to finish draining. */
const SERVICE_GRACE_MS = 35_000;

/**
 * `npm start`: the stack, then every service in start order, their output interleaved with a
 * name prefix. Ctrl-C stops the services (each drains, the feed first), then the stack if this
 * run started it.
 */
export async function runPipeline(): Promise<number> {
  const opened = await openStack();
  const { stack } = opened;
  // Ctrl-C while the stack comes up must still take it down again.
  let interrupted = false;
  const early = () => {
    interrupted = true;
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
  const { startedSomething } = await up(opened);
  process.off('SIGINT', early);
  process.off('SIGTERM', early);
  if (interrupted) {
    if (startedSomething) await down(stack);
    return 130;
  }
  const services = discoverServices();
  const children: { name: string; child: ChildProcess }[] = [];
  let stopping = false;

  // Watches the stack while the pipeline runs; it also keeps the process alive when no service is built.
  const watch = setInterval(() => {
    stack.status().then(
      (statuses) => {
        const notAnswering = statuses
          .filter((component) => !component.healthy)
          .map((component) => component.name);
        if (notAnswering.length > 0 && !stopping)
          say(`not answering: ${notAnswering.join(', ')} (npm run stack -- logs)`);
      },
      (error: unknown) =>
        say(`status check failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, 15_000);

  const stopAll = async (code: number): Promise<number> => {
    stopping = true;
    clearInterval(watch);
    say('stopping services');
    // Reverse start order: the feed stops before the producers it posts to.
    for (const { child } of [...children].reverse()) await stopChild(child);
    if (startedSomething) await down(stack);
    else say('the stack was already running before npm start, so it stays up');
    return code;
  };

  return new Promise<number>((resolvePromise) => {
    const onSignal = () => {
      if (!stopping) void stopAll(0).then(resolvePromise);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    if (services.length === 0) {
      say('no services are built yet: the stack runs until Ctrl-C');
      return;
    }
    // Services get the connection settings, not the stack's own (ports, folders), which they would
    // rightly refuse as unknown.
    // On a secured stack each service connects as its own principal (infra/src/security/kafka-acls.ts).
    const envOf = (service: ServiceEntry) => {
      const connections = clientEnv(stack, service.principal);
      return {
        ...NATIVE_MEMORY_ENV,
        ...withoutStackSettings(process.env),
        ...connections,
        ...processSettings(service, connections.REDIS_URL),
      };
    };
    for (const service of services) {
      if (!service.prepare) continue;
      const [script = '', ...args] = service.prepare;
      const result = spawnSync(process.execPath, [script, ...args], {
        cwd: service.dir,
        env: envOf(service),
        stdio: 'inherit',
      });
      if (result.status !== 0) {
        say(`${service.name}: preparing failed (exit ${result.status ?? result.signal})`);
        void stopAll(1).then(resolvePromise);
        return;
      }
    }
    for (const service of services) {
      say(`starting ${service.name}: ${service.description}`);
      // Detached: a Ctrl-C in the terminal reaches only this launcher, which then stops each service
      // once, with SIGTERM, so every service drains instead of dying on the terminal's SIGINT.
      const child = spawn(process.execPath, [service.main, ...service.args], {
        cwd: service.dir,
        env: envOf(service),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const prefix = `[${service.name.replace(/^@waspada\//, '').replace(' ', ':')}]`;
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
      }
      child.once('exit', (code, signal) => {
        if (stopping) return;
        // A feed that was asked for a fixed number of events ends by itself; anything else is a failure.
        if (code === 0) return say(`${service.name} finished`);
        say(`${service.name} exited (${signal ?? `code ${code}`}): stopping the pipeline`);
        void stopAll(1).then(resolvePromise);
      });
      children.push({ name: service.name, child });
    }
    say('pipeline running; Ctrl-C stops it');
    say(
      'ops dashboard: http://127.0.0.1:18140/   desk page of a checkpoint: http://127.0.0.1:18140/desk/CGK',
    );
    say('desk tokens (one per checkpoint) are in .waspada/secrets/desks/<CODE>.token');
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    // Each service drains on SIGTERM; one that hangs past its grace period is killed.
    const kill = setTimeout(() => child.kill('SIGKILL'), SERVICE_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

function withoutStackSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of STACK_ONLY_SETTING_NAMES) delete copy[name];
  return copy;
}
