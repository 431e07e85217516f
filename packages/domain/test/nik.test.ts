import { ageOn, decodeNik, referenceData } from '../src';

const today = new Date('2026-11-23T10:00:00Z');
const context = { regencies: referenceData().regencies, today };

describe('decoding a NIK', () => {
  it('reads region, birth date and sex of a man', () => {
    const result = decodeNik('3201011705900001', context);
    expect(result).toMatchObject({
      ok: true,
      value: {
        provinceCode: '32',
        regencyCode: '3201',
        districtCode: '320101',
        birthDate: '1990-05-17',
        sex: 'MALE',
        serial: '0001',
      },
    });
    expect(result.ok && result.value.regency.name).toBe('Kabupaten Bogor');
  });

  it('reads a woman from the day plus 40', () => {
    expect(decodeNik('6103055708030002', context)).toMatchObject({
      ok: true,
      value: { birthDate: '2003-08-17', sex: 'FEMALE' },
    });
  });

  it('accepts a regency code of an earlier edition that old NIKs still carry', () => {
    expect(decodeNik('9101011203850004', context)).toMatchObject({
      ok: true,
      value: { regency: { current: false } },
    });
  });

  it.each([
    ['is too short', '320101170590001', /must be 16 digits, got 15 characters/],
    ['is too long', '32010117059000011', /must be 16 digits, got 17 characters/],
    ['has letters', '32010117059O0001', /digits only/],
    ['has a space', '3201 11705900001', /digits only/],
    ['names an unknown province', '9901011705900001', /province code 99 is not a Kemendagri province code/],
    ['names an unknown regency', '3250011705900001', /regency code 3250 is not a Kemendagri regency/],
    ['has district 00', '3201001705900001', /district code 00/],
    ['has month 13', '3201011713900001', /birth month 13 is not a month/],
    ['has day 00', '3201010005900001', /birth day 00/],
    ['has day 35 (neither a day nor a day plus 40)', '3201013505900001', /birth day 35/],
    ['has day 72', '3201017205900001', /birth day 72/],
    ['has 31 February', '3201013102900001', /birth date 31-02-1990 does not exist/],
    ['has 29 February in a common year', '3201016902010001', /birth date 29-02-2001 does not exist/],
    ['has a birth date later this year', '3201010112260001', /birth date 2026-12-01 is in the future/],
    ['has serial 0000', '3201011705900000', /serial 0000/],
  ])('refuses a NIK that %s', (_case, nik, reason) => {
    const result = decodeNik(nik, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('accepts 29 February in a leap year', () => {
    expect(decodeNik('3201012902040001', context)).toMatchObject({
      ok: true,
      value: { birthDate: '2004-02-29' },
    });
  });
});

describe('age from a birth date', () => {
  it('counts whole years, turning over on the birthday', () => {
    expect(ageOn('2008-11-23', today)).toBe(18);
    expect(ageOn('2008-11-24', today)).toBe(17);
  });
});
