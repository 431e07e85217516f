import { FieldErrors } from '@waspada/domain';

/**
 * Turns a record as an agency sends it (JSON, or a CSV row of strings) into the shape its Avro
 * schema expects, field by field, so one set of rules serves the HTTP API and the file import:
 *
 *   - a missing or empty optional field becomes its default; a missing required field is an error
 *   - timestamps (long, timestamp-millis) accept epoch milliseconds or an ISO 8601 string
 *   - string arrays accept a JSON array or a `;`-separated string (CSV)
 *   - arrays of records (a booking's passengers) accept a JSON array of objects, in CSV as JSON
 *     text; each item is normalised like a record and a problem names the item and its field
 *   - booleans accept true/false, also as strings
 *   - a field the schema does not have is an error, so a misspelt field is not silently dropped
 */

type AvroType =
  | string
  | AvroType[]
  | {
      type: string;
      logicalType?: string;
      symbols?: string[];
      items?: AvroType;
      name?: string;
      fields?: AvroField[];
    };
interface AvroField {
  name: string;
  type: AvroType;
  default?: unknown;
}

export interface NormalizeResult {
  readonly value: Record<string, unknown>;
  readonly errors: FieldErrors;
}

/** Named types (enums) of a schema, so a field that names one by reference can be checked. */
function namedTypes(schema: { fields: AvroField[] }): Map<string, AvroType> {
  const named = new Map<string, AvroType>();
  const visit = (type: AvroType) => {
    if (Array.isArray(type)) type.forEach(visit);
    else if (typeof type === 'object') {
      if (type.name) named.set(type.name, type);
      if (type.items) visit(type.items);
      type.fields?.forEach((field) => visit(field.type));
    }
  };
  for (const field of schema.fields) visit(field.type);
  return named;
}

/**
 * A check compiled from one Avro type: the value as the schema wants it, or why not. Compiled once
 * per schema, so a record costs a call per field and no walk of the schema's JSON: the per-field
 * interpretation of the schema was a third of the producer's intake time.
 */
type Convert = (given: unknown) => unknown;

/** Why a value was not taken; a converter returns one instead of a value. */
class Refusal {
  constructor(readonly reason: string) {}
}

/** A value left out; a field with a schema default takes the default instead (compileField). */
const MISSING = new Refusal('is required');
const refuseMissing: Convert = () => MISSING;

function fail(reason: string): Refusal {
  return new Refusal(reason);
}

function isEmpty(given: unknown): boolean {
  return given === undefined || given === null || given === '';
}

export function createNormalizer(
  schema: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
) {
  const record = schema as unknown as { name: string; fields: AvroField[] };
  const named = namedTypes(record);
  const fields = record.fields.map((field) => ({
    name: field.name,
    convert: compileField(field, named),
    fallback: defaults[field.name],
  }));
  const fieldNames = new Set(fields.map((field) => field.name));

  /** The record's fields as the schema wants them; `supplied` fills fields the record leaves out. */
  return function normalize(raw: unknown, supplied?: Readonly<Record<string, unknown>>): NormalizeResult {
    const errors = new FieldErrors();
    const value: Record<string, unknown> = {};
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.add('(record)', 'must be a JSON object with the fields of the record');
      return { value, errors };
    }
    const input = raw as Record<string, unknown>;
    for (const key in input) {
      if (Object.hasOwn(input, key) && !fieldNames.has(key))
        errors.add(key, `is not a field of ${record.name}`);
    }
    for (const field of fields) {
      const result = field.convert(input[field.name] ?? supplied?.[field.name] ?? field.fallback);
      if (result instanceof Refusal) errors.add(field.name, result.reason);
      else value[field.name] = result;
    }
    return { value, errors };
  };
}

/** A field's converter, its schema default taken when the value is left out. */
function compileField(field: AvroField, named: Map<string, AvroType>): Convert {
  const convert = compile(field.type, named);
  if (field.default === undefined) return convert;
  const fallback = field.default;
  return (given) => {
    const result = convert(given);
    return result === MISSING ? fallback : result;
  };
}

