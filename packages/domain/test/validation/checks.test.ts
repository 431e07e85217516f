import {
  checkCheckpoint,
  checkCountry,
  checkDate,
  checkEventTime,
  checkNik,
  checkPassportNumber,
  FieldErrors,
  referenceData,
  type CheckContext,
} from '../../src';

const receivedAt = new Date('2026-11-23T10:00:00Z');
const context = (): CheckContext => ({ reference: referenceData(), receivedAt, errors: new FieldErrors() });

describe('field checks', () => {
  it('names the field and the reason for a bad NIK', () => {
    const check = context();
    expect(checkNik(check, 'nik', '12345')).toBeUndefined();
    expect(check.errors.list).toEqual([{ field: 'nik', reason: 'NIK must be 16 digits, got 5 characters' }]);
  });

  it.each([
    ['B1234567', true],
    ['E1234567', true],
    ['AB123456', true],
    ['b1234567', false],
    ['12345678', false],
    ['B12345', false],
    ['ABC1234567', false],
  ])('passport number %s valid: %s', (value, valid) => {
    const check = context();
    expect(checkPassportNumber(check, 'passportNumber', value)).toBe(valid);
    if (!valid) expect(check.errors.list[0]?.reason).toMatch(/1-2 capital letters then 6-7 digits/);
  });

  it.each([
    ['MY', true],
    ['KH', true],
    ['MYS', false],
    ['ZZ', false],
    ['', false],
  ])('country %s valid: %s', (value, valid) => {
    expect(checkCountry(context(), 'destinationCountry', value)).toBe(valid);
  });

  it('accepts known checkpoints and names the file for unknown ones', () => {
    expect(checkCheckpoint(context(), 'checkpointCode', 'PLBN-ENTIKONG')).toBe(true);
    const check = context();
    expect(checkCheckpoint(check, 'checkpointCode', 'PLBN-NOWHERE')).toBe(false);
    expect(check.errors.list[0]?.reason).toMatch(/reference\/checkpoints.json/);
  });

  it.each([
    ['an ordinary past time', Date.parse('2026-11-23T09:00:00Z'), true],
    ['a time within clock skew', Date.parse('2026-11-23T10:04:00Z'), true],
    ['a time an hour ahead', Date.parse('2026-11-23T11:00:00Z'), false],
    ['a time before 2000', Date.parse('1999-12-31T23:00:00Z'), false],
    ['seconds instead of milliseconds', 1_763_890_000, false],
  ])('event time: %s', (_case, value, valid) => {
    expect(checkEventTime(context(), 'eventTime', value)).toBe(valid);
  });

  it.each([
    ['1990-05-17', true],
    ['1990-02-30', false],
    ['1990-04-31', false],
    ['1990-12-31', true],
    ['1990-00-10', false],
    ['1990-13-01', false],
    ['1990-05-00', false],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['0019-05-04', false],
    ['0000-02-29', false],
    ['17-05-1990', false],
    ['2027-01-01', false],
  ])('birth date %s valid: %s', (value, valid) => {
    expect(checkDate(context(), 'birthDate', value, { notAfterToday: true })).toBe(valid);
  });
});
