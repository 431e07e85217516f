import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgencyRecord } from '@waspada/producer-kit';

/**
 * The scenario library (test/scenarios/): hand-written cases from public domain sources, read and
 * turned into agency records for one run. See test/scenarios/README.md for the format.
 */
export const SCENARIO_DIR = join(__dirname, '..', '..', 'scenarios');

/** Every date in the cases is written as of this day; a run shifts them by the days since. */
export const WRITTEN_ON = '2026-12-02';

/** Records at or before this offset are history, sent before any live round. */
const HISTORY_MS = -6 * 3_600_000;

const AGENCIES = [
  'identity',
  'passport',
  'placement',
  'borderCrossing',
  'citizenAbroad',
  'watchlist',
] as const;

export interface ScenarioPerson {
  readonly regency: string;
  readonly birthDate: string;
  readonly sex: 'MALE' | 'FEMALE';
  readonly fullName: string;
}

export interface ScenarioCase {
  readonly id: string;
  readonly label: 'legitimate' | 'trafficking';
  readonly population: string;
  readonly title: string;
  readonly rationale: string;
  readonly sources: readonly { title: string; url?: string }[];
  readonly people: Readonly<Record<string, ScenarioPerson>>;
  readonly records: readonly {
    readonly ref?: string;
    readonly agency: (typeof AGENCIES)[number];
    readonly at: string;
    /** When the agency's record reached Waspada, if later than it happened (a late sync). */
    readonly recordedAt?: string;
    readonly record: Record<string, unknown>;
  }[];
  readonly expect: readonly { person: string; rules: readonly string[]; by: string }[];
}

/** An expectation the system is known not to meet, with the reason; the test holds it to exactly that. */
export interface KnownGap {
  readonly case: string;
  readonly person: string;
  readonly rule: string;
  readonly why: string;
}

export function loadKnownGaps(dir = SCENARIO_DIR): KnownGap[] {
  return JSON.parse(readFileSync(join(dir, 'known-gaps.json'), 'utf8')) as KnownGap[];
}

/** Reads every case, refusing a malformed one with the file and what is wrong. */
export function loadScenarios(dir = SCENARIO_DIR): ScenarioCase[] {
  const cases: ScenarioCase[] = [];
  for (const label of ['legitimate', 'trafficking'] as const) {
    for (const file of readdirSync(join(dir, label))
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const where = `test/scenarios/${label}/${file}`;
      const parsed = JSON.parse(readFileSync(join(dir, label, file), 'utf8')) as ScenarioCase;
      const problems = caseProblems(parsed, label, file.replace(/\.json$/, ''));
      if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
      cases.push(parsed);
    }
  }
  return cases;
}

function caseProblems(scenario: ScenarioCase, label: string, id: string): string[] {
  const problems: string[] = [];
  if (scenario.id !== id) problems.push(`id "${scenario.id}" is not the file name`);
  if (scenario.label !== label) problems.push(`label "${scenario.label}" but the file is under ${label}/`);
  if (!scenario.rationale || scenario.sources.length === 0) problems.push('needs a rationale and a source');
  const refs = new Set(scenario.records.map((entry) => entry.ref).filter(Boolean));
  scenario.records.forEach((entry, index) => {
    if (!AGENCIES.includes(entry.agency))
      problems.push(`records.${index}.agency "${entry.agency}" is unknown`);
    if (offsetMs(entry.at) === undefined)
      problems.push(`records.${index}.at "${entry.at}" is not like -3d, +2m`);
  });
  for (const expectation of scenario.expect) {
    if (!scenario.people[expectation.person])
      problems.push(`expect names unknown person ${expectation.person}`);
    if (!refs.has(expectation.by)) problems.push(`expect names unknown record ${expectation.by}`);
  }
  if (label === 'legitimate' && scenario.expect.length > 0)
    problems.push('a legitimate case expects no alert');
  if (label === 'trafficking' && scenario.expect.length === 0)
    problems.push('a trafficking case needs expectations');
  return problems;
}

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

