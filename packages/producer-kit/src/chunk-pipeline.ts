/**
 * Submits chunks of an import one after another with two in flight: a chunk's checks and Avro
 * encoding (the intake's CPU work, done as its submit is called) run while the chunk before it
 * waits for Kafka's acknowledgement. One at a time, an import spent those two one after the other.
 * `submit` is given the chunk before's turn and publishes only once it is done (RecordIntakeService
 * `after`): the chunks reach Kafka in the file's order, and none after a chunk that failed, so an
 * import that stops has published a prefix of the file. `onResults` sees each chunk's results in
 * that order too.
 */
export function createChunkPipeline<Row, Result>(
  submit: (rows: readonly Row[], after: Promise<unknown>) => Promise<Result>,
  onResults: (results: Result, rows: readonly Row[]) => void,
) {
  /** The last chunk's turn: its results taken, and every chunk's before it. */
  let previous: Promise<void> = Promise.resolve();
  return {
    /** Starts the chunk's intake now; resolves once the chunk before it is done. */
    async add(rows: readonly Row[]): Promise<void> {
      const before = previous;
      const submitted = submit(rows, before);
      // Observed here too: when an earlier chunk fails first, this one's outcome is not awaited.
      submitted.catch(() => undefined);
      previous = before.then(async () => onResults(await submitted, rows));
      previous.catch(() => undefined);
      await before;
    },
    /** Resolves once every chunk is done; rejects with the first failure. */
    drain: (): Promise<void> => previous,
  };
}
