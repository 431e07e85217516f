import { ageOn, decodeNik } from '@waspada/domain';
import type { LinkedPerson } from '../context';
import { normalizedName } from '../names/name-match';
import { localDay } from '../situations';
import { crossingOf, daysBetween, hitOf, reason, type Reason, type Rule } from './rule';

/**
 * R08: a recruited group. k or more travellers without placements, from the same regency and of
 * different families, sharing a booking reference or a sponsor within the window; or a sponsor
 * already named by people who were alerted on. Only working-age travellers count; a family on one
 * booking is one party, however many children it has (Dukcapil's family card); and a booking makes
 * a group only with a sign the trip is work, since friends and tours share bookings every day.
 */
export const R08: Rule<'R08'> = {
  id: 'R08',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing || view.activePlacements.length > 0) return null;
    const { minTravellers, windowHours, linkedAlertScore } = config.params;
    const since = crossing.eventTime - windowHours * 3_600_000;
    const regency = view.originRegencyCode;
    const at = new Date(crossing.eventTime);
    const { workingAge } = context.ruleSet;
    const workingAgeNik = (nik: string) => {
      const decoded = decodeNik(nik, { regencies: context.reference.regencies, today: at });
      if (!decoded.ok) return false;
      const age = ageOn(decoded.value.birthDate, at);
      return age >= workingAge.min && age <= workingAge.max;
    };
    const ownCard = view.identity?.familyCardNumber ?? null;
    // A scan and a clearance index one traveller twice: count people, not entries; and a family
    // (people on one family card) as one party.
    const group = (people: readonly LinkedPerson[] | undefined) => {
      const members = (people ?? []).filter(
        (other) =>
          other.time >= since &&
          // Members who reached the counter later count once their scans are known (rejudge.ts).
          other.time <= view.knownAt &&
          !other.placement &&
          other.nik.startsWith(regency) &&
          workingAgeNik(other.nik),
      );
      const parties = new Set(
        members.map((other) =>
          other.nik === view.nik && ownCard
            ? `kk:${ownCard}`
            : other.familyCard
              ? `kk:${other.familyCard}`
              : other.nik,
        ),
      );
      return { people: new Set(members.map((other) => other.nik)).size, parties: parties.size };
    };
    // Friends, colleagues and tours share bookings every day; a booking makes a recruited group only
    // with a sign the trip is work: no return, a stay beyond a visit, a fare someone else paid, a sponsor.
    const stay =
      crossing.returnDate === null
        ? undefined
        : daysBetween(Date.parse(localDay(crossing)), Date.parse(crossing.returnDate));
    const labourSign =
      crossing.declaredPurpose === 'WORK' ||
      crossing.sponsor !== null ||
      (crossing.ticketPaidBy !== null && ['SPONSOR', 'EMPLOYER', 'OTHER'].includes(crossing.ticketPaidBy)) ||
      (view.situation.kind === 'departure' && view.situation.scanned && stay === undefined) ||
      (stay !== undefined && stay > context.ruleSet.rules.R01.params.maxStayDays);
    const organisedGroup = !labourSign;
    const reasons: Reason[] = [];
    const regencyName = context.reference.regencies.get(regency)?.name ?? regency;
    if (crossing.bookingReference && !organisedGroup) {
      const members = group(context.links.byBooking.get(crossing.bookingReference));
      if (members.parties >= minTravellers) {
        reasons.push(
          reason(
            'R08.booking',
            {
              count: String(members.people),
              regency: regencyName,
              booking: crossing.bookingReference,
              hours: String(windowHours),
            },
            [crossing.eventId],
          ),
        );
      }
    }
    let extra = 0;
    if (crossing.sponsor) {
      const sponsor = normalizedName(crossing.sponsor);
      const members = group(context.links.bySponsor.get(sponsor));
      if (!organisedGroup && members.parties >= minTravellers) {
        reasons.push(
          reason(
            'R08.sponsor',
            { count: String(members.people), regency: regencyName, hours: String(windowHours) },
            [crossing.eventId],
          ),
        );
      }
      const alerted = new Set(
        (context.links.sponsorAlerts.get(sponsor) ?? [])
          .filter((other) => other.nik !== view.nik && other.time < crossing.eventTime)
          .map((other) => other.nik),
      );
      if (alerted.size > 0) {
        reasons.push(
          alerted.size === 1
            ? reason('R08.sponsorAlertedOnce', {}, [crossing.eventId])
            : reason('R08.sponsorAlerted', { count: String(alerted.size) }, [crossing.eventId]),
        );
        extra = linkedAlertScore;
      }
    }
    return hitOf(reasons, extra);
  },
};
