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

export function createNormalizer(
  schema: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
) {
  const record = schema as unknown as { name: string; fields: AvroField[] };
  const named = namedTypes(record);
  const fieldNames = new Set(record.fields.map((field) => field.name));

  return function normalize(raw: unknown): NormalizeResult {
    const errors = new FieldErrors();
    const value: Record<string, unknown> = {};
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.add('(record)', 'must be a JSON object with the fields of the record');
      return { value, errors };
    }
    const input = raw as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!fieldNames.has(key)) errors.add(key, `is not a field of ${record.name}`);
    }
    for (const field of record.fields) {
      const given = input[field.name] ?? defaults[field.name];
      const result = convert(field.type, given, named);
      if (result.ok) value[field.name] = result.value;
      else if (result.missing && field.default !== undefined) value[field.name] = field.default;
      else errors.add(field.name, result.missing ? 'is required' : result.reason);
    }
    return { value, errors };
  };
}

type Converted = { ok: true; value: unknown } | { ok: false; missing: boolean; reason: string };

const missing: Converted = { ok: false, missing: true, reason: 'is required' };

function convert(type: AvroType, given: unknown, named: Map<string, AvroType>): Converted {
  const isEmpty = given === undefined || given === null || given === '';
  if (Array.isArray(type)) {
    if (isEmpty && type.includes('null')) return { ok: true, value: null };
    const inner = type.find((member) => member !== 'null');
    return inner === undefined ? missing : convert(inner, given, named);
  }
  if (typeof type === 'string') {
    const reference = named.get(type) ?? named.get(type.split('.').pop() ?? '');
    if (reference) return convert(reference, given, named);
    if (isEmpty && type !== 'string') return missing;
    switch (type) {
      case 'string':
        if (given === undefined || given === null) return missing;
        if (typeof given !== 'string') return fail(`must be text, got ${typeof given}`);
        return given.trim() === '' ? missing : { ok: true, value: given.trim() };
      case 'boolean':
        if (typeof given === 'boolean') return { ok: true, value: given };
        if (given === 'true' || given === 'false') return { ok: true, value: given === 'true' };
        return fail('must be true or false');
      case 'int':
      case 'long':
        return toInteger(given);
      default:
        return fail(`has a type (${type}) records cannot carry`);
    }
  }
  if (type.logicalType === 'timestamp-millis') return isEmpty ? missing : toTimestamp(given);
  if (type.type === 'enum') {
    if (isEmpty) return missing;
    const symbols = type.symbols ?? [];
    return typeof given === 'string' && symbols.includes(given)
      ? { ok: true, value: given }
      : fail(`must be one of ${symbols.join(', ')}, got ${preview(given)}`);
  }
  if (type.type === 'array' && isRecordType(type.items, named)) {
    if (isEmpty) return { ok: true, value: [] };
    let items: unknown = given;
    if (typeof given === 'string') {
      try {
        items = JSON.parse(given);
      } catch {
        return fail('must be a JSON array of objects');
      }
    }
    if (!Array.isArray(items)) return fail('must be a JSON array of objects');
    const converted: Record<string, unknown>[] = [];
    for (const [index, item] of items.entries()) {
      const result = convertRecord(recordTypeOf(type.items, named), item, named);
      if (!result.ok) return fail(`item ${index}: ${result.reason}`);
      converted.push(result.value as Record<string, unknown>);
    }
    return { ok: true, value: converted };
  }
  if (type.type === 'array') {
    if (isEmpty) return { ok: true, value: [] };
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
    return { ok: true, value: items };
  }
  if (type.type === 'string') return convert('string', given, named);
  return convert(type.type, given, named);
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

function isRecordType(type: AvroType | undefined, named: Map<string, AvroType>): boolean {
  return recordTypeOf(type, named) !== undefined;
}

/** One record inside a field: its fields converted as the top level's are; the first problem is the reason. */
function convertRecord(type: AvroType | undefined, given: unknown, named: Map<string, AvroType>): Converted {
  const fields = typeof type === 'object' && !Array.isArray(type) ? (type.fields ?? []) : [];
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return fail('must be an object');
  const input = given as Record<string, unknown>;
  const unknown = Object.keys(input).find((key) => !fields.some((field) => field.name === key));
  if (unknown !== undefined) return fail(`${unknown} is not a field of the item`);
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const result = convert(field.type, input[field.name], named);
    if (result.ok) value[field.name] = result.value;
    else if (result.missing && field.default !== undefined) value[field.name] = field.default;
    else return fail(`${field.name} ${result.missing ? 'is required' : result.reason}`);
  }
  return { ok: true, value };
}

/** A value as quoted in a reason: short, whatever was sent. */
function preview(given: unknown): string {
  const text = JSON.stringify(given) ?? String(given);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}

function fail(reason: string): Converted {
  return { ok: false, missing: false, reason };
}

function toInteger(given: unknown): Converted {
  const number = typeof given === 'string' && /^-?\d+$/.test(given) ? Number(given) : given;
  return typeof number === 'number' && Number.isSafeInteger(number)
    ? { ok: true, value: number }
    : fail('must be a whole number');
}

/** Epoch milliseconds, or an ISO 8601 time with its offset ("2026-11-23T08:15:00+07:00"). */
function toTimestamp(given: unknown): Converted {
  if (typeof given === 'number') return toInteger(given);
  if (typeof given === 'string' && /^\d+$/.test(given)) return toInteger(given);
  if (
    typeof given === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(given)
  ) {
    const millis = Date.parse(given);
    if (!Number.isNaN(millis)) return { ok: true, value: millis };
  }
  return fail('must be epoch milliseconds or an ISO 8601 time with offset, like 2026-11-23T08:15:00+07:00');
}
