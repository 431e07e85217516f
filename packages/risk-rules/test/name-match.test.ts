import { namesMatch, nameTokens, normalizedName } from '../src';

/**
 * The method of src/names/name-match.ts: titles dropped, old spellings folded (OE→U, DJ→J, TJ→C,
 * SJ→SY, CH→KH, DH→D, TH→T, doubled letters, forms of Muhammad), then tokens equal or within edit
 * distance 1 (5-8 letters) or 2 (9 and more); every token of the shorter name must match, and a
 * single-token name only matches a single-token name.
 */
describe('names that are the same person', () => {
  it.each([
    // titles and honorifics
    ['Haji Budi Santoso', 'BUDI SANTOSA', 'a pilgrim title, and a one-letter variant of a 7-letter token'],
    ['H. Budi Santoso', 'Budi Santoso', 'the abbreviated title'],
    ['Hj. Siti Aminah', 'SITI AMINAH', "a woman's pilgrim title"],
    ['Ibu Sri Wahyuni', 'Sri Wahyuni', 'a form of address'],
    ['Dr. Ir. Bambang Sutrisno', 'Bambang Sutrisno', 'academic titles'],
    ['PT. Maju Jaya Abadi', 'Maju Jaya Abadi', 'a company form'],
    ['Budi', 'H. Budi', 'a single name with a title'],
    // old and regional spellings
    ['Soekarno Hatta', 'Sukarno Hatta', 'OE for U and a doubled letter'],
    ['Moh. Djunaedi', 'Muhammad Junaedi', 'DJ for J and an abbreviated Muhammad'],
    ['Joko Widodo', 'Djoko Widodo', 'DJ for J in a short token'],
    ['Sjahrir Thalib', 'Syahrir Talib', 'SJ for SY and TH for T'],
    ['Achmad Dhani', 'Ahmad Dani', 'CH for KH within one letter, DH for D'],
    ['Chairul Tanjung', 'Khairul Tanjung', 'CH for KH'],
    ['Tjahjo Kumolo', 'Cahyo Kumolo', 'TJ for C, then J for Y within one letter'],
    ['M. Rizki Pratama', 'Mochammad Rizky Pratama', 'M. and Mochammad for Muhammad'],
    ['Muh. Yusuf Ali', 'Mohamad Jusuf Ali', 'Muh. and Mohamad for Muhammad, J for Y within one letter'],
    ['Hasanuddin', 'Hasanudin', 'a doubled letter in a single name'],
    // typing slips
    ['Siti Nurhaliza', 'Siti Nurhalizah', 'one letter more in a 9-letter token'],
    ['Dewi Kartikasari', 'Dewi Kartikasary', 'one letter off in a long token'],
    ['Bambang Prasetyo', 'Bambang Prasetiyo', 'one letter more'],
    // word order and extra names
    ['Santoso Budi', 'Budi Santoso', 'tokens in another order'],
    ['Nur Aini', 'Nur Aini Hidayah', 'a longer name containing the shorter one'],
    ['Budi Santoso, S.H.', 'Budi Santoso', 'a degree after a two-token name'],
    ['Sinta, S.E.', 'Sinta', 'a dotted degree after a single name'],
    ['Sinta, S.E.', 'SINTA SE', 'a degree with and without its dots'],
    ['Rina Wulandari, S.Kom.', 'Rina Wulandari', 'a dotted computing degree'],
  ])('%s ~ %s (%s)', (left, right) => {
    expect(namesMatch(left, right)).toBe(true);
    expect(namesMatch(right, left)).toBe(true);
  });
});

describe('names that are not the same person', () => {
  it.each([
    ['Budi', 'Budi Santoso', 'a single name against a two-token name'],
    ['Siti', 'Siti Rahmawati', 'a single name against a two-token name'],
    ['Budi Santoso', 'Budi Hartono', 'same first name, different family name'],
    ['Budi Santoso', 'Agus Santoso', 'same family name, different first name'],
    ['Dewi Lestari', 'Siti Aminah', 'different people'],
    ['Eko', 'Eka', 'short tokens must be equal'],
    ['Ani Susanti', 'Ina Susanti', 'short tokens must be equal'],
    ['Iwan Setiawan', 'Irwan Setiawan', 'short tokens must be equal'],
    ['Sri Wahyuni', 'Sri Wahyuningsih', 'more than two letters apart'],
    ['', 'Budi', 'an empty name'],
    ['Dr. Ir. H.', 'Budi', 'only titles'],
    ['Sinta, S.E.', 'Sinta Dewi', 'a single name with a degree against a two-token name'],
  ])('%s ≁ %s (%s)', (left, right) => {
    expect(namesMatch(left, right)).toBe(false);
    expect(namesMatch(right, left)).toBe(false);
  });
});

describe('folded names', () => {
  it('gives two spellings of one person the same index key', () => {
    expect(normalizedName('Moh. Djunaedi')).toBe('MUHAMAD JUNAEDI');
    expect(normalizedName('Muhammad Junaedi')).toBe('MUHAMAD JUNAEDI');
    expect(normalizedName('Haji Darmawan Saputra')).toBe(normalizedName('H. Darmawan  Saputra'));
    expect(normalizedName('Soekarno')).toBe(normalizedName('sukarno'));
  });

  it('drops degrees written with dots, as when written without', () => {
    expect(normalizedName('Darmawan Saputra, S.E.')).toBe('DARMAWAN SAPUTRA');
    expect(normalizedName('Darmawan Saputra, S.E.')).toBe(normalizedName('Darmawan Saputra SE'));
    expect(normalizedName('Sinta, S.E.')).toBe('SINTA');
    expect(nameTokens('Rina Wulandari, S.Kom.')).toEqual(['RINA', 'WULANDARI']);
    expect(nameTokens('Agus Salim, S.Pd.')).toEqual(['AGUS', 'SALIM']);
    expect(nameTokens('Agus Salim S.Pd')).toEqual(['AGUS', 'SALIM']);
  });

  it('keeps a one-letter initial that does not make a title with the next piece', () => {
    expect(nameTokens('Budi S. Hartono')).toEqual(['BUDI', 'S', 'HARTONO']);
    expect(nameTokens('M. Rizki Pratama')).toEqual(['MUHAMAD', 'RIZKI', 'PRATAMA']);
  });

  // Only dotted degrees are removed as a unit: "H. Aji" is the title H and the name Aji.
  it('keeps a name that happens to complete a title with the initial before it', () => {
    expect(nameTokens('H. Aji Santoso')).toEqual(['AJI', 'SANTOSO']);
    expect(namesMatch('H. Aji Santoso', 'Aji Santoso')).toBe(true);
    expect(nameTokens("M. As'ad Said")).toEqual(['MUHAMAD', 'AS', 'AD', 'SAID']);
    expect(normalizedName('Sinta, S.Pd., M.Pd.')).toBe('SINTA');
    expect(normalizedName('Rudi Hartono, M.B.A.')).toBe('RUDI HARTONO');
  });

  it('strips accents, punctuation and titles before folding', () => {
    expect(nameTokens('Hj. Siti Ṣāliḥah-Rahmawati')).toEqual(['SITI', 'SALIHAH', 'RAHMAWATI']);
    expect(nameTokens('PT Cahaya Tjipta Sentosa Tbk')).toEqual(['CAHAYA', 'CIPTA', 'SENTOSA']);
  });
});
