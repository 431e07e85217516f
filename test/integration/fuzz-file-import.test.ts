import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compileAvroType, createAvroDecoder, TOPICS, type IncomingRecord } from '@waspada/common';
import { MAX_RECORD_BYTES } from '@waspada/producer-kit';
import { CONTRACTS, type BorderCrossingEvent, type RejectedRecord } from '@waspada/schemas';
import { readTopicUntil, serviceEnv, testConnections, useTestKit } from './support/clients';
import {
  badCrossing,
  generator,
  goodCrossing,
  INJECTIONS,
  PRINTABLE_INJECTIONS,
  type Random,
} from './support/fuzz';

/**
 * Bad input through the file import: exports of thousands of lines, broken lines among good ones,
 * imported by the border-crossing producer's own command (`main.js import <file>`). Every broken
 * line must be refused with its line number, a field and a reason, and be on the rejected topic
 * byte for byte; every good line must be on the border-crossing topic, names as written.
 */
const BAD_LINES = 6_000;
const GOOD_EVERY = 10;
const LONG_LINES = 3;

const COLUMNS = [
  'nik',
  'eventTime',
  'direction',
  'stage',
  'checkpointCode',
  'checkpointType',
  'documentType',
  'documentNumber',
  'fullName',
  'birthDate',
  'sex',
  'countryCode',
] as const;

/** A line of the export: its bytes, and for a broken one the field its refusal must name, if one is certain. */
interface Line {
  readonly bytes: Buffer;
  readonly good: boolean;
  readonly fullName?: string;
  readonly field?: string;
}

function csvValue(value: unknown): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (record: Record<string, unknown>) => COLUMNS.map((name) => csvValue(record[name])).join(',');

/** Bytes that are never UTF-8 (0xff cannot occur in it) and hold no line break (LF, or CR before one). */
function garbage(random: Random): Buffer {
  const bytes = random.bytes(random.int(20, 200));
  for (let at = 0; at < bytes.length; at += 1) if (bytes[at] === 0x0a || bytes[at] === 0x0d) bytes[at] = 0x0b;
  bytes[random.int(0, bytes.length)] = 0xff;
  return bytes;
}

const veryLongName = (random: Random) => 'A'.repeat(MAX_RECORD_BYTES + random.int(1, 2_000_000));

/** A broken CSV line: damage that survives CSV's text-only values, each with the field it spoils. */
function badCsvLine(random: Random, serial: number): Line {
  const record: Record<string, unknown> = {
    ...goodCrossing(serial),
    fullName: `Siti ${random.pick(INJECTIONS)}`,
  };
  const field = (name: string, value: unknown): Line => {
    record[name] = value;
    return { bytes: Buffer.from(csvLine(record)), good: false, field: name };
  };
  const nik = String(record.nik);
  const kinds: (() => Line)[] = [
    () => field('nik', nik.slice(0, random.int(1, 16))),
    () => field('nik', `${nik.slice(0, 15)}X`),
    () => field('nik', `9999${nik.slice(4)}`),
    () => field('nik', `${nik.slice(0, 6)}${random.int(72, 99)}${nik.slice(8)}`),
    () => field('nik', random.pick(PRINTABLE_INJECTIONS)),
    () => field('birthDate', random.pick(['2003-02-30', '2003-13-01', '17/08/2003', '2099-01-01'])),
    () => field('eventTime', random.pick(['yesterday', '2026-13-45T25:61:00Z', '-1', '1e99'])),
    () => field('direction', random.pick(['SIDEWAYS', 'departure', random.pick(PRINTABLE_INJECTIONS)])),
    () => field('stage', random.pick(['BOARDING', '0', '{}'])),
    () => field('sex', random.pick(['X', 'F', 'male'])),
    () => field('countryCode', random.pick(['XX', 'Malaysia', '7'])),
    () => field('checkpointCode', random.pick(['NOWHERE', random.pick(PRINTABLE_INJECTIONS)])),
    // Missing columns: the line stops early, so the first column left off is named as required.
    () => {
      const kept = random.int(1, COLUMNS.length);
      return {
        bytes: Buffer.from(
          COLUMNS.slice(0, kept)
            .map((name) => csvValue(record[name]))
            .join(','),
        ),
        good: false,
        field: COLUMNS[kept],
      };
    },
    () => ({
      bytes: Buffer.from(
        `${csvLine(record)},${Array.from({ length: random.int(1, 4) }, () => 'extra').join(',')}`,
      ),
      good: false,
      field: '(record)',
    }),
    () => ({
      bytes: Buffer.from(`${csvLine(record)},"unclosed ${random.pick(PRINTABLE_INJECTIONS)}`),
      good: false,
      field: '(record)',
    }),
    () => ({
      bytes: Buffer.from(csvLine(record).replace(',Siti', ',"Siti')),
      good: false,
      field: '(record)',
    }),
    () => ({ bytes: garbage(random), good: false, field: '(record)' }),
  ];
  return random.pick(kinds)();
}

