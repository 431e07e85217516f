import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, WaspadaError } from '../src';

describe('error codes', () => {
  it('documents every code and carries its retry decision', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^WSP_[A-Z_]+$/);
      expect(entry.doc.length).toBeGreaterThan(20);
    }
    expect(new WaspadaError('WSP_KAFKA_UNREACHABLE', 'x').retryable).toBe(true);
    expect(new WaspadaError('WSP_DECODE_FAILED', 'x').retryable).toBe(false);
  });

  it('has each code in docs/errors.md with its retry decision, and no code there that the code lacks', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8');
    const documented = new Map(
      [...doc.matchAll(/^\| `(WSP_[A-Z_]+)` +\| (yes|no) +\|/gm)].map((match) => [
        match[1],
        match[2] === 'yes',
      ]),
    );
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, entry] of Object.entries(ERROR_CODES))
      expect([code, documented.get(code)]).toEqual([code, entry.retryable]);
    // Every code a page mentions is one of these.
    for (const mention of doc.matchAll(/WSP_[A-Z_]+/g))
      expect(Object.keys(ERROR_CODES)).toContain(mention[0]);
  });
});
