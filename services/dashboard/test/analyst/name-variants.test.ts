import { normalizedName } from '@waspada/risk-rules';
import { matchingEntity, shareBlock } from '../../src/analyst/case-links';

/**
 * How the network decides that two sponsors or recruiters are one broker: the method of
 * @waspada/risk-rules' name matcher (titles and degrees dropped; OE→U, DJ→J, TJ→C, SJ→SY, CH→KH,
 * DH→D, TH→T, doubled letters and the forms of Muhammad folded; tokens equal, or one letter apart
 * from 5 letters, two from 9; every token of the shorter name matched; a single name only against
 * a single name). A spelling is compared with the entities sharing a blocking key (first or last
 * three letters of a folded token), so every pair that matches must also share a block.
 */
const entity = (id: string, ...names: string[]) => ({ id, names });

describe('spellings the network takes for one broker', () => {
  it.each([
    ['Haji Muhammad Soekarno', 'M. Sukarno', 'title dropped, M. for Muhammad, OE for U'],
    ['Djoko Santoso', 'Joko Santosa', 'DJ for J, one letter off in a 7-letter token'],
    ['H. Budi Santoso', 'BUDI SANTOSO', 'abbreviated pilgrim title, upper case'],
    ['Hj. Siti Aminah', 'Siti Aminah', "a woman's pilgrim title"],
    ['Bapak Tjahjo Kumolo', 'Cahyo Kumolo', 'form of address, TJ for C'],
    ['Sjahrir Thalib', 'Syahrir Talib', 'SJ for SY, TH for T'],
    ['Achmad Dhani', 'Ahmad Dani', 'CH, DH'],
    ['Moch. Rizki Pratama', 'Mohammad Rizky Pratama', 'two forms of Muhammad, one letter off'],
    ['Drs. Bambang Sutrisno, S.H.', 'Bambang Sutrisno', 'degrees before and after the name'],
    ['Nur Aini', 'Nur Aini Hidayah', 'a longer name containing the two-token one'],
    ['Santoso Budi', 'Budi Santoso', 'tokens in another order'],
    ['Hasanuddin', 'Hasanudin', 'a single name against a single name, doubled letter'],
    ['PT. Maju Jaya Abadi', 'Maju Jaya Abadi', 'a company form'],
  ])('%s ~ %s (%s)', (known, seen) => {
    expect(matchingEntity(seen, [entity('sponsor:A', known)])).toBe('sponsor:A');
    expect(matchingEntity(known, [entity('sponsor:A', seen)])).toBe('sponsor:A');
    expect(shareBlock(known, seen)).toBe(true);
  });
});

describe('spellings the network keeps apart', () => {
  it.each([
    ['Budi', 'Budi Santoso', 'a single name never matches a longer name'],
    ['Sukarno', 'Haji Muhammad Soekarno', 'a single name against a titled full name'],
    ['Budi Santoso', 'Budi Hartono', 'same first name, another family name'],
    ['Djoko Santoso', 'Djoko Susilo', 'same first name, another family name'],
    ['Budi Santoso', 'Agus Santoso', 'same family name, another first name'],
    ['Ani Susanti', 'Ina Susanti', 'short tokens must be equal'],
    ['Sri Wahyuni', 'Sri Wahyuningsih', 'more than two letters apart'],
    ['Dewi Lestari', 'Siti Aminah', 'different people'],
    ['H.', 'Budi', 'a title alone is no name'],
  ])('%s ≁ %s (%s)', (known, seen) => {
    expect(matchingEntity(seen, [entity('sponsor:A', known)])).toBeUndefined();
    expect(matchingEntity(known, [entity('sponsor:A', seen)])).toBeUndefined();
  });
});

describe('matchingEntity', () => {
  it('matches any spelling an entity was seen under, and picks the first entity by id', () => {
    const known = [
      entity('sponsor:JOKO SANTOSO', 'Djoko Santoso', 'Joko Santoso'),
      entity('sponsor:BUDI HARTONO', 'Budi Hartono'),
    ];
    expect(matchingEntity('H. Joko Santosa', known)).toBe('sponsor:JOKO SANTOSO');
    expect(
      matchingEntity('Joko Santosa', [
        entity('sponsor:B', 'Joko Santoso'),
        entity('sponsor:A', 'Djoko Santoso'),
      ]),
    ).toBe('sponsor:A');
    expect(matchingEntity('Agus Salim', known)).toBeUndefined();
  });

  it('keys a new entity by its folded name, so exact variants need no comparison', () => {
    expect(normalizedName('Haji Muhammad Soekarno')).toBe(normalizedName('M. Sukarno'));
    expect(normalizedName('Djoko Santoso')).toBe('JOKO SANTOSO');
  });
});