function compile(type: AvroType, named: Map<string, AvroType>): Convert {
  if (Array.isArray(type)) {
    const inner = type.find((member) => member !== 'null');
    const convertInner = inner === undefined ? refuseMissing : compile(inner, named);
    if (!type.includes('null')) return convertInner;
    return (given) => (isEmpty(given) ? null : convertInner(given));
  }
  if (typeof type === 'string') {
    const reference = named.get(type) ?? named.get(type.split('.').pop() ?? '');
    if (reference) return compile(reference, named);
    switch (type) {
      case 'string':
        return toText;
      case 'boolean':
        return (given) => {
          if (isEmpty(given)) return MISSING;
          if (typeof given === 'boolean') return given;
          if (given === 'true' || given === 'false') return given === 'true';
          return fail('must be true or false');
        };
      case 'int':
      case 'long':
        return (given) => (isEmpty(given) ? MISSING : toInteger(given));
      default:
        return (given) => (isEmpty(given) ? MISSING : fail(`has a type (${type}) records cannot carry`));
    }
  }
  if (type.logicalType === 'timestamp-millis')
    return (given) => (isEmpty(given) ? MISSING : toTimestamp(given));
  if (type.type === 'enum') {
    const symbols = new Set(type.symbols ?? []);
    const listed = [...symbols].join(', ');
    return (given) => {
      if (isEmpty(given)) return MISSING;
      return typeof given === 'string' && symbols.has(given)
        ? given
        : fail(`must be one of ${listed}, got ${preview(given)}`);
    };
  }
  const itemRecord = type.type === 'array' ? recordTypeOf(type.items, named) : undefined;
  if (itemRecord !== undefined) {
    // Compiled on first use, so a record type that contains itself cannot recurse forever here.
    let convertItem: Convert | undefined;
    return (given) => {
      if (isEmpty(given)) return [];
      let items: unknown = given;
      if (typeof given === 'string') {
        try {
          items = JSON.parse(given);
        } catch {
          return fail('must be a JSON array of objects');
        }
      }
      if (!Array.isArray(items)) return fail('must be a JSON array of objects');
      convertItem ??= compileRecord(itemRecord, named);
      const converted: unknown[] = [];
      for (const [index, item] of items.entries()) {
        const result = convertItem(item);
        if (result instanceof Refusal) return fail(`item ${index}: ${result.reason}`);
        converted.push(result);
      }
      return converted;
    };
  }
  if (type.type === 'array') {
    return (given) => {
      if (isEmpty(given)) return [];
      const items = Array.isArray(given)
        ? given
        : typeof given === 'string'
          ? given
              .split(';')
              .map((item) => item.trim())
              .filter((item) => item !== '')
          : undefined;
      if (!items || !items.every((item) => typeof item === 'string'))
        return fail('must be a list of text values (JSON array, or a;b;c in CSV)');
      return items;
    };
  }
  return compile(type.type, named);
}

function toText(given: unknown): unknown {
  if (given === undefined || given === null) return MISSING;
  if (typeof given !== 'string') return fail(`must be text, got ${typeof given}`);
  const trimmed = given.trim();
  return trimmed === '' ? MISSING : trimmed;
}

function recordTypeOf(type: AvroType | undefined, named: Map<string, AvroType>): AvroType | undefined {
  const resolved = typeof type === 'string' ? named.get(type) : type;
  return resolved !== undefined &&
    !Array.isArray(resolved) &&
    typeof resolved === 'object' &&
    resolved.type === 'record'
    ? resolved
    : undefined;
}

/** One record inside a field: its fields converted as the top level's are; the first problem is the reason. */
function compileRecord(type: AvroType, named: Map<string, AvroType>): Convert {
  const fields = (typeof type === 'object' && !Array.isArray(type) ? (type.fields ?? []) : []).map(
    (field) => ({ name: field.name, convert: compileField(field, named) }),
  );
  const names = new Set(fields.map((field) => field.name));
  return (given) => {
    if (given === null || typeof given !== 'object' || Array.isArray(given)) return fail('must be an object');
    const input = given as Record<string, unknown>;
    const unknown = Object.keys(input).find((key) => !names.has(key));
    if (unknown !== undefined) return fail(`${unknown} is not a field of the item`);
    const value: Record<string, unknown> = {};
    for (const field of fields) {
      const result = field.convert(input[field.name]);
      if (result instanceof Refusal) return fail(`${field.name} ${result.reason}`);
      value[field.name] = result;
    }
    return value;
  };
}

/** A value as quoted in a reason: short, whatever was sent. */
function preview(given: unknown): string {
  const text = JSON.stringify(given) ?? String(given);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}

function toInteger(given: unknown): unknown {
  const number = typeof given === 'string' && /^-?\d+$/.test(given) ? Number(given) : given;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : fail('must be a whole number');
}

/** Epoch milliseconds, or an ISO 8601 time with its offset ("2026-11-23T08:15:00+07:00"). */
function toTimestamp(given: unknown): unknown {
  if (typeof given === 'number') return toInteger(given);
  if (typeof given === 'string' && /^\d+$/.test(given)) return toInteger(given);
  if (
    typeof given === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(given)
  ) {
    const millis = Date.parse(given);
    if (!Number.isNaN(millis)) return millis;
  }
  return fail('must be epoch milliseconds or an ISO 8601 time with offset, like 2026-11-23T08:15:00+07:00');
}
