import { crossingOf, dateOf, daysBetween, hitOf, reason, type Reason, type Rule } from './rule';
import { residentOfThisBorder } from './border-residence';
import { within, type PersonView } from '../person/person-view';
import { localDay } from '../situations';

const RETURNING_HOME_LEAVE_MS = 180 * 86_400_000;

/**
 * A migrant worker going back after home leave whose renewed contract KP2MI has not recorded:
 * Immigration saw them come home as a returning worker from that country within half a year, and a
 * placement once took them there.
 */
function returningToWork(view: PersonView, destination: string): boolean {
  const placedThere = view.placements.some(
    (placement) =>
      placement.departedAt !== null && !placement.cancelled && placement.destinationCountry === destination,
  );
  return (
    placedThere &&
    view.events.some(
      (event) =>
        event.kind === 'crossing' &&
        event.direction === 'ARRIVAL' &&
        event.arrivalCategory === 'RETURNING_MIGRANT_WORKER' &&
        event.countryCode === destination &&
        view.time - event.eventTime <= RETURNING_HOME_LEAVE_MS,
    )
  );
}

/**
 * R01: a working-age departure to a labour-destination country on a tourist, visit or umrah
 * purpose with no placement, AND at least one sign that separates a worker from a tourist or
 * pilgrim. About 30,000 Indonesians leave every day; a holiday in Malaysia with a return ticket and
 * nothing else must not alert, nor may a first trip on a new passport, nor an independent umrah
 * (lawful since UU 14/2025): those only add weight to a real sign.
 */
export const R01: Rule<'R01'> = {
  id: 'R01',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing) return null;
    const { params } = config;
    const destinations = context.reference.countryGroups[params.destinations];
    // The ticket's first stop may be a transit hub: the trip ends where the itinerary ends.
    const destination = crossing.finalDestinationCountry ?? crossing.countryCode;
    if (!destinations.has(destination) && !destinations.has(crossing.countryCode)) return null;
    if (!within(context.ruleSet.workingAge, view.ageYears)) return null;
    if (view.activePlacements.length > 0 || returningToWork(view, destination)) return null;
    const purpose = crossing.declaredPurpose;
    const declaresWork = purpose === 'WORK' || crossing.visaType === 'WORK';
    if (!declaresWork && purpose !== null && !params.purposes.includes(purpose)) return null;
    if (crossing.visaType !== null && params.explainingVisas.includes(crossing.visaType)) return null;
    // Crossing by land at their own post is daily life for border residents: only a declared job counts there.
    if (residentOfThisBorder(view, crossing, context.ruleSet) && !declaresWork) return null;

    const signals: Reason[] = [];
    if (declaresWork) {
      signals.push(
        reason(crossing.visaType === 'WORK' ? 'R01.workVisa' : 'R01.declaresWork', { country: destination }, [
          crossing.eventId,
        ]),
      );
    }
    // What the trip's length says needs the scan, which carries it, and is void once the traveller
    // came home within a visit's length.
    const trip = view.situation.kind === 'departure' && view.situation.scanned;
    const cameBack =
      view.returnedAt !== null && daysBetween(crossing.eventTime, view.returnedAt) <= params.maxStayDays;
    if (trip && !cameBack && crossing.returnDate === null) {
      signals.push(reason('R01.oneWay', { country: destination }, [crossing.eventId]));
    } else if (!cameBack && crossing.returnDate !== null) {
      const stay = daysBetween(Date.parse(localDay(crossing)), Date.parse(crossing.returnDate));
      if (stay > params.maxStayDays) {
        signals.push(
          reason('R01.longStay', { days: String(stay), maxDays: String(params.maxStayDays) }, [
            crossing.eventId,
          ]),
        );
      }
    }
    if (crossing.ticketPaidBy !== null && params.thirdPartyPayers.includes(crossing.ticketPaidBy)) {
      const payer = crossing.ticketPaidBy;
      signals.push(
        crossing.sponsor
          ? reason('R01.paidBySponsor', { payer, sponsor: crossing.sponsor }, [crossing.eventId])
          : reason('R01.paidBy', { payer }, [crossing.eventId]),
      );
    }
    if (
      (purpose === 'UMRAH' || purpose === 'HAJJ') &&
      !context.reference.countryGroups.pilgrimage.has(destination)
    ) {
      signals.push(reason('R01.pilgrimageElsewhere', { purpose, country: destination }, [crossing.eventId]));
    }
    const application = view.events
      .filter((event) => event.kind === 'passport' && event.declaredPurpose !== null)
      .pop();
    if (
      application?.kind === 'passport' &&
      application.declaredPurpose === 'WORK' &&
      purpose !== null &&
      purpose !== 'WORK'
    ) {
      signals.push(reason('R01.purposeChanged', { purpose }, [application.eventId, crossing.eventId]));
    }
    if (signals.length === 0) return null;

    // Weight, never a reason on its own.
    let extra = params.extraSignalScore * (signals.length - 1);
    if (
      purpose === 'UMRAH' &&
      (crossing.travelOrganizerLicence === null || crossing.groupReference === null)
    ) {
      signals.push(reason('R01.umrahWithoutOrganiser', {}, [crossing.eventId]));
      extra += params.umrahWithoutOrganiserScore;
    }
    const issued = view.events
      .filter(
        (event) => event.kind === 'passport' && event.eventType === 'ISSUED' && event.documentType !== 'PLB',
      )
      .pop();
    if (issued && daysBetween(issued.eventTime, crossing.eventTime) <= params.freshPassportDays) {
      const days = String(daysBetween(issued.eventTime, crossing.eventTime));
      signals.push(reason('R01.freshPassport', { days, date: dateOf(issued.eventTime) }, [issued.eventId]));
      extra += params.extraSignalScore;
    }
    return hitOf(signals, extra);
  },
};
