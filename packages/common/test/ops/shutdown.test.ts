import { createLogger, onShutdown, runMain } from '../../src';

const logger = createLogger({ service: 'demo', level: 'silent' });

/** process.exit stands in for the real one: the test runner's own process must not end. */
function exitSpy() {
  return jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
}

async function until(done: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !done(); tries += 1)
    await new Promise((resolve) => setImmediate(resolve));
}

describe('onShutdown', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
    jest.restoreAllMocks();
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
  });

  test('stops the service before its tracing, then exits 0', async () => {
    const exit = exitSpy();
    const order: string[] = [];
    onShutdown(
      [
        async () => {
          await new Promise((resolve) => setImmediate(resolve));
          order.push('service');
        },
        () => {
          order.push('tracing');
          return Promise.resolve();
        },
      ],
      logger,
    );
    process.emit('SIGTERM');
    await until(() => exit.mock.calls.length > 0);
    expect(order).toEqual(['service', 'tracing']);
    expect(exit).toHaveBeenCalledWith(0);
  });

  test('a step that fails ends in exit 1 and the steps after it do not run', async () => {
    const exit = exitSpy();
    const order: string[] = [];
    onShutdown(
      [
        () => Promise.reject(new Error('drain failed')),
        () => {
          order.push('tracing');
          return Promise.resolve();
        },
      ],
      logger,
    );
    process.emit('SIGINT');
    await until(() => exit.mock.calls.length > 0);
    expect(order).toEqual([]);
    expect(exit).toHaveBeenCalledWith(1);
  });

  test('a drain longer than the grace period exits 1', async () => {
    const exit = exitSpy();
    onShutdown(() => new Promise<void>(() => undefined), logger, 5_000);
    process.emit('SIGTERM');
    jest.advanceTimersByTime(4_999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('runMain', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a start that fails is one line naming the service, and exit code 1', async () => {
    const exit = exitSpy();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    runMain('demo', () => Promise.reject(new Error('WASPADA_HTTP_PORT: expected a port number')));
    await until(() => exit.mock.calls.length > 0);
    expect(stderr).toHaveBeenCalledWith('demo: WASPADA_HTTP_PORT: expected a port number\n');
    expect(exit).toHaveBeenCalledWith(1);
  });

  test('a start that succeeds leaves the process running', async () => {
    const exit = exitSpy();
    let started = false;
    runMain('demo', () => {
      started = true;
      return Promise.resolve();
    });
    await until(() => started);
    await new Promise((resolve) => setImmediate(resolve));
    expect(exit).not.toHaveBeenCalled();
  });
});
