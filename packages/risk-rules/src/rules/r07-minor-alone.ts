import { ageOn, decodeNik } from '@waspada/domain';
import { crossingOf, hitOf, type Rule } from './rule';

/**
 * R07: a minor (age from Dukcapil, else from the NIK) departing with no adult on the same booking.
 * Families reach the counter one after another, children often first, so an adult counts when the
 * airline's booking lists one (advance passenger data, known at the child's scan) or when one was
 * scanned on the booking within a few hours. A sponsor is not a guardian: a minor sent abroad by
 * a sponsor is the case.
 */
export const R07: Rule<'R07'> = {
  id: 'R07',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    const { adultAge, companionWindowHours } = config.params;
    if (!crossing || view.ageYears === undefined || view.ageYears >= adultAge) return null;
    const at = new Date(crossing.eventTime);
    const listedAdult = crossing.bookingParty.some(
      (passenger) =>
        passenger.nik !== view.nik &&
        passenger.birthDate !== null &&
        ageOn(passenger.birthDate, at) >= adultAge,
    );
    if (listedAdult) return null;
    const window = companionWindowHours * 3_600_000;
    const companions = crossing.bookingReference
      ? (context.links.byBooking.get(crossing.bookingReference) ?? []).filter(
          (other) => other.nik !== view.nik && Math.abs(other.time - crossing.eventTime) <= window,
        )
      : [];
    const scannedAdult = companions.some((other) => {
      const decoded = decodeNik(other.nik, { regencies: context.reference.regencies, today: at });
      return decoded.ok && ageOn(decoded.value.birthDate, at) >= adultAge;
    });
    if (scannedAdult) return null;
    const sponsor = crossing.sponsor ? `, sponsored by someone outside the booking` : '';
    return hitOf([
      {
        text: `aged ${view.ageYears}, departing to ${crossing.countryCode} with no adult on the same booking${sponsor}`,
        evidence: [crossing.eventId],
      },
    ]);
  },
};
