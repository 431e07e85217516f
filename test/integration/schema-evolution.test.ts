import { randomUUID } from 'node:crypto';
import { createAvroDecoder, registerCodec } from '@waspada/common';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
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

  it('took RiskAlert.procedureVersion and exemptedRules as compatible changes: old alerts read with no procedure and no exemption, old readers skip them', async () => {
    const current = CONTRACTS.alert.schema as { fields: { name: string }[] };
    const before = {
      ...current,
      fields: current.fields.filter(
        (field) => field.name !== 'procedureVersion' && field.name !== 'exemptedRules',
      ),
    };
    const subject = `${uniqueName('risk-alert')}-value`;
    type OldAlert = Omit<RiskAlert, 'procedureVersion' | 'exemptedRules'>;
    const old = await registerCodec<OldAlert>(kit().registry, subject, before);
    // The registry checks the new version against the old under BACKWARD before it takes it.
    const next = await registerCodec<RiskAlert>(kit().registry, subject, current);
    const alert: OldAlert = {
      alertId: randomUUID(),
      firstAlertId: randomUUID(),
      revision: 0,
      kind: 'NEW',
      situation: 'departure:CGK:2026-11-29',
      person: {
        nik: '3201012608950001',
        fullName: null,
        birthDate: null,
        sex: null,
        ageYears: null,
        originRegencyCode: '3201',
        originRegencyName: null,
      },
      target: { checkpointCode: 'CGK', counterId: null, regencyCode: '3201' },
      severity: 'HIGH',
      score: 60,
      rules: [],
      recommendedActions: ['INTERVIEW'],
      ruleSetVersion: '2026.11.1',
      triggerEventId: randomUUID(),
      eventTime: Date.parse('2026-11-29T01:00:00Z'),
      alertTime: Date.parse('2026-11-29T01:00:01Z'),
    };
    const readNew = createAvroDecoder<RiskAlert>(kit().registry, next.type);
    const readBack = (await readNew(old.encode(alert))).value;
    expect(readBack.procedureVersion).toBeNull();
    expect(readBack.exemptedRules).toEqual([]);
    const readOld = createAvroDecoder<Record<string, unknown>>(kit().registry, old.type);
    const fromNew = await readOld(
      next.encode({
        ...alert,
        procedureVersion: '2026.11.1',
        exemptedRules: [{ ruleId: 'R05', exemptionId: randomUUID(), validUntil: Date.parse('2027-01-01') }],
      }),
    );
    expect(fromNew.value).not.toHaveProperty('procedureVersion');
    expect(fromNew.value).not.toHaveProperty('exemptedRules');
    expect(fromNew.value.alertId).toBe(alert.alertId);
  });
});