/** A broken NDJSON line: the HTTP suite's damaged records, and lines that are not a record at all. */
function badNdjsonLine(random: Random, serial: number): Line {
  const kinds: (() => Line)[] = [
    () => ({ bytes: Buffer.from(JSON.stringify(badCrossing(random, serial))), good: false }),
    () => ({ bytes: Buffer.from(JSON.stringify(badCrossing(random, serial))), good: false }),
    () => ({ bytes: Buffer.from(JSON.stringify(badCrossing(random, serial))), good: false }),
    () => {
      const json = JSON.stringify(goodCrossing(serial));
      return {
        bytes: Buffer.from(json.slice(0, random.int(1, json.length - 1))),
        good: false,
        field: '(record)',
      };
    },
    () => ({
      bytes: Buffer.from(
        JSON.stringify({ ...goodCrossing(serial), [random.pick(['nick', 'name', '__proto__x'])]: 'x' }),
      ),
      good: false,
    }),
    () => ({
      bytes: Buffer.from(JSON.stringify(random.pick([[], 'text', 42, null, [goodCrossing(serial)]]))),
      good: false,
      field: '(record)',
    }),
    () => ({ bytes: garbage(random), good: false, field: '(record)' }),
  ];
  return random.pick(kinds)();
}

/** The export: good lines every GOOD_EVERY lines (some named with printable injection strings), a few very long lines. */
function exportLines(format: 'csv' | 'ndjson', random: Random, tag: string): Line[] {
  const lines: Line[] = [];
  const serial0 = random.int(0, 1_000_000);
  for (let index = 0; lines.filter((line) => !line.good).length < BAD_LINES; index += 1) {
    const serial = serial0 + index;
    if (index % GOOD_EVERY === 0) {
      const name =
        index % (GOOD_EVERY * 3) === 0
          ? `${random.pick(PRINTABLE_INJECTIONS)} ${tag}-${index}`
          : `Siti Aminah ${tag}-${index}`;
      const record = { ...goodCrossing(serial), fullName: name };
      lines.push({
        bytes: Buffer.from(format === 'csv' ? csvLine(record) : JSON.stringify(record)),
        good: true,
        fullName: name,
      });
    } else if (index % Math.floor((BAD_LINES * 1.1) / LONG_LINES) === 1) {
      const record = { ...goodCrossing(serial), fullName: veryLongName(random) };
      lines.push({
        bytes: Buffer.from(format === 'csv' ? csvLine(record) : JSON.stringify(record)),
        good: false,
        field: '(record)',
      });
    } else {
      lines.push(format === 'csv' ? badCsvLine(random, serial) : badNdjsonLine(random, serial));
    }
  }
  return lines;
}

