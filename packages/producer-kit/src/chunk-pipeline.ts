/**
 * Submits chunks of an import one after another with two in flight: a chunk's checks and Avro
 * encoding (the intake's CPU work, done as its submit is called) run while the chunk before it
 * waits for Kafka's acknowledgement. One at a time, an import spent those two one after the other.
 * The batching publisher sends the chunks in the order they were submitted, and `onResults` sees
 * each chunk's results in that order too.
 *
 * A chunk whose publishing fails fails the import at the next `add` or at `drain`; the chunk after
 * it may be published already. An import run again then sends those records again with the same
 * event ids (the agency's, or derived from the content), which the processor counts as duplicates:
 * nothing is lost and nothing is judged twice.
 */
export function createChunkPipeline<Row, Result>(
  submit: (rows: readonly Row[]) => Promise<Result>,
  onResults: (results: Result, rows: readonly Row[]) => void,
) {
  /** The last chunk's turn: its results taken, and every chunk's before it. */
  let previous: Promise<void> = Promise.resolve();
  return {
    /** Starts the chunk's intake now; resolves once the chunk before it is done. */
    async add(rows: readonly Row[]): Promise<void> {
      const submitted = submit(rows);
      // Observed here too: when an earlier chunk fails first, this one's outcome is not awaited.
      submitted.catch(() => undefined);
      const before = previous;
      previous = before.then(async () => onResults(await submitted, rows));
      previous.catch(() => undefined);
      await before;
    },
    /** Resolves once every chunk is done; rejects with the first failure. */
    drain: (): Promise<void> => previous,
  };
}
