import { decodeNik, isCalendarDate, isoDate, NIK_SHAPE, type DecodedNik } from '../nik';
import type { ReferenceData } from '../reference/reference-data';
import type { FieldErrors } from './field-error';

/**
 * Field checks shared by every agency's validation. Each adds a FieldError naming the field and
 * returns whether the value passed, so a validator can skip checks that depend on it.
 */
export interface CheckContext {
  readonly reference: ReferenceData;
  /** When the record reached Waspada; event times may not be later than this (plus clock skew). */
  readonly receivedAt: Date;
  readonly errors: FieldErrors;
}

/** Agencies' clocks drift; an event up to five minutes "in the future" is skew, not an error. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Records older than this are an export of history, which is allowed; older than Waspada's data is not. */
const EARLIEST_EVENT = Date.UTC(2000, 0, 1);
/** The earliest year a date field (a birth date, a return date) may carry. */
const EARLIEST_DATE_YEAR = 1900;

export function checkNik(context: CheckContext, field: string, value: string): DecodedNik | undefined {
  const result = decodeNik(value, { regencies: context.reference.regencies, today: context.receivedAt });
  if (!result.ok) {
    context.errors.add(field, `NIK ${result.reason}`);
    return undefined;
  }
  return result.value;
}

/**
 * Indonesian passport numbers: one or two capital letters and six or seven digits (ordinary
 * "B1234567", electronic "E1234567", older "AB123456").
 */
export function checkPassportNumber(context: CheckContext, field: string, value: string): boolean {
  if (/^[A-Z]{1,2}\d{6,7}$/.test(value)) return true;
  context.errors.add(
    field,
    `passport number "${value}" must be 1-2 capital letters then 6-7 digits, like B1234567`,
  );
  return false;
}

export function checkCountry(context: CheckContext, field: string, value: string): boolean {
  if (context.reference.isCountry(value)) return true;
  context.errors.add(field, `"${value}" is not an ISO 3166-1 alpha-2 country code (for example MY, KH, SA)`);
  return false;
}

export function checkCheckpoint(context: CheckContext, field: string, value: string): boolean {
  if (context.reference.checkpoints.has(value)) return true;
  context.errors.add(
    field,
    `"${value}" is not a known TPI or PLBN checkpoint code (see reference/checkpoints.json)`,
  );
  return false;
}

export function checkRegency(context: CheckContext, field: string, value: string): boolean {
  if (context.reference.regencies.has(value)) return true;
  context.errors.add(field, `"${value}" is not a Kemendagri regency or city code (4 digits, like 6103)`);
  return false;
}

/** Event times are epoch milliseconds: after 2000, not later than receipt beyond clock skew. */
export function checkEventTime(context: CheckContext, field: string, value: number): boolean {
  if (!Number.isSafeInteger(value) || value < EARLIEST_EVENT) {
    context.errors.add(field, 'must be a time after 2000-01-01 in epoch milliseconds');
    return false;
  }
  if (value > context.receivedAt.getTime() + CLOCK_SKEW_MS) {
    context.errors.add(
      field,
      `${new Date(value).toISOString()} is in the future (received ${context.receivedAt.toISOString()})`,
    );
    return false;
  }
  return true;
}

/** A calendar date as YYYY-MM-DD that exists and, for a birth date, is not in the future. */
export function checkDate(
  context: CheckContext,
  field: string,
  value: string,
  options: { notAfterToday?: boolean } = {},
): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    context.errors.add(field, `"${value}" is not a date written YYYY-MM-DD`);
    return false;
  }
  // No birth, travel or contract date Waspada receives is that old: a year like 0019 is a typo.
  if (Number(match[1]) < EARLIEST_DATE_YEAR) {
    context.errors.add(field, `${value} is before ${EARLIEST_DATE_YEAR}: check the year`);
    return false;
  }
  if (options.notAfterToday && value > isoDate(context.receivedAt)) {
    context.errors.add(field, `${value} is in the future`);
    return false;
  }
  return true;
}

/**
 * A border pass (PLB) number. Its format differs by issuing office and year; Waspada asks only for
 * what every one seen has: letters then digits, 6 to 12 characters, no spaces.
 */
export function checkPlbNumber(context: CheckContext, field: string, value: string): boolean {
  if (/^[A-Z]{1,4}\d{4,10}$/.test(value) && value.length <= 12) return true;
  context.errors.add(field, `PLB number "${value}" must be 1-4 capital letters then digits, like PLB610301`);
  return false;
}

/** A phone number as bookings and watchlists carry it: digits with the country code, like 6281234567890. */
export function checkPhone(context: CheckContext, field: string, value: string): boolean {
  if (/^[1-9]\d{7,14}$/.test(value)) return true;
  context.errors.add(
    field,
    `phone "${value}" must be 8-15 digits with the country code and no +, spaces or leading 0, like 6281234567890`,
  );
  return false;
}

/** A Kartu Keluarga (family card) number: 16 digits, the first four a regency code. */
export function checkFamilyCard(context: CheckContext, field: string, value: string): boolean {
  if (NIK_SHAPE.test(value) && context.reference.regencies.has(value.slice(0, 4))) return true;
  context.errors.add(field, `family card number "${value}" must be 16 digits starting with a regency code`);
  return false;
}
