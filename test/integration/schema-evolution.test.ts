import { createAvroDecoder, registerCodec } from '@waspada/common';
import { uniqueName, useTestKit } from './support/clients';

const v1 = {
  type: 'record',
  name: 'TestPassport',
  namespace: 'id.waspada.test',
  fields: [
    { name: 'passportNumber', type: 'string' },
    { name: 'office', type: 'string' },
  ],
};
/** Adds an optional field with a default: readers of v1 and v2 both keep working. */
const v2 = {
  ...v1,
  fields: [...v1.fields, { name: 'purpose', type: ['null', 'string'], default: null }],
};
/** Adds a required field with no default: old records cannot be read under it. */
const v3Incompatible = {
  ...v1,
  fields: [...v1.fields, { name: 'destination', type: 'string' }],
};

describe('schema evolution under BACKWARD compatibility', () => {
  const kit = useTestKit();

  it('sets the subject compatibility before the first version is registered', async () => {
    const subject = `${uniqueName('passport')}-value`;
    expect(await kit().registry.compatibility(subject)).toBeUndefined();
    await registerCodec(kit().registry, subject, v1, 'BACKWARD');
    expect(await kit().registry.compatibility(subject)).toBe('BACKWARD');
  });

  it('accepts a compatible new version and decodes old and new records with the newer reader', async () => {
    const subject = `${uniqueName('passport')}-value`;
    const old = await registerCodec<Record<string, unknown>>(kit().registry, subject, v1);
    const next = await registerCodec<Record<string, unknown>>(kit().registry, subject, v2);
    expect(next.schemaId).not.toBe(old.schemaId);

    const decode = createAvroDecoder<Record<string, unknown>>(kit().registry, next.type);
    const fromOld = await decode(old.encode({ passportNumber: 'X1234567', office: 'Kanim Entikong' }));
    expect(fromOld.value).toEqual({ passportNumber: 'X1234567', office: 'Kanim Entikong', purpose: null });
    const fromNew = await decode(
      next.encode({ passportNumber: 'X7654321', office: 'Kanim Mataram', purpose: 'tourism' }),
    );
    expect(fromNew.value.purpose).toBe('tourism');
  });

  it('refuses an incompatible change with the registry reason', async () => {
    const subject = `${uniqueName('passport')}-value`;
    await registerCodec(kit().registry, subject, v1);
    await expect(registerCodec(kit().registry, subject, v3Incompatible)).rejects.toMatchObject({
      code: 'WSP_REGISTRY_REFUSED',
      message: expect.stringMatching(
        new RegExp(`registering a new version of subject ${subject}: .*(409|ncompatib)`),
      ),
    });
    const versions = await fetch(`${kit().registry.url}/subjects/${subject}/versions`).then((response) =>
      response.json(),
    );
    expect(versions).toEqual([1]);
  });

  it('refuses to register under a laxer level than the subject already has', async () => {
    const subject = `${uniqueName('passport')}-value`;
    await registerCodec(kit().registry, subject, v1, 'FULL');
    await expect(registerCodec(kit().registry, subject, v2, 'NONE')).rejects.toThrow(
      new RegExp(`subject ${subject} has compatibility FULL, not NONE`),
    );
    expect(await kit().registry.compatibility(subject)).toBe('FULL');
  });

  it('refuses to encode a value that does not match the schema, naming the field', async () => {
    const codec = await registerCodec(kit().registry, `${uniqueName('passport')}-value`, v1);
    expect(() => codec.encode({ passportNumber: 'X1234567', office: 42 })).toThrow(/invalid field office/);
  });
});
