import { Writable } from 'node:stream';
import { createLogger, maskNik, maskNiksInText } from '../../src';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', level: 'info', destination }) };
}

describe('NIK masking', () => {
  it('keeps province and regency and the last two digits, hides the birth date and serial', () => {
    expect(maskNik('3201014101900001')).toBe('3201**********01');
  });

  it('masks every 16-digit run in free text but leaves other numbers', () => {
    expect(maskNiksInText('NIK 6171054507950003 at TPI 2026')).toBe('NIK 6171**********03 at TPI 2026');
    expect(maskNiksInText('offset 12345678901234567')).toBe('offset 12345678901234567');
    // A trace id whose digits happen to run 16 long stays whole; a NIK beside one is still masked.
    const traceId = 'f8768a74b4443e8307170296588463d7';
    expect(maskNiksInText(`trace ${traceId} nik 6171054507950003`)).toBe(
      `trace ${traceId} nik 6171**********03`,
    );
    expect(maskNiksInText('6171054507950003a')).toBe('6171**********03a');
  });
});

describe('the service logger', () => {
  it('never writes a full NIK, a name or a secret', () => {
    const { lines, logger } = capture();
    const nik = '3201014101900001';
    logger.info({ nik, person: { nik, name: 'Siti Aminah' }, password: 'hunter2' }, `scan for ${nik}`);
    logger.error({ err: new Error(`no placement for ${nik}`) }, 'rule failed');
    const output = lines.join('');
    expect(output).not.toContain(nik);
    expect(output).not.toContain('Siti Aminah');
    expect(output).not.toContain('hunter2');
    expect(output).toContain('3201**********01');
  });

  it('masks a NIK under any key, in child bindings, deep in an object and as a number', () => {
    const { lines, logger } = capture();
    const nik = '6103055708030002';
    logger.child({ nik }).info('child');
    logger.info({ key: nik, record: { a: { b: { c: { d: { e: { holder: nik } } } } } } }, 'nested');
    logger.info({ number: Number(nik) }, 'numeric');
    const output = lines.join('');
    expect(output).not.toContain(nik);
    expect(output).not.toContain(String(Number(nik)));
    expect(output.match(/6103\*{10}02/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
