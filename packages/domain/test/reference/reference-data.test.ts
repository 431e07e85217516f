import { referenceData } from '../../src';

describe('reference data', () => {
  const data = referenceData();

  it('has the 38 provinces and every current regency and city', () => {
    expect(data.provinces.size).toBe(38);
    const current = [...data.regencies.values()].filter((regency) => regency.current);
    expect(current).toHaveLength(514);
    expect(data.regencies.get('6103')).toMatchObject({
      name: 'Kabupaten Sanggau',
      province: '61',
      kind: 'regency',
    });
    expect(data.regencies.get('5271')).toMatchObject({ name: 'Kota Mataram', kind: 'city' });
  });

  it('knows the West Kalimantan land posts facing Malaysia', () => {
    const posts = [...data.checkpoints.values()].filter(
      (checkpoint) => checkpoint.kind === 'PLBN' && checkpoint.province === '61',
    );
    expect(posts.map((post) => post.code)).toEqual(
      expect.arrayContaining(['PLBN-ENTIKONG', 'PLBN-ARUK', 'PLBN-BADAU']),
    );
    expect(posts.every((post) => post.type === 'land' && post.borderCountry === 'MY')).toBe(true);
  });

  it('validates ISO country codes and groups the destinations the rules need', () => {
    expect(data.isCountry('KH')).toBe(true);
    expect(data.isCountry('XX')).toBe(false);
    expect(data.isCountry('my')).toBe(false);
    expect(data.countryName('MY')).toBe('Malaysia');
    expect([...data.countryGroups.onlineScamHubs].sort()).toEqual(['KH', 'LA', 'MM']);
    expect(data.countryGroups.labourDestinations.has('SA')).toBe(true);
  });

  it('loads once per process', () => {
    expect(referenceData()).toBe(data);
  });
});
