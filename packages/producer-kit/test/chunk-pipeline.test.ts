import { createChunkPipeline } from '../src';

/** A submit whose chunks finish when the test says, noting when each started. */
function controlledSubmit() {
  const log: string[] = [];
  const finish = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  const submit = (rows: readonly string[]) => {
    const name = rows.join('');
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => finish.set(name, { resolve, reject }));
  };
  return { log, finish, submit };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('createChunkPipeline', () => {
  it('starts a chunk while the one before it is sent, keeps at most two in flight, and takes results in order', async () => {
    const { log, finish, submit } = controlledSubmit();
    const pipeline = createChunkPipeline(submit, (result) => log.push(`done ${result}`));
    let secondAdded = false;
    await pipeline.add(['a']);
    // The second chunk starts at once, while the first is still in flight.
    const second = pipeline.add(['b']).then(() => (secondAdded = true));
    expect(log).toEqual(['start a', 'start b']);
    await turn();
    expect(secondAdded).toBe(false);
    // The second finishes first; its results wait for the first's.
    finish.get('b')?.resolve('B');
    await turn();
    expect(log).toEqual(['start a', 'start b']);
    finish.get('a')?.resolve('A');
    await second;
    expect(log).toEqual(['start a', 'start b', 'done A', 'done B']);
    await pipeline.drain();
  });

  it('gives each chunk the turn of the one before it, to publish after', async () => {
    const { finish, submit } = controlledSubmit();
    const turns: Promise<unknown>[] = [];
    const pipeline = createChunkPipeline(
      (rows: readonly string[], after: Promise<unknown>) => {
        turns.push(after);
        return submit(rows);
      },
      () => undefined,
    );
    await pipeline.add(['a']);
    const second = pipeline.add(['b']);
    let firstDone = false;
    void turns[1]?.then(() => (firstDone = true));
    await turn();
    expect(firstDone).toBe(false);
    finish.get('a')?.resolve('A');
    await second;
    expect(firstDone).toBe(true);
    finish.get('b')?.resolve('B');
    await pipeline.drain();
  });

  it('fails the import with the first chunk that failed, at the next add or at the end', async () => {
    const { finish, submit } = controlledSubmit();
    const taken: string[] = [];
    const pipeline = createChunkPipeline(submit, (result) => taken.push(result));
    await pipeline.add(['a']);
    const second = pipeline.add(['b']);
    finish.get('a')?.reject(new Error('Kafka unreachable'));
    finish.get('b')?.reject(new Error('also refused'));
    await expect(second).rejects.toThrow('Kafka unreachable');
    await expect(pipeline.drain()).rejects.toThrow('Kafka unreachable');
    expect(taken).toEqual([]);
  });
});
