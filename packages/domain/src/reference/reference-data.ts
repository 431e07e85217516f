import countries from 'i18n-iso-countries';
import indonesian from 'i18n-iso-countries/langs/id.json';
import { readReferenceCsv, readReferenceJson } from './load-csv';

export interface Province {
  readonly code: string;
  readonly name: string;
}

export interface Regency {
  /** Four digits: province code then regency code, as in the NIK. */
  readonly code: string;
  readonly province: string;
  readonly kind: 'regency' | 'city';
  /** False for codes of earlier editions that NIKs issued then still carry. */
  readonly current: boolean;
  readonly name: string;
}

export interface Checkpoint {
  readonly code: string;
  readonly name: string;
  readonly kind: 'TPI' | 'PLBN';
  readonly type: 'air' | 'sea' | 'land';
  readonly province: string;
  readonly regency: string;
  readonly borderCountry?: string;
}

export const COUNTRY_GROUPS = [
  'labourDestinations',
  'onlineScamHubs',
  'scamHubTransit',
  'pilgrimage',
  'landBorderNeighbours',
] as const;
export type CountryGroup = (typeof COUNTRY_GROUPS)[number];

export interface ReferenceData {
  readonly provinces: ReadonlyMap<string, Province>;
  readonly regencies: ReadonlyMap<string, Regency>;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly countryGroups: Readonly<Record<CountryGroup, ReadonlySet<string>>>;
  isCountry(code: string): boolean;
  countryName(code: string): string | undefined;
}

let cached: ReferenceData | undefined;

/** Loads and checks the reference files once per process; every later call returns the same data. */
export function referenceData(): ReferenceData {
  cached ??= load();
  return cached;
}

function load(): ReferenceData {
  countries.registerLocale(indonesian);
  const provinces = new Map(
    readReferenceCsv('provinces.csv').map((row) => [
      row.code ?? '',
      { code: row.code ?? '', name: row.name ?? '' },
    ]),
  );
  const regencies = new Map<string, Regency>(
    readReferenceCsv('regencies.csv').map((row) => [
      row.code ?? '',
      {
        code: row.code ?? '',
        province: row.province ?? '',
        kind: row.kind === 'city' ? 'city' : 'regency',
        current: row.current === 'yes',
        name: row.name ?? '',
      },
    ]),
  );
  const checkpointFile = readReferenceJson<{ checkpoints: Checkpoint[] }>('checkpoints.json');
  const checkpoints = new Map(checkpointFile.checkpoints.map((checkpoint) => [checkpoint.code, checkpoint]));
  const groupFile = readReferenceJson<{ groups: Record<CountryGroup, { countries: string[] }> }>(
    'countries.json',
  );
  const groupOf = (name: CountryGroup): ReadonlySet<string> => {
    const group = groupFile.groups[name] as { countries: string[] } | undefined;
    if (!group) throw new Error(`reference/countries.json has no group ${name}`);
    return new Set(group.countries);
  };
  const countryGroups = Object.fromEntries(COUNTRY_GROUPS.map((name) => [name, groupOf(name)])) as Record<
    CountryGroup,
    ReadonlySet<string>
  >;

  const data: ReferenceData = {
    provinces,
    regencies,
    checkpoints,
    countryGroups,
    isCountry: (code) => /^[A-Z]{2}$/.test(code) && countries.isValid(code),
    countryName: (code) => countries.getName(code, 'id') ?? undefined,
  };
  checkConsistency(data);
  return data;
}

/** A reference file that contradicts another would make every rule built on it wrong: fail at load. */
function checkConsistency(data: ReferenceData): void {
  for (const regency of data.regencies.values()) {
    if (!data.provinces.has(regency.province) && regency.current) {
      throw new Error(`reference: regency ${regency.code} names unknown province ${regency.province}`);
    }
  }
  for (const checkpoint of data.checkpoints.values()) {
    if (!data.regencies.has(checkpoint.regency)) {
      throw new Error(
        `reference: checkpoint ${checkpoint.code} stands in unknown regency ${checkpoint.regency}`,
      );
    }
    if (checkpoint.borderCountry && !data.isCountry(checkpoint.borderCountry)) {
      throw new Error(
        `reference: checkpoint ${checkpoint.code} borders unknown country ${checkpoint.borderCountry}`,
      );
    }
  }
  for (const [group, codes] of Object.entries(data.countryGroups)) {
    for (const code of codes)
      if (!data.isCountry(code))
        throw new Error(`reference: country group ${group} has unknown code ${code}`);
  }
}
