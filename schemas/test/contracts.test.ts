import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { ADDED_FIELD_DEFAULTS, CONTRACTS } from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the generator is a plain CommonJS script
const { generate, outDir } = require('../scripts/generate-types.cjs') as {
  generate: () => { file: string; text: string }[];
  outDir: string;
};

interface Field {
  name: string;
  type: unknown;
  doc?: string;
}

const contracts = Object.values(CONTRACTS);
const envelope = ['eventId', 'eventTime', 'recordTime', 'sourceAgency', 'sourceSystem'];

describe('event contracts', () => {
  it.each(contracts.map((contract) => [contract.name, contract] as const))(
    '%s is a valid Avro schema',
    (_name, contract) => {
      expect(() => avro.Type.forSchema(contract.schema as avro.Schema)).not.toThrow();
    },
  );

  it('gives every agency event the same envelope, so tooling can read any event the same way', () => {
    const reference = (CONTRACTS.passport.schema.fields as Field[]).slice(0, envelope.length);
    // Agency events only: alerts, desk actions and dead letters are Waspada's own records.
    const agencyEvents = [
      CONTRACTS.passport,
      CONTRACTS.borderCrossing,
      CONTRACTS.placement,
      CONTRACTS.identity,
      CONTRACTS.citizenAbroad,
      CONTRACTS.watchlist,
    ];
    for (const contract of agencyEvents) {
      const fields = (contract.schema.fields as Field[]).slice(0, envelope.length);
      expect(fields.map((field) => field.name)).toEqual(envelope);
      expect(fields.map((field) => JSON.stringify(field.type))).toEqual(
        reference.map((field) => JSON.stringify(field.type)),
      );
    }
  });

  it('documents every field', () => {
    const undocumented = contracts.flatMap((contract) =>
      (contract.schema.fields as Field[])
        .filter((field) => !field.doc)
        .map((field) => `${contract.name}.${field.name}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('puts every person event on a topic joined by NIK, under the topic-name subject', () => {
    expect(CONTRACTS.borderCrossing.subject).toBe('waspada.immigration.border-crossing.v1-value');
    const withNik = contracts.filter((contract) =>
      (contract.schema.fields as Field[]).some((field) => field.name === 'nik'),
    );
    expect(withNik.map((contract) => contract.name).sort()).toEqual([
      'access-record',
      'alert-action',
      'border-crossing-event',
      'case-event',
      'citizen-abroad-event',
      'identity-event',
      'passport-event',
      'placement-event',
      'rejudge-request',
      // Keyed by exemption id on a topic of one partition: the processors fold every step in order.
      'rule-exemption',
    ]);
    for (const contract of withNik) expect(contract.subject).toBe(`${contract.topic}-value`);
  });

  it('has generated TypeScript types that match the schemas (run npm run generate -w @waspada/schemas)', () => {
    for (const { file, text } of generate()) {
      expect(readFileSync(join(outDir, file), 'utf8')).toBe(text);
    }
  });
});

describe('fields added in 2026-12', () => {
  it.each(Object.entries(ADDED_FIELD_DEFAULTS))(
    '%s: an older record reads every added field as its schema default, and each is optional',
    (name, defaults) => {
      const contract = CONTRACTS[name as keyof typeof ADDED_FIELD_DEFAULTS];
      const fields = contract.schema.fields as (Field & { default?: unknown })[];
      for (const [field, value] of Object.entries(defaults())) {
        const declared = fields.find((candidate) => candidate.name === field);
        expect(declared).toBeDefined();
        expect(declared?.default).toEqual(value);
        expect(declared?.doc).toMatch(/^Added 2026-12\./);
      }
    },
  );
});

describe('records written before the 2026-12 fields', () => {
  // The schema as it stood before: the current one without the fields added in 2026-12.
  const before = (schema: Readonly<Record<string, unknown>>) => ({
    ...schema,
    fields: (schema.fields as Field[]).filter((field) => !field.doc?.startsWith('Added 2026-12.')),
  });

  it.each(Object.keys(ADDED_FIELD_DEFAULTS))(
    '%s: a record of the old schema reads under the new one with every added field at its default',
    (name) => {
      const contract = CONTRACTS[name as keyof typeof ADDED_FIELD_DEFAULTS];
      const oldType = avro.Type.forSchema(before(contract.schema) as avro.Schema);
      const newType = avro.Type.forSchema(contract.schema as avro.Schema);
      const resolver = newType.createResolver(oldType);
      for (let sample = 0; sample < 20; sample += 1) {
        const old: unknown = oldType.random();
        const read = newType.fromBuffer(oldType.toBuffer(old), resolver) as Record<string, unknown>;
        expect(read).toEqual({
          ...(oldType.fromBuffer(oldType.toBuffer(old)) as object),
          ...ADDED_FIELD_DEFAULTS[name as keyof typeof ADDED_FIELD_DEFAULTS](),
        });
      }
    },
  );
});

describe('access-record operations', () => {
  type EnumType = { name: string; symbols: string[]; default?: string };
  const operation = () =>
    (CONTRACTS.access.schema.fields as Field[]).find((field) => field.name === 'operation')?.type as EnumType;

  it('reads every record written before VIEW_NETWORK under the current schema (BACKWARD)', () => {
    // The schema before VIEW_NETWORK: a reader with more symbols reads every older writer, so the
    // symbol needs no enum default under BACKWARD (a default only serves readers that lack a symbol).
    const before = {
      ...CONTRACTS.access.schema,
      fields: (CONTRACTS.access.schema.fields as Field[]).map((field) =>
        field.name === 'operation'
          ? {
              ...field,
              type: { ...operation(), symbols: operation().symbols.filter((s) => s !== 'VIEW_NETWORK') },
            }
          : field,
      ),
    };
    const oldType = avro.Type.forSchema(before as avro.Schema);
    const newType = avro.Type.forSchema(CONTRACTS.access.schema as avro.Schema);
    const resolver = newType.createResolver(oldType);
    for (let sample = 0; sample < 20; sample += 1) {
      const old: unknown = oldType.random();
      expect(newType.fromBuffer(oldType.toBuffer(old), resolver)).toEqual(
        oldType.fromBuffer(oldType.toBuffer(old)),
      );
    }
  });
});
