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
});