export function offsetMs(at: string): number | undefined {
  const match = /^([+-]?)(\d+)([dhms])$/.exec(at);
  if (!match) return undefined;
  return (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
}

/** One record of one case, ready for the producers, and the round it goes in (0 = history). */
export interface PlannedRecord {
  readonly caseId: string;
  readonly ref: string | undefined;
  readonly round: number;
  readonly agency: AgencyRecord['agency'];
  readonly record: Record<string, unknown>;
}

export interface ScenarioPlan {
  readonly records: readonly PlannedRecord[];
  readonly rounds: number;
  /** Each case's people by their names in the case, as NIKs of this run. */
  readonly niks: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Turns the cases into records for a run whose "now" is `now`: NIKs made from each person's
 * regency, birth date and sex with serials of this run; family card numbers per label; dates
 * shifted by the days since WRITTEN_ON, so ages, return dates and contract ends stay what the case
 * means on any later day.
 */
export function planScenarios(cases: readonly ScenarioCase[], now: number): ScenarioPlan {
  const shiftDays = Math.round(
    (Date.parse(new Date(now).toISOString().slice(0, 10)) - Date.parse(WRITTEN_ON)) / 86_400_000,
  );
  const shiftDate = (date: string) =>
    new Date(Date.parse(date) + shiftDays * 86_400_000).toISOString().slice(0, 10);
  let serial = 0;
  let cards = 0;
  const records: PlannedRecord[] = [];
  const niks = new Map<string, Map<string, string>>();
  let rounds = 0;
  for (const scenario of cases) {
    const people = new Map<string, ScenarioPerson & { nik: string }>();
    for (const [name, person] of Object.entries(scenario.people)) {
      const birthDate = shiftDate(person.birthDate);
      serial += 1;
      people.set(name, { ...person, birthDate, nik: nikOf({ ...person, birthDate }, serial) });
    }
    niks.set(scenario.id, new Map([...people].map(([name, person]) => [name, person.nik])));
    const familyCards = new Map<string, string>();
    const resolve = (value: unknown, regency: string): unknown => {
      if (Array.isArray(value)) return value.map((item) => resolve(item, regency));
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, regency)]));
      if (typeof value !== 'string') return value;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return shiftDate(value);
      if (!value.startsWith('@')) return value;
      const card = /^@kk:(.+)$/.exec(value);
      if (card) {
        const label = card[1] as string;
        if (!familyCards.has(label)) {
          cards += 1;
          familyCards.set(label, `${regency}${String(1_000_000_000_000 + cards).slice(1)}`);
        }
        return familyCards.get(label);
      }
      const [name = '', field] = value.slice(1).split('.');
      const person = people.get(name);
      if (!person) throw new Error(`${scenario.id}: "${value}" names no person of the case`);
      if (field === undefined) return person.nik;
      if (field === 'fullName' || field === 'birthDate') return person[field];
      throw new Error(`${scenario.id}: "${value}" asks for ${field}; only fullName and birthDate are known`);
    };
    // Records go in the order they reached Waspada, which for a late sync is not when they happened.
    const live = scenario.records
      .map((entry, index) => ({ entry, index, offset: offsetMs(entry.recordedAt ?? entry.at) as number }))
      .filter(({ offset }) => offset > HISTORY_MS)
      .sort((a, b) => a.offset - b.offset || a.index - b.index);
    const roundOf = new Map(live.map(({ index }, position) => [index, position + 1]));
    rounds = Math.max(rounds, live.length);
    scenario.records.forEach((entry, index) => {
      const subject =
        typeof entry.record.nik === 'string' ? people.get(entry.record.nik.slice(1)) : undefined;
      const record = resolve(entry.record, subject?.regency ?? '3201') as Record<string, unknown>;
      records.push({
        caseId: scenario.id,
        ref: entry.ref,
        round: roundOf.get(index) ?? 0,
        agency: entry.agency,
        record: {
          ...record,
          eventTime: now + (offsetMs(entry.at) as number),
          ...(entry.recordedAt !== undefined && { recordTime: now + (offsetMs(entry.recordedAt) as number) }),
        },
      });
    });
  }
  return { records, rounds, niks };
}

/** A NIK as Dukcapil writes it: regency, district 01, birth date (day + 40 for women), serial. */
function nikOf(
  person: { regency: string; birthDate: string; sex: 'MALE' | 'FEMALE' },
  serial: number,
): string {
  const [year = '', month = '', day = ''] = person.birthDate.split('-');
  const encodedDay = Number(day) + (person.sex === 'FEMALE' ? 40 : 0);
  return `${person.regency}01${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}
