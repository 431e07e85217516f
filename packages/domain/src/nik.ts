import type { Regency } from './reference/reference-data';

/**
 * The NIK (Nomor Induk Kependudukan), 16 digits:
 *
 *   PP RR DD  ddmmyy  SSSS
 *   |  |  |   |       serial within the district and birth date (0001-9999)
 *   |  |  |   birth date; 40 is added to the day for women
 *   |  |  district (kecamatan) code
 *   |  regency or city code (01-69 regency, 71-99 city)
 *   province code
 *
 * The region is where the NIK was issued; it stays valid after a regency is split or renumbered.
 */
export interface DecodedNik {
  readonly nik: string;
  readonly provinceCode: string;
  readonly regencyCode: string;
  readonly districtCode: string;
  readonly birthDate: string;
  readonly sex: 'FEMALE' | 'MALE';
  readonly serial: string;
  readonly regency: Regency;
}

export type NikResult = { ok: true; value: DecodedNik } | { ok: false; reason: string };

export interface NikContext {
  readonly regencies: ReadonlyMap<string, Regency>;
  /** The date the birth date must not be after; the event's time when validating an event. */
  readonly today: Date;
}

/** Sixteen digits: the shape of a NIK, before its parts are checked (decodeNik). */
export const NIK_SHAPE = /^\d{16}$/;

export function decodeNik(nik: string, context: NikContext): NikResult {
  if (nik.length !== 16) return { ok: false, reason: `must be 16 digits, got ${nik.length} characters` };
  if (!NIK_SHAPE.test(nik)) return { ok: false, reason: 'must contain digits only' };
  const provinceCode = nik.slice(0, 2);
  const regency = context.regencies.get(nik.slice(0, 4));
  if (!regency) {
    const provinceKnown = [...context.regencies.values()].some(
      (candidate) => candidate.province === provinceCode,
    );
    return {
      ok: false,
      reason: provinceKnown
        ? `regency code ${nik.slice(0, 4)} is not a Kemendagri regency or city code`
        : `province code ${provinceCode} is not a Kemendagri province code`,
    };
  }
  if (nik.slice(4, 6) === '00') return { ok: false, reason: 'district code 00 does not exist' };

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const twoDigitYear = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? 'FEMALE' : 'MALE';
  const day = sex === 'FEMALE' ? rawDay - 40 : rawDay;
  if (month < 1 || month > 12) return { ok: false, reason: `birth month ${nik.slice(8, 10)} is not a month` };
  if (day < 1 || day > 31 || (rawDay > 31 && rawDay < 41) || rawDay > 71) {
    return {
      ok: false,
      reason: `birth day ${nik.slice(6, 8)} is neither a day (01-31) nor a day plus 40 for women (41-71)`,
    };
  }
  const year = centuryFor(twoDigitYear, context.today);
  if (!isCalendarDate(year, month, day)) {
    return { ok: false, reason: `birth date ${pad(day)}-${pad(month)}-${year} does not exist` };
  }
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  if (birthDate > isoDate(context.today))
    return { ok: false, reason: `birth date ${birthDate} is in the future` };
  if (nik.slice(12) === '0000') return { ok: false, reason: 'serial 0000 is never issued' };
  return {
    ok: true,
    value: {
      nik,
      provinceCode,
      regencyCode: regency.code,
      districtCode: nik.slice(0, 6),
      birthDate,
      sex,
      serial: nik.slice(12),
      regency,
    },
  };
}

/**
 * A two-digit year up to this year's is this century (05 is 2005 in 2026), a later one the last
 * (30 is 1930). So a date later this year is a future birth date and refused, as Dukcapil would;
 * the NIK cannot tell a centenarian from a newborn, and the later century is right for all but
 * the very old.
 */
function centuryFor(twoDigitYear: number, today: Date): number {
  return twoDigitYear <= today.getUTCFullYear() % 100 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
}

/** Whether the day exists in the Gregorian calendar; by arithmetic, as it is asked of every record. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whole years between a YYYY-MM-DD birth date and a day. */
export function ageOn(birthDate: string, day: Date): number {
  const [year, month, date] = birthDate.split('-').map(Number) as [number, number, number];
  let age = day.getUTCFullYear() - year;
  if (day.getUTCMonth() + 1 < month || (day.getUTCMonth() + 1 === month && day.getUTCDate() < date)) age -= 1;
  return age;
}

/** The UTC day of a time as YYYY-MM-DD. The last answer is kept: a batch asks it of one receipt time. */
export function isoDate(day: Date): string {
  const time = day.getTime();
  if (time !== lastIsoDate.time) lastIsoDate = { time, text: day.toISOString().slice(0, 10) };
  return lastIsoDate.text;
}

let lastIsoDate = { time: Number.NaN, text: '' };

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
