import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  boundedErrors,
  importFile,
  MAX_RECORD_BYTES,
  splitLines,
  type FileLine,
  type RecordIntakeService,
  type Submission,
} from '../src';

async function lines(chunks: readonly Buffer[], maxBytes = 1_000): Promise<FileLine[]> {
  const read: FileLine[] = [];
  async function* input() {
    yield* chunks;
  }
  for await (const line of splitLines(input(), maxBytes)) read.push(line);
  return read;
}

describe('splitLines', () => {
  it('keeps each line byte for byte, across chunk boundaries, LF and CRLF alike', async () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x22]);
    const file = Buffer.concat([Buffer.from('a,b\r\n'), garbage, Buffer.from('\nlast')]);
    const read = await lines([file.subarray(0, 3), file.subarray(3, 7), file.subarray(7)]);
    expect(read.map((line) => [line.line, line.bytes.toString('hex'), line.length])).toEqual([
      [1, Buffer.from('a,b').toString('hex'), 3],
      [2, garbage.toString('hex'), 5],
      [3, Buffer.from('last').toString('hex'), 4],
    ]);
  });

  it('keeps the start of a line longer than the limit and counts its length', async () => {
    const read = await lines([Buffer.from(`${'x'.repeat(25)}\nok\n`)], 10);
    expect(read.map((line) => [line.line, line.bytes.toString(), line.length])).toEqual([
      [1, 'x'.repeat(10), 25],
      [2, 'ok', 2],
    ]);
  });
});

describe('boundedErrors', () => {
  it('lists at most 50 reasons of bounded length and says when the original is cut', () => {
    const many = Array.from({ length: 70 }, (_, index) => ({
      field: `f${index}`,
      reason: 'y'.repeat(10_000),
    }));
    const listed = boundedErrors(many, MAX_RECORD_BYTES + 1);
    expect(listed).toHaveLength(52);
    expect(Math.max(...listed.map((error) => error.reason.length))).toBeLessThanOrEqual(501);
    expect(listed[50]).toEqual({ field: '(record)', reason: 'has 20 more errors not listed' });
    expect(listed[51]?.reason).toMatch(/only its first 262144 bytes are kept/);
  });
});

describe('importFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An intake that accepts a record with a nik and refuses any other, keeping what it was given. */
  function recordingIntake() {
    const seen: Submission[] = [];
    const service: RecordIntakeService = {
      submit: (submissions) => {
        seen.push(...submissions);
        return Promise.resolve(
          submissions.map((submission) =>
            submission.parseError === undefined && (submission.raw as { nik?: string }).nik
              ? { accepted: true, eventId: 'id' }
              : {
                  accepted: false,
                  errors: [{ field: '(record)', reason: submission.parseError ?? 'x' }],
                  rejectionId: 'r',
                },
          ),
        );
      },
    };
    return { seen, service };
  }

  it('refuses a CSV line with an unclosed quote, extra values or binary bytes by line, and reads on', async () => {
    const file = join(dir, 'export.csv');
    const binary = Buffer.from([0xc3, 0x28, 0x2c, 0xa0, 0xa1]);
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('\uFEFFnik,fullName\n1,"Siti\n2,a,b\n'),
        binary,
        Buffer.from('\n\n3,"Aminah, Siti"\n4\n'),
      ]),
    );
    const { seen, service } = recordingIntake();
    const summary = await importFile(file, service, () => undefined);
    expect(summary).toMatchObject({ rows: 5, accepted: 2, refused: 3 });
    expect(seen.map((row) => [row.sourceName, row.parseError ?? row.raw])).toEqual([
      ['export.csv line 2', expect.stringMatching(/^line is not valid CSV: Quote Not Closed/)],
      [
        'export.csv line 3',
        'line has 3 values, the header names 2 fields: a comma inside a value must be quoted',
      ],
      ['export.csv line 4', 'line is not UTF-8 text (binary data, or an export in another encoding)'],
      ['export.csv line 6', { nik: '3', fullName: 'Aminah, Siti' }],
      ['export.csv line 7', { nik: '4' }],
    ]);
    expect(seen[2]?.original.toString('hex')).toBe(binary.toString('hex'));
    expect(seen[0]?.original.toString()).toBe('1,"Siti');
  });

  it('refuses an NDJSON line over the size limit, keeping its start', async () => {
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, `{"nik":"1"}\n{"fullName":"${'A'.repeat(MAX_RECORD_BYTES)}"}\n`);
    const { seen, service } = recordingIntake();
    expect(await importFile(file, service, () => undefined)).toMatchObject({ rows: 2, accepted: 1 });
    expect(seen[1]?.parseError).toMatch(/^line is \d+ bytes, over the limit of 262144/);
    expect(seen[1]?.original.length).toBe(MAX_RECORD_BYTES);
  });
});
