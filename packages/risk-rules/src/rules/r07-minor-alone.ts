import { ageOn, decodeNik } from '@waspada/domain';
import { crossingOf, hitOf, reason, type Rule } from './rule';

/**
 * R07: a minor (age from Dukcapil, else from the NIK) departing with no adult on the same booking.
 * Families reach the counter one after another, children often first, so an adult counts when the
 * airline's booking lists one (advance passenger data, known at the child's scan) or when one was
 * scanned on the booking within a few hours. A sponsor is not a guardian: a minor sent abroad by a
 * sponsor is the case. Where Dukcapil gives the child's family card, an adult on the booking who is
 * not on it (an "aunt" who is a recruiter, a foreign "husband") is a weaker finding of its own: ask
 * for the parents' consent.
 */
export const R07: Rule<'R07'> = {
  id: 'R07',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    const { adultAge, companionWindowHours, unverifiedCompanionSeverity } = config.params;
    if (!crossing || view.ageYears === undefined || view.ageYears >= adultAge) return null;
    const at = new Date(crossing.eventTime);
    const adultByNik = (nik: string) => {
      const decoded = decodeNik(nik, { regencies: context.reference.regencies, today: at });
      return decoded.ok && ageOn(decoded.value.birthDate, at) >= adultAge;
    };
    // Adults on the booking: listed by the airline (a NIK where Immigration resolved one), or scanned on it.
    const adults: { nik: string | null; familyCard: string | null | undefined }[] = crossing.bookingParty
      .filter(
        (passenger) =>
          passenger.nik !== view.nik &&
          ((passenger.birthDate !== null && ageOn(passenger.birthDate, at) >= adultAge) ||
            (passenger.nik !== null && adultByNik(passenger.nik))),
      )
      .map((passenger) => ({
        // Immigration's passport records name the holder where the airline gave no NIK.
        nik:
          passenger.nik ??
          (passenger.documentNumber
            ? (context.links.passportHolders.get(passenger.documentNumber)?.[0]?.nik ?? null)
            : null),
        familyCard: null,
      }));
    const window = companionWindowHours * 3_600_000;
    // Scanned on the booking, or (at a land post or a ferry, where there is no booking) a family
    // member of the child's card departing within the same hours.
    const card = view.identity?.familyCardNumber;
    const scanned = [
      ...(crossing.bookingReference ? (context.links.byBooking.get(crossing.bookingReference) ?? []) : []),
      ...(card ? (context.links.familyTrips.get(card) ?? []) : []),
    ];
    for (const other of scanned) {
      if (other.nik === view.nik || Math.abs(other.time - crossing.eventTime) > window) continue;
      if (adultByNik(other.nik)) adults.push({ nik: other.nik, familyCard: other.familyCard ?? null });
    }
    const facts = {
      age: String(view.ageYears),
      country: crossing.countryCode,
      sponsored: crossing.sponsor ? 'yes' : 'no',
    };
    if (adults.length === 0) return hitOf([reason('R07.alone', facts, [crossing.eventId])]);
    if (!card) return null;
    // A school trip or tour: a named group with a return, whose organiser carries the consents.
    if (crossing.groupReference !== null && crossing.returnDate !== null && crossing.sponsor === null)
      return null;
    const family = new Set((context.links.familyMembers.get(card) ?? []).map((member) => member.nik));
    // An adult's own card is known from Dukcapil's record, carried by their scan's link.
    const cardOf = new Map(
      adults.flatMap((adult) =>
        adult.nik !== null && adult.familyCard ? [[adult.nik, adult.familyCard]] : [],
      ),
    );
    const cards = adults.map(
      (adult) => adult.familyCard ?? (adult.nik !== null ? cardOf.get(adult.nik) : null),
    );
    if (adults.some((adult, index) => cards[index] === card || (adult.nik !== null && family.has(adult.nik))))
      return null;
    // An Indonesian adult whose family card is not known yet (a parent whose Dukcapil record or scan
    // has not reached the processor) may well be the parent: missing data is no finding, and the
    // link of their scan, with their card, asks for the child to be judged again. An adult with no
    // NIK (a foreigner, say a "groom") is on no Indonesian family card.
    if (adults.some((adult, index) => adult.nik !== null && !cards[index])) return null;
    return hitOf(
      [
        adults.length === 1
          ? reason('R07.adultNotFamily', facts, [crossing.eventId])
          : reason('R07.adultsNotFamily', { ...facts, count: String(adults.length) }, [crossing.eventId]),
      ],
      -Math.round(config.score / 2),
      unverifiedCompanionSeverity,
    );
  },
};
