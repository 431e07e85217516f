import type { BorderCrossingEvent, WatchlistEvent } from '@waspada/schemas';
import { crossingMentions, normalizePhone, phonesIn, watchlistTargets } from '../../src/analyst/case-links';

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456 7890', '+6281234567890'],
    ['+60123456789', '+60123456789'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each(['12345', 'call me', '812345678', '+62 812 3456 7890 1234 5'])('refuses %s', (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });

  it('finds the numbers written in a sponsor field', () => {
    expect(phonesIn('Pak Darto (0812-3456-7890 / +62 813 1111 2222)')).toEqual([
      '+6281234567890',
      '+6281311112222',
    ]);
    expect(phonesIn('PT Maju Jaya')).toEqual([]);
  });
});

describe('crossingMentions', () => {
  const crossing = {
    sponsor: 'H. Darto 0812 3456 7890',
    bookingReference: ' xk7p2q ',
    travelOrganizerLicence: 'ppiu-123/2024',
  } as BorderCrossingEvent;

  it('names the sponsor without the phone, the phone, the booking and the organiser', () => {
    expect(crossingMentions(crossing)).toEqual([
      { kind: 'sponsor', key: 'H. Darto', label: 'H. Darto' },
      { kind: 'phone', key: '+6281234567890', label: '+6281234567890' },
      { kind: 'booking', key: 'XK7P2Q', label: 'XK7P2Q' },
      { kind: 'organiser', key: 'PPIU-123/2024', label: 'PPIU-123/2024' },
    ]);
  });

  it('names no sponsor when the field holds only a number or titles', () => {
    expect(
      crossingMentions({
        ...crossing,
        sponsor: '081234567890',
        bookingReference: null,
        travelOrganizerLicence: null,
      }),
    ).toEqual([{ kind: 'phone', key: '+6281234567890', label: '+6281234567890' }]);
    expect(
      crossingMentions({
        ...crossing,
        sponsor: 'Bapak',
        bookingReference: null,
        travelOrganizerLicence: null,
      }),
    ).toEqual([]);
  });
});

describe('watchlistTargets', () => {
  const entry = (fields: Partial<WatchlistEvent>) =>
    ({ name: null, aliases: [], identifier: null, active: true, ...fields }) as WatchlistEvent;

  it('points a recruiter at sponsor names and at its phone', () => {
    expect(
      watchlistTargets(
        entry({
          entryType: 'RECRUITER',
          name: 'Haji Darto',
          aliases: ['Darto'],
          identifier: '+6281234567890',
        }),
      ),
    ).toEqual({
      names: [
        { kind: 'sponsor', name: 'Haji Darto' },
        { kind: 'sponsor', name: 'Darto' },
      ],
      entityIds: ['phone:+6281234567890'],
    });
  });

  it('points a placement company at its licence and its name, a phone entry at the number', () => {
    expect(
      watchlistTargets(entry({ entryType: 'PLACEMENT_COMPANY', name: 'PT Maju', identifier: 'p3mi-0042' })),
    ).toEqual({
      names: [{ kind: 'company', name: 'PT Maju' }],
      entityIds: ['company:P3MI-0042'],
    });
    expect(
      watchlistTargets(entry({ entryType: 'PHONE_NUMBER', identifier: '+6281234567890' })).entityIds,
    ).toEqual(['phone:+6281234567890']);
  });
});
