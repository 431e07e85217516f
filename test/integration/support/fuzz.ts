/**
 * The fuzz suite's generated bad input, shared by its tests: a seeded generator (a failing input is
 * produced again from the printed seed), injection strings, and a border-crossing record with one
 * kind of damage.
 */

export type Random = ReturnType<typeof generator>;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  /** A whole number in [min, max). */
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min));
  return {
    next,
    int,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
    bytes: (length: number) => Buffer.from(Array.from({ length }, () => int(0, 256))),
  };
}

/** Strings that would do harm if any layer interpreted them instead of carrying them as text. */
export const INJECTIONS = [
  "'; DROP TABLE travellers; --",
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '{{7*7}}',
  '\u0000\u0001\u0002',
  '../../../../etc/passwd',
  '%s%s%s%n',
  '\ud800',
] as const;

/** The injection strings that are printable text: a name made of them is data, and must arrive as sent. */
export const PRINTABLE_INJECTIONS = INJECTIONS.filter((text) => /^[\x20-\x7e]+$/.test(text));

/** A valid departure scan at Entikong of a woman from Sanggau, the serial making the NIK. */
export function goodCrossing(serial: number): Record<string, unknown> {
  return {
    // Serial 0000 is never issued: the NIK's last four digits run from 0001 to 9999.
    nik: `610305570803${String(1 + (serial % 9_999)).padStart(4, '0')}`,
    eventTime: Date.now() - 60_000,
    direction: 'ARRIVAL',
    stage: 'CLEARED',
    checkpointCode: 'PLBN-ENTIKONG',
    checkpointType: 'LAND',
    documentType: 'PASSPORT',
    documentNumber: `E${String(serial % 10_000_000).padStart(7, '0')}`,
    fullName: 'Siti Aminah',
    birthDate: '2003-08-17',
    sex: 'FEMALE',
    countryCode: 'MY',
  };
}

/** One broken record: a good one with one kind of damage, an injection string riding along. */
export function badCrossing(random: Random, serial: number): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ...goodCrossing(serial),
    fullName: `Siti ${random.pick(INJECTIONS)}`,
  };
  const damage = random.pick([
    () => (record.nik = String(record.nik).slice(0, 1 + Math.floor(random.next() * 15))),
    () => (record.nik = `${String(record.nik).slice(0, 15)}X`),
    () => (record.nik = `9999${String(record.nik).slice(4)}`),
    () =>
      (record.nik = `610305${String(72 + Math.floor(random.next() * 27))}0803${String(serial % 10_000).padStart(4, '0')}`),
    () => (record.nik = Number(record.nik)),
    () => (record.nik = random.pick(INJECTIONS)),
    () => (record.eventTime = random.pick(['yesterday', '2026-13-45T25:61:00Z', -1, {}, [], true])),
    () => (record.birthDate = random.pick(['2003-02-30', '17/08/2003', '', 20030817, '2099-01-01'])),
    () => (record.direction = random.pick(['SIDEWAYS', '', null, 0, random.pick(INJECTIONS)])),
    () => (record.checkpointCode = random.pick(['NOWHERE', '', null, random.pick(INJECTIONS)])),
    () => (record.countryCode = random.pick(['XX', 'Malaysia', '', 7])),
    () =>
      delete record[
        random.pick(['nik', 'direction', 'stage', 'checkpointCode', 'documentNumber', 'countryCode'])
      ],
    () => (record.stage = { nested: random.pick(INJECTIONS) }),
  ]);
  damage();
  return record;
}
