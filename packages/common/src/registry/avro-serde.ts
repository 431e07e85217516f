import avro, { type Type } from 'avsc';
import { WaspadaError } from '../errors';
import type { CompatibilityLevel, SchemaRegistryClient } from './schema-registry';

/**
 * Confluent wire format, which every Confluent-compatible consumer reads:
 *
 *   byte 0      magic byte, always 0
 *   bytes 1-4   schema id, big-endian int32, as the registry assigned it
 *   bytes 5-    Avro binary encoding of the value under that schema
 */
const MAGIC_BYTE = 0;
const HEADER_BYTES = 5;

export interface AvroCodec<T> {
  readonly subject: string;
  readonly schemaId: number;
  readonly type: Type;
  encode(value: T): Buffer;
}

export interface DecodedRecord<T> {
  readonly schemaId: number;
  readonly value: T;
}

/** Compiles an Avro schema once; call at module load, never per message. */
export function compileAvroType(schema: object): Type {
  return avro.Type.forSchema(schema as avro.Schema, { omitRecordMethods: true });
}

/**
 * Registers the schema under its subject (the compatibility level set first) and returns an
 * encoder bound to the id the registry gave it.
 */
export async function registerCodec<T>(
  registry: SchemaRegistryClient,
  subject: string,
  schema: object,
  level: CompatibilityLevel = 'BACKWARD',
): Promise<AvroCodec<T>> {
  const type = compileAvroType(schema);
  const schemaId = await registry.register(subject, schema, level);
  return {
    subject,
    schemaId,
    type,
    encode: (value) => encodeWith(schemaId, type, value),
  };
}

export function encodeWith(schemaId: number, type: Type, value: unknown): Buffer {
  let end: number;
  try {
    // Written after the header in one reused buffer, then copied out once: toBuffer would allocate
    // the body (zero-filled) and the header's copy would allocate again, for every record.
    end = type.encode(value, ENCODE_SCRATCH, HEADER_BYTES);
  } catch (error) {
    // Only a failed encode pays for the walk that names the bad fields.
    const paths: string[] = [];
    type.isValid(value, { errorHook: (path) => paths.push(path.join('.') || '(root)') });
    throw new WaspadaError(
      'WSP_ENCODE_FAILED',
      `value does not match schema ${type.name ?? schemaId}: invalid field${paths.length > 1 ? 's' : ''} ${paths.join(', ') || '(unknown)'}`,
      { cause: error },
    );
  }
  if (end < 0) return withHeader(schemaId, type.toBuffer(value));
  ENCODE_SCRATCH.writeUInt8(MAGIC_BYTE, 0);
  ENCODE_SCRATCH.writeInt32BE(schemaId, 1);
  const out = Buffer.allocUnsafe(end);
  ENCODE_SCRATCH.copy(out, 0, 0, end);
  return out;
}

/** Room for any ordinary record; a larger one (avsc says how much is missing) is encoded on its own. */
const ENCODE_SCRATCH = Buffer.allocUnsafe(64 * 1024);

function withHeader(schemaId: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  out.writeUInt8(MAGIC_BYTE, 0);
  out.writeInt32BE(schemaId, 1);
  body.copy(out, HEADER_BYTES);
  return out;
}

/** Reads the schema id from a record without decoding it, or explains why the bytes are not ours. */
export function readSchemaId(bytes: Buffer | null): number {
  if (bytes === null) throw new WaspadaError('WSP_DECODE_FAILED', 'record has no value (tombstone)');
  if (bytes.length < HEADER_BYTES) {
    throw new WaspadaError(
      'WSP_DECODE_FAILED',
      `record is ${bytes.length} bytes, shorter than the 5-byte wire header`,
    );
  }
  if (bytes[0] !== MAGIC_BYTE) {
    throw new WaspadaError(
      'WSP_DECODE_FAILED',
      `record starts with byte ${bytes[0]}, not the wire format's magic byte 0`,
    );
  }
  return bytes.readInt32BE(1);
}

/**
 * Decodes records written under any registered schema version into the reader's schema, so a
 * consumer keeps working while producers move to a newer compatible version. Writer schemas and
 * resolvers are cached per schema id.
 */
export function createAvroDecoder<T>(registry: SchemaRegistryClient, readerType?: Type) {
  interface Reading {
    readonly writer: Type;
    readonly resolver?: avro.Resolver;
  }
  // The lookup is cached while under way, not only once done: a consumer's first fetch hands over
  // thousands of records of one schema id at once, and each would otherwise ask the registry.
  const readings = new Map<number, Promise<Reading>>();

  async function lookUp(schemaId: number): Promise<Reading> {
    const writer = await registry.schemaById(schemaId);
    if (!readerType || readerType.equals(writer)) return { writer };
    try {
      return { writer, resolver: readerType.createResolver(writer) };
    } catch (error) {
      // Not a transient fault: the record was written under a schema this reader can never read.
      throw new WaspadaError(
        'WSP_DECODE_FAILED',
        `record written under schema id ${schemaId} (${writer.name ?? 'unnamed'}) cannot be read as ${readerType.name ?? 'the reader schema'}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  function resolverFor(schemaId: number): Promise<Reading> {
    let reading = readings.get(schemaId);
    if (!reading) {
      reading = lookUp(schemaId);
      readings.set(schemaId, reading);
      // A failed lookup (a registry that did not answer) is asked again by the next record.
      reading.catch(() => readings.delete(schemaId));
    }
    return reading;
  }

  return async function decode(bytes: Buffer | null): Promise<DecodedRecord<T>> {
    const schemaId = readSchemaId(bytes);
    const { writer, resolver } = await resolverFor(schemaId);
    const body = (bytes as Buffer).subarray(HEADER_BYTES);
    try {
      const value: unknown =
        resolver && readerType
          ? readerType.fromBuffer(body, resolver)
          : (readerType ?? writer).fromBuffer(body);
      return { schemaId, value: value as T };
    } catch (error) {
      throw new WaspadaError(
        'WSP_DECODE_FAILED',
        `record body does not decode under schema id ${schemaId}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  };
}