/** Runs `main.js import <file>` as an operator would, returning what it printed. */
function importWithCommand(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('@waspada/border-crossing-producer'), 'import', file],
      {
        env: serviceEnv(testConnections(), {}),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the file import under generated bad lines', () => {
  const kit = useTestKit();
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['csv', 'ndjson'] as const)(
    `refuses each of ${BAD_LINES.toLocaleString('en')} broken lines of a %s export by line, field and reason, keeps each byte for byte on the rejected topic, and imports every good line`,
    async (format) => {
      const seed = randomInt(1, 2 ** 31);
      const random = generator(seed);
      // Letters only: a tag no earlier run's names contain, to find this run's records.
      const tag = `FZ${seed.toString(36).toUpperCase()}${format.toUpperCase()}`;
      const lines = exportLines(format, random, tag);
      const file = join(dir, `simkim-${tag}.${format}`);
      const header = format === 'csv' ? [Buffer.from(`${COLUMNS.join(',')}\n`)] : [];
      writeFileSync(
        file,
        Buffer.concat([...header, ...lines.flatMap((line) => [line.bytes, Buffer.from('\n')])]),
      );
      const lineNumber = (index: number) => index + 1 + header.length;

      const result = await importWithCommand(file);
      expect({ seed, code: result.code, stderr: result.stderr.slice(-2_000) }).toMatchObject({ code: 0 });
      const bad = lines.filter((line) => !line.good).length;
      const good = lines.length - bad;
      expect(result.stdout).toContain(`${lines.length} rows, ${good} accepted, ${bad} refused`);
      // The summary's first refusals are broken lines, by number, each with a field and a reason.
      const printed = [...result.stdout.matchAll(/^ {2}line (\d+): (.+)$/gm)];
      expect(printed.length).toBeGreaterThan(0);
      for (const [, number, reason] of printed) {
        expect(lines[Number(number) - 1 - header.length]?.good).toBe(false);
        expect(reason).toMatch(/^[^:]+: .{6,}/);
      }

      // Every broken line on the rejected topic, found by the file name in its source.
      const marker = Buffer.from(basename(file));
      const mine = (records: readonly IncomingRecord[]) =>
        records.filter((record) => record.value?.includes(marker));
      const rejected = mine(
        await readTopicUntil(
          kit(),
          TOPICS.rejected,
          (read) => mine(read).length >= bad,
          `${bad} refused lines on the rejected topic`,
        ),
      );
      const decodeRejected = createAvroDecoder<RejectedRecord>(
        kit().registry,
        compileAvroType(CONTRACTS.rejected.schema),
      );
      const byLine = new Map<number, RejectedRecord>();
      for (const record of rejected) {
        const refusal = (await decodeRejected(record.value)).value;
        byLine.set(Number(/ line (\d+)$/.exec(refusal.sourceName ?? '')?.[1]), refusal);
      }
      const problems: unknown[] = [];
      lines.forEach((line, index) => {
        if (line.good) return;
        const refusal = byLine.get(lineNumber(index));
        const fields = refusal?.errors.map((error) => error.field) ?? [];
        if (
          !refusal ||
          refusal.channel !== 'FILE' ||
          !refusal.originalPayload.equals(line.bytes.subarray(0, MAX_RECORD_BYTES)) ||
          refusal.errors.length === 0 ||
          refusal.errors.some((error) => error.field === '' || error.reason.length < 6) ||
          (line.field !== undefined && !fields.includes(line.field))
        ) {
          problems.push({ line: lineNumber(index), expected: line.field, got: refusal?.errors });
        }
      });
      expect({ seed, problems: problems.slice(0, 5), count: problems.length }).toEqual({
        seed,
        problems: [],
        count: 0,
      });
      expect([...byLine.keys()].every((number) => lines[number - 1 - header.length]?.good === false)).toBe(
        true,
      );

      // Every good line on the border-crossing topic, its name exactly as written.
      const runTag = Buffer.from(tag);
      const ours = (records: readonly IncomingRecord[]) =>
        records.filter((record) => record.value?.includes(runTag));
      const crossings = ours(
        await readTopicUntil(
          kit(),
          TOPICS.borderCrossing,
          (read) => ours(read).length >= good,
          `${good} good lines on the border-crossing topic`,
        ),
      );
      const decodeCrossing = createAvroDecoder<BorderCrossingEvent>(
        kit().registry,
        compileAvroType(CONTRACTS.borderCrossing.schema),
      );
      const names = new Set<string>();
      for (const record of crossings) names.add((await decodeCrossing(record.value)).value.fullName);
      const expectedNames = lines.flatMap((line) => (line.good && line.fullName ? [line.fullName] : []));
      expect(expectedNames.filter((name) => !names.has(name))).toEqual([]);
      expect(crossings).toHaveLength(good);

      process.stdout.write(
        `fuzz file import (${format}): ${lines.length} lines, ${bad} bad inputs sent, ${byLine.size} refused and kept byte for byte, ${names.size} good arrived (seed ${seed})\n`,
      );
    },
    180_000,
  );
});
