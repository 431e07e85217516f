import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package's reference folder, from src/ (tests) and dist/ (built) alike. */
export const REFERENCE_DIR = join(__dirname, '..', '..', 'reference');

/**
 * Reads one of the package's own reference CSV files: a header row, then rows of plain values.
 * The files are ours and hold no quoted fields, so a row with the wrong number of values is a
 * broken file and fails the load loudly.
 */
export function readReferenceCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(join(REFERENCE_DIR, file), 'utf8').trim().split('\n');
  const columns = (header ?? '').split(',');
  return rows.map((row, index) => {
    const values = row.split(',');
    if (values.length !== columns.length) {
      throw new Error(
        `reference/${file} line ${index + 2} has ${values.length} values, expected ${columns.length}`,
      );
    }
    return Object.fromEntries(columns.map((column, position) => [column, values[position] ?? '']));
  });
}

export function readReferenceJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, file), 'utf8')) as T;
}
