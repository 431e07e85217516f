import { compileAvroType } from '@waspada/common';
import type { PersonEvent, PersonEventKind, PersonState } from '@waspada/risk-rules';
import { PERSON_TOPICS } from '@waspada/risk-store';

type Type = ReturnType<typeof compileAvroType>;

/**
 * Person events and states as compact bytes, for a backtest that must hold a whole history: as
 * JavaScript objects (a slot per field, a string per id and name) a million events and the states
 * holding them took 2.7 GiB; in their own Avro schemas a border-crossing scan is under 250 bytes.
 *
 * An event is one byte for its kind, then its Avro body in the processor's reader schema for that
 * kind (the schema it was decoded into, so nothing is lost and nothing is added). Unpacking gives
 * the same object the processor's decoder gives: `{ kind, ...fields }`.
 */
const KINDS: readonly { kind: PersonEventKind; type: Type; fields: ReadonlySet<string> }[] = Object.values(
  PERSON_TOPICS,
).map(({ kind, schema }) => {
  const type = compileAvroType(schema);
  const { fields } = type as unknown as { fields: readonly { name: string }[] };
  return { kind, type, fields: new Set(fields.map((field) => field.name)) };
});
const KIND_INDEX = new Map(KINDS.map(({ kind }, index) => [kind, index]));

function kindOf(index: number): (typeof KINDS)[number] {
  const entry = KINDS[index];
  if (!entry) throw new Error(`packed event of unknown kind ${index}`);
  return entry;
}

/** An event's fields (without `kind`) of the given kind, packed. */
export function packEvent(kind: PersonEventKind, fields: object): Buffer {
  const index = KIND_INDEX.get(kind);
  if (index === undefined) throw new Error(`no schema for person events of kind ${kind}`);
  const { type, fields: declared } = kindOf(index);
  // Avro writes the declared fields and ignores the rest, and writes a field's default for one left
  // undefined: either would change the event without a word. The decoder gives exactly the
  // declared fields, none undefined, so this never refuses an event read from a topic.
  let declaredGiven = 0;
  for (const [key, value] of Object.entries(fields)) {
    if (!declared.has(key)) throw new Error(`a ${kind} event has a field its schema lacks: ${key}`);
    if (value === undefined) throw new Error(`a ${kind} event has ${key} undefined`);
    declaredGiven += 1;
  }
  if (declaredGiven !== declared.size) {
    const absent = [...declared].find((name) => !(name in fields));
    throw new Error(`a ${kind} event lacks ${absent ?? 'a field'} of its schema`);
  }
  const body = type.toBuffer(fields);
  const packed = Buffer.allocUnsafe(body.length + 1);
  packed[0] = index;
  body.copy(packed, 1);
  return packed;
}

/** The kind and the fields of a packed event (the fields are the Avro reader's record). */
export function unpackEvent(packed: Uint8Array): { kind: PersonEventKind; fields: Record<string, unknown> } {
  const { kind, type } = kindOf(packed[0] as number);
  const body = Buffer.from(packed.buffer, packed.byteOffset + 1, packed.byteLength - 1);
  return { kind, fields: type.fromBuffer(body) as Record<string, unknown> };
}

export function unpackPersonEvent(packed: Uint8Array): PersonEvent {
  const { kind, fields } = unpackEvent(packed);
  return { kind, ...fields } as PersonEvent;
}

/**
 * Where a person's events may already be kept, by place (the backtest's history file): a state
 * then holds each such event's place, 4 bytes, instead of its packed bytes.
 */
export interface EventPlaces {
  placeOf(event: PersonEvent): number | undefined;
  eventAt(place: number): PersonEvent;
}

/** The high bit of an event's word in a packed state: the rest is its place, not its length. */
const PLACE_BIT = 0x80000000;

/**
 * A person's state: the number of events (4 bytes), then each event as its place (4 bytes, high
 * bit set) or its length (4 bytes) and packed bytes, then the alert ledger as JSON (small, and only
 * alerted people have one). The NIK is the key the state is kept under, so it is not repeated.
 */
export function packPerson(state: PersonState, places?: EventPlaces): Buffer {
  const events = state.history.map((event) => {
    const place = places?.placeOf(event);
    if (place !== undefined && place < PLACE_BIT) return place;
    const { kind, ...fields } = event;
    return packEvent(kind, fields);
  });
  const ledger = Object.keys(state.ledger).length === 0 ? '' : JSON.stringify(state.ledger);
  const ledgerBytes = Buffer.byteLength(ledger);
  const packed = Buffer.allocUnsafe(
    4 +
      events.reduce<number>((sum, event) => sum + 4 + (typeof event === 'number' ? 0 : event.length), 0) +
      ledgerBytes,
  );
  let position = packed.writeUInt32LE(events.length, 0);
  for (const event of events) {
    if (typeof event === 'number') {
      position = packed.writeUInt32LE(PLACE_BIT + event, position);
    } else {
      position = packed.writeUInt32LE(event.length, position);
      position += event.copy(packed, position);
    }
  }
  packed.write(ledger, position);
  return packed;
}

export function unpackPerson(nik: string, packed: Buffer, places?: EventPlaces): PersonState {
  const count = packed.readUInt32LE(0);
  let position = 4;
  const history: PersonEvent[] = [];
  for (let index = 0; index < count; index++) {
    const word = packed.readUInt32LE(position);
    position += 4;
    if (word >= PLACE_BIT) {
      if (!places) throw new Error(`the state of a person holds an event by place, and no places were given`);
      history.push(places.eventAt(word - PLACE_BIT));
    } else {
      history.push(unpackPersonEvent(packed.subarray(position, position + word)));
      position += word;
    }
  }
  const ledger = position < packed.length ? (JSON.parse(packed.toString('utf8', position)) as object) : {};
  return { nik, history, ledger: ledger as PersonState['ledger'] };
}
