import type { Faker } from '@faker-js/faker';
import type { ReferenceData } from '@waspada/domain';

export interface SimPerson {
  readonly nik: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly sex: 'MALE' | 'FEMALE';
  readonly regencyCode: string;
  readonly birthPlace: string;
}

/** The regions the domain brief names as high-risk, where the injected cases come from more often. */
export const HIGH_RISK_PROVINCES = ['61', '52', '32'];

/**
 * Makes people with valid NIKs: a real regency code, a district, the birth date (day + 40 for
 * women) and a serial that keeps every NIK of the run unique.
 */
export function createPopulation(faker: Faker, reference: ReferenceData, today: Date) {
  const currentRegencies = [...reference.regencies.values()].filter((regency) => regency.current);
  const highRisk = currentRegencies.filter((regency) => HIGH_RISK_PROVINCES.includes(regency.province));
  let serial = 0;

  return function person(options: {
    minAge: number;
    maxAge: number;
    highRisk?: boolean;
    regencyCode?: string;
    sex?: 'MALE' | 'FEMALE';
  }): SimPerson {
    const pool = options.highRisk ? highRisk : currentRegencies;
    const regency = options.regencyCode
      ? reference.regencies.get(options.regencyCode)
      : faker.helpers.arrayElement(pool);
    if (!regency) throw new Error(`unknown regency ${options.regencyCode}`);
    const sex = options.sex ?? faker.helpers.arrayElement(['MALE', 'FEMALE'] as const);
    const age = faker.number.int({ min: options.minAge, max: options.maxAge });
    const birth = new Date(
      Date.UTC(today.getUTCFullYear() - age - 1, 0, 1) + faker.number.int({ min: 0, max: 364 }) * 86_400_000,
    );
    const day = birth.getUTCDate() + (sex === 'FEMALE' ? 40 : 0);
    const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(birth.getUTCFullYear() % 100).padStart(2, '0');
    const district = String(faker.number.int({ min: 1, max: 20 })).padStart(2, '0');
    serial = (serial % 9999) + 1;
    const nik = `${regency.code}${district}${String(day).padStart(2, '0')}${mm}${yy}${String(serial).padStart(4, '0')}`;
    const first = faker.person.firstName(sex === 'FEMALE' ? 'female' : 'male');
    return {
      nik,
      fullName:
        faker.helpers.maybe(() => first, { probability: 0.15 }) ?? `${first} ${faker.person.lastName()}`,
      birthDate: birth.toISOString().slice(0, 10),
      sex,
      regencyCode: regency.code,
      birthPlace: regency.name.replace(/^(Kabupaten|Kota) /, ''),
    };
  };
}
