import { nameUuid } from '@waspada/common';
import {
  checkEventTime,
  type CheckContext,
  type FieldError,
  FieldErrors,
  type ReferenceData,
} from '@waspada/domain';
import type { EventContract } from '@waspada/schemas';
import { createNormalizer } from './normalize';

/** What makes one agency's producer: its contract, its defaults and its own field checks. */
export interface AgencyDefinition<T> {
  /** Service name, as it appears in logs, metrics and rejected records: `passport-producer`. */
  readonly service: string;
  readonly contract: EventContract<T>;
  /** Filled in when a record leaves them out: the agency and system this producer serves. */
  readonly sourceAgency: string;
  readonly sourceSystem: string;
  readonly defaultPort: number;
  /** The agency's field checks, beyond the schema's types; each problem is added to context.errors. */
  validate(event: T, context: CheckContext): void;
}

export type IntakeResult<T> =
  | { readonly ok: true; readonly event: T; readonly key: string }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Fixed namespace for ids derived from record content (RFC 9562 name-based UUIDs). */
const EVENT_ID_NAMESPACE = '3f1c1b4e-0c55-4f0e-9a37-6d1f0b8f6a21';
const eventIdUuid = nameUuid(EVENT_ID_NAMESPACE);

/**
 * Validates and completes one incoming record. An agency that sends no eventId gets one derived
 * from the record's content, so sending the same record twice yields the same id and the copy is
 * recognised downstream; recordTime defaults to the time Waspada received it.
 */
export function createIntake<T>(definition: AgencyDefinition<T>, reference: ReferenceData) {
  const normalize = createNormalizer(definition.contract.schema, {
    sourceAgency: definition.sourceAgency,
    sourceSystem: definition.sourceSystem,
  });
  return function intake(raw: unknown, receivedAt: Date): IntakeResult<T> {
    let supplied: Record<string, unknown> | undefined;
    let idDerived = false;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const record = raw as Record<string, unknown>;
      idDerived = record.eventId === undefined || record.eventId === null;
      supplied = {
        eventId: record.eventId ?? derivedEventId(record),
        recordTime: record.recordTime ?? receivedAt.getTime(),
      };
    }
    const { value, errors } = normalize(raw, supplied);
    if (!errors.ok) return { ok: false, errors: errors.list };
    const context: CheckContext = { reference, receivedAt, errors: new FieldErrors() };
    const eventTime = value.eventTime as number;
    const recordTime = value.recordTime as number;
    checkEventTime(context, 'eventTime', eventTime);
    if (checkEventTime(context, 'recordTime', recordTime) && recordTime < eventTime) {
      context.errors.add(
        'recordTime',
        'is before eventTime: a system cannot record an event before it happens',
      );
    }
    // A derived id is a UUID by construction; only an agency's own is checked.
    if (
      !idDerived &&
      typeof value.eventId === 'string' &&
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.eventId)
    ) {
      context.errors.add('eventId', 'must be a UUID, like 3f1c1b4e-0c55-4f0e-9a37-6d1f0b8f6a21');
    }
    definition.validate(value as T, context);
    if (!context.errors.ok) return { ok: false, errors: context.errors.list };
    const event = value as T;
    return { ok: true, event, key: definition.contract.keyOf(event) };
  };
}

/** The id of a record sent without one: the same record always gets the same id. */
export function derivedEventId(record: Record<string, unknown>): string {
  return eventIdUuid(canonicalJson(record));
}

/** JSON with object keys sorted, so the same record always serialises, and hashes, the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1)
      text += (index === 0 ? '' : ',') + canonicalJson(value[index]);
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let text = '{';
    for (const [key, prefix] of sortedKeys(Object.keys(record))) text += prefix + canonicalJson(record[key]);
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Each key in sorted order with its quoted prefix (`,"nik":`). An agency's records come in a few
 * shapes, so the order is kept per shape (a bounded number of them) instead of sorted per record:
 * sorting was the larger part of deriving an id.
 */
function sortedKeys(keys: readonly string[]): readonly (readonly [string, string])[] {
  // Most records have the shape of the one before: compared key by key, that needs no lookup.
  if (sameKeys(keys, lastShape.keys)) return lastShape.order;
  // As JSON, so no two key lists share a shape (a key may itself hold any character).
  const shape = JSON.stringify(keys);
  let order = KEY_ORDERS.get(shape);
  if (order === undefined) {
    order = [...keys]
      .sort()
      .map((key, index) => [key, `${index === 0 ? '' : ','}${JSON.stringify(key)}:`] as const);
    if (KEY_ORDERS.size < MAX_KEY_ORDERS) KEY_ORDERS.set(shape, order);
  }
  lastShape = { keys, order };
  return order;
}

function sameKeys(keys: readonly string[], other: readonly string[]): boolean {
  if (keys.length !== other.length) return false;
  for (let index = 0; index < keys.length; index += 1) if (keys[index] !== other[index]) return false;
  return true;
}

let lastShape: { keys: readonly string[]; order: readonly (readonly [string, string])[] } = {
  keys: [],
  order: [],
};
const MAX_KEY_ORDERS = 256;
const KEY_ORDERS = new Map<string, readonly (readonly [string, string])[]>();
