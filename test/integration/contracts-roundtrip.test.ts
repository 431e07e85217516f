import { createAvroDecoder, registerCodec } from '@waspada/common';
import { CONTRACTS } from '@waspada/schemas';
import { uniqueName, useTestKit } from './support/clients';
import { samples } from './support/samples';

describe('every event contract through the schema registry', () => {
  const kit = useTestKit();

  it.each(Object.keys(samples) as (keyof typeof samples)[])(
    '%s encodes, registers and decodes unchanged',
    async (name) => {
      const contract = CONTRACTS[name];
      // A subject of its own, so this test never adds versions to the live subjects.
      const codec = await registerCodec<unknown>(
        kit().registry,
        `${uniqueName(name)}-value`,
        contract.schema,
      );
      const decode = createAvroDecoder<unknown>(kit().registry, codec.type);
      const decoded = await decode(codec.encode(samples[name]));
      expect(decoded.value).toEqual(samples[name]);
    },
  );

  it('keys person events by NIK and unidentified reports by passport number', () => {
    expect(CONTRACTS.borderCrossing.keyOf(samples.borderCrossing)).toBe('6103055708030002');
    expect(CONTRACTS.citizenAbroad.keyOf(samples.citizenAbroad)).toBe('passport:E7654321');
    expect(CONTRACTS.watchlist.keyOf(samples.watchlist)).toBe('WL-RECRUITER-0007');
  });

  it('has every live subject set to BACKWARD compatibility before any producer registers', async () => {
    for (const contract of Object.values(CONTRACTS)) {
      expect(await kit().registry.compatibility(contract.subject)).toBe('BACKWARD');
    }
  });
});
