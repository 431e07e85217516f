import { randomBytes } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';
import { nameUuid } from '../../src/ids/name-uuid';

describe('nameUuid', () => {
  it("gives RFC 9562's example: www.example.com in the DNS namespace", () => {
    expect(nameUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8')('www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the uuid package v5 ids, for records, names in any script, empty and long names, one after another', () => {
    const namespace = '3f1c1b4e-0c55-4f0e-9a37-6d1f0b8f6a21';
    const ours = nameUuid(namespace);
    const names = [
      '',
      '{"checkpointCode":"CGK","eventTime":1796000000000,"nik":"3201010101900001"}',
      'Siti Rahayu · Nguyễn Thị · 王秀英 · محمد · 🙂',
      'x'.repeat(100_000),
      // Either side of the longest name hashed from the reused buffer, in 3-byte characters.
      '王'.repeat(5_456),
      '王'.repeat(5_457),
      ...Array.from({ length: 500 }, () => randomBytes(40).toString('latin1')),
      ...Array.from({ length: 500 }, () => randomBytes(30).toString('base64')),
    ];
    for (const name of names) expect(ours(name)).toBe(uuidV5(name, namespace));
  });

  it('hashes a lone surrogate as U+FFFD, as UTF-8 encoding does, in short names and long', () => {
    const ours = nameUuid('3f1c1b4e-0c55-4f0e-9a37-6d1f0b8f6a21');
    expect(ours('a\uD800b')).toBe(ours('a\uFFFDb'));
    const long = 'x'.repeat(20_000);
    expect(ours(`${long}\uD800`)).toBe(ours(`${long}\uFFFD`));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameUuid('alerts')).toThrow('namespace alerts is not a UUID');
  });
});
