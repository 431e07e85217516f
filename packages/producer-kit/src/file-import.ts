import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { createChunkPipeline } from './chunk-pipeline';
import {
  MAX_RECORD_BYTES,
  type RecordIntakeService,
  type Submission,
  type SubmissionResult,
} from './record-intake-service';

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
 * rejected topic with the original line, byte for byte. Progress is reported while it runs. A chunk
 * is checked and encoded while the one before it is being sent (createChunkPipeline).
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
  /** Rows whose chunk is published: one chunk may still be on its way. */
  let done = 0;
  let lastReport = started;
  const firstRefusals: { line: number; reason: string }[] = [];
  let chunk: (Submission & { line: number })[] = [];

  const pipeline = createChunkPipeline(
    (lines: readonly (Submission & { line: number })[], after) =>
      service.submit(lines, 'FILE', contentType, undefined, after),
    (results: readonly SubmissionResult[], lines) => {
      done += results.length;
      results.forEach((result, index) => {
        if (result.accepted) accepted += 1;
        else if (firstRefusals.length < 20) {
          firstRefusals.push({
            line: lines[index]?.line ?? 0,
            reason: result.errors.map((error) => `${error.field}: ${error.reason}`).join('; '),
          });
        }
      });
    },
  );
  const flush = async () => {
    const lines = chunk;
    chunk = [];
    await pipeline.add(lines);
    if (Date.now() - lastReport > 2_000) {
      lastReport = Date.now();
      const rate = Math.round(done / ((Date.now() - started) / 1000));
      progress(
        `${basename(path)}: ${done} rows, ${accepted} accepted, ${done - accepted} refused (${rate} rows/s)`,
      );
    }
  };

  for await (const submission of format === 'csv' ? csvRows(path) : ndjsonRows(path)) {
    rows += 1;
    chunk.push(submission);
    if (chunk.length >= CHUNK_ROWS) await flush();
  }
  if (chunk.length > 0) await flush();
  await pipeline.drain();
  return {
    file: path,
    rows,
    accepted,
    refused: rows - accepted,
    seconds: (Date.now() - started) / 1000,
    firstRefusals,
  };
}

/** A line of the file as bytes, exactly as in the file without its line break. */
export interface FileLine {
  readonly line: number;
  readonly bytes: Buffer;
  /** Its full length: more than bytes.length when the line was longer than the limit. */
  readonly length: number;
}

/**
 * Splits a byte stream into lines (LF or CRLF) without decoding it, so a refused line is kept
 * on the rejected topic byte for byte, even when it is not text. A line longer than maxBytes is
 * kept to maxBytes and its length counted, so a runaway line cannot exhaust memory.
 */
export async function* splitLines(input: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<FileLine> {
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;
  let line = 0;
  const take = (piece: Buffer) => {
    length += piece.length;
    const room = maxBytes - kept;
    if (room <= 0) return;
    const part = piece.length > room ? piece.subarray(0, room) : piece;
    parts.push(part);
    kept += part.length;
  };
  const end = (): FileLine => {
    line += 1;
    let bytes = Buffer.concat(parts);
    // The \r of a CRLF, when the line was kept whole.
    if (length === kept && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    const done = { line, bytes, length: length === kept ? bytes.length : length };
    parts = [];
    kept = 0;
    length = 0;
    return done;
  };
  for await (const chunk of input) {
    let from = 0;
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, from)) {
      take(chunk.subarray(from, at));
      yield end();
      from = at + 1;
    }
    if (from < chunk.length) take(chunk.subarray(from));
  }
  if (length > 0) yield end();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The line as text, or why it is not usable text. */
function lineText(line: FileLine): { text: string } | { problem: string } {
  if (line.length > line.bytes.length) {
    return {
      problem: `line is ${line.length} bytes, over the limit of ${MAX_RECORD_BYTES}: no real record is this long`,
    };
  }
  try {
    return { text: utf8.decode(line.bytes) };
  } catch {
    return { problem: 'line is not UTF-8 text (binary data, or an export in another encoding)' };
  }
}

const isBlank = (line: FileLine) => line.bytes.every((byte) => byte === 0x20 || byte === 0x09);

function fileLines(path: string): AsyncGenerator<FileLine> {
  return splitLines(createReadStream(path) as AsyncIterable<Buffer>, MAX_RECORD_BYTES);
}

async function* ndjsonRows(path: string): AsyncGenerator<Submission & { line: number }> {
  for await (const line of fileLines(path)) {
    if (isBlank(line)) continue;
    const base = { original: line.bytes, sourceName: `${basename(path)} line ${line.line}`, line: line.line };
    const decoded = lineText(line);
    if ('problem' in decoded) {
      yield { ...base, raw: undefined, parseError: decoded.problem };
      continue;
    }
    try {
      yield { ...base, raw: JSON.parse(decoded.text) as unknown };
    } catch (error) {
      yield { ...base, raw: undefined, parseError: `line is not JSON: ${(error as Error).message}` };
    }
  }
}

/**
 * CSV is read a line at a time, one record a line: an unclosed quote or a stray byte then spoils
 * its own line only, refused with its number, instead of swallowing the rest of the file. A value
 * with a line break in it is not supported (an agency export has none).
 */
async function* csvRows(path: string): AsyncGenerator<Submission & { line: number }> {
  let header: string[] | undefined;
  for await (const line of fileLines(path)) {
    if (isBlank(line)) continue;
    const base = { original: line.bytes, sourceName: `${basename(path)} line ${line.line}`, line: line.line };
    const decoded = lineText(line);
    const parsed = 'problem' in decoded ? decoded : csvLine(decoded.text);
    if (!header) {
      if ('problem' in parsed)
        throw new Error(`cannot import ${basename(path)}: its header line ${parsed.problem}`);
      // A byte-order mark some spreadsheet programs write before the header.
      header = parsed.fields.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name));
      continue;
    }
    if ('problem' in parsed) {
      yield { ...base, raw: undefined, parseError: parsed.problem };
    } else if (parsed.fields.length > header.length) {
      yield {
        ...base,
        raw: undefined,
        parseError: `line has ${parsed.fields.length} values, the header names ${header.length} fields: a comma inside a value must be quoted`,
      };
    } else {
      // Columns left off the end are absent: the intake names each required one.
      const fields = parsed.fields;
      yield {
        ...base,
        raw: Object.fromEntries(fields.map((value, index) => [header?.[index] ?? '', value])),
      };
    }
  }
}

function csvLine(text: string): { fields: string[] } | { problem: string } {
  try {
    const records: string[][] = parseCsv(text, { trim: true, record_delimiter: '\n' });
    const [fields] = records;
    if (records.length !== 1 || !fields) return { problem: 'line is not one CSV record' };
    return { fields };
  } catch (error) {
    return { problem: `line is not valid CSV: ${(error as Error).message}` };
  }
}
