import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { RecordIntakeService, Submission } from './record-intake-service';

export interface ImportSummary {
  readonly file: string;
  readonly rows: number;
  readonly accepted: number;
  readonly refused: number;
  readonly seconds: number;
  /** The first refusals, for the operator to fix; all of them are on the rejected topic. */
  readonly firstRefusals: readonly { line: number; reason: string }[];
}

const CHUNK_ROWS = 1_000;

/**
 * Imports an agency export: CSV with a header row of field names, or NDJSON (one JSON record a
 * line). Rows go through the same intake as the HTTP API in chunks; refused rows are kept on the
 * rejected topic with the original line. Progress is reported while it runs.
 */
export async function importFile(
  path: string,
  service: RecordIntakeService,
  progress: (line: string) => void,
): Promise<ImportSummary> {
  const extension = extname(path).toLowerCase();
  const format =
    extension === '.csv' ? 'csv' : extension === '.ndjson' || extension === '.jsonl' ? 'ndjson' : undefined;
  if (!format) throw new Error(`cannot import ${basename(path)}: expected a .csv, .ndjson or .jsonl file`);
  const contentType = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const started = Date.now();
  let rows = 0;
  let accepted = 0;
  let lastReport = started;
  const firstRefusals: { line: number; reason: string }[] = [];
  let chunk: (Submission & { line: number })[] = [];

  const flush = async () => {
    const results = await service.submit(chunk, 'FILE', contentType);
    results.forEach((result, index) => {
      if (result.accepted) accepted += 1;
      else if (firstRefusals.length < 20) {
        firstRefusals.push({
          line: chunk[index]?.line ?? 0,
          reason: result.errors.map((error) => `${error.field}: ${error.reason}`).join('; '),
        });
      }
    });
    chunk = [];
    if (Date.now() - lastReport > 2_000) {
      lastReport = Date.now();
      const rate = Math.round(rows / ((Date.now() - started) / 1000));
      progress(
        `${basename(path)}: ${rows} rows, ${accepted} accepted, ${rows - accepted} refused (${rate} rows/s)`,
      );
    }
  };

  for await (const submission of format === 'csv' ? csvRows(path) : ndjsonRows(path)) {
    rows += 1;
    chunk.push(submission);
    if (chunk.length >= CHUNK_ROWS) await flush();
  }
  if (chunk.length > 0) await flush();
  return {
    file: path,
    rows,
    accepted,
    refused: rows - accepted,
    seconds: (Date.now() - started) / 1000,
    firstRefusals,
  };
}

async function* ndjsonRows(path: string): AsyncGenerator<Submission & { line: number }> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    const sourceName = `${basename(path)} line ${line}`;
    try {
      yield { raw: JSON.parse(text) as unknown, original: Buffer.from(text), sourceName, line };
    } catch (error) {
      yield {
        raw: undefined,
        original: Buffer.from(text),
        sourceName,
        line,
        parseError: `line is not JSON: ${(error as Error).message}`,
      };
    }
  }
}

async function* csvRows(path: string): AsyncGenerator<Submission & { line: number }> {
  const parser = createReadStream(path).pipe(
    parse({
      columns: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }),
  );
  for await (const row of parser as AsyncIterable<{
    record: Record<string, string>;
    raw: string;
    info: { lines: number };
  }>) {
    yield {
      raw: row.record,
      original: Buffer.from(row.raw),
      sourceName: `${basename(path)} line ${row.info.lines}`,
      line: row.info.lines,
    };
  }
}
