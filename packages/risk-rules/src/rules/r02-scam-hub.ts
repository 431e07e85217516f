import { crossingOf, daysBetween, hitOf, reason, type Reason, type Rule } from './rule';
import { within } from '../person/person-view';
import { localDay } from '../situations';

/**
 * R02: a young adult without placement heading to, or routed through, an online-scam hub: the
 * ticket's first stop, a transit stop or, from the airline's itinerary, the final destination
 * (victims are flown to Kuala Lumpur or Bangkok first). A licensed organiser's group tour with a
 * short return (Angkor Wat, Luang Prabang), paid by no one but the travellers, is tourism.
 */
export const R02: Rule<'R02'> = {
  id: 'R02',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing || !within(config.params.age, view.ageYears)) return null;
    const destination = crossing.finalDestinationCountry ?? crossing.countryCode;
    if (
      view.activePlacements.some(
        (placement) =>
          placement.destinationCountry === destination ||
          placement.destinationCountry === crossing.countryCode,
      )
    )
      return null;
    if (
      crossing.travelOrganizerLicence !== null &&
      crossing.groupReference !== null &&
      crossing.returnDate !== null &&
      daysBetween(Date.parse(localDay(crossing)), Date.parse(crossing.returnDate)) <=
        config.params.tourMaxDays &&
      (crossing.ticketPaidBy === null || ['SELF', 'FAMILY', 'TRAVEL_AGENCY'].includes(crossing.ticketPaidBy))
    )
      return null;
    const hubs = context.reference.countryGroups[config.params.hubs];
    const reasons: Reason[] = [];
    const age = String(view.ageYears ?? '?');
    if (hubs.has(crossing.countryCode)) {
      reasons.push(reason('R02.hub', { country: crossing.countryCode, age }, [crossing.eventId]));
    } else if (hubs.has(destination)) {
      reasons.push(
        reason('R02.hubOnward', { transitCountry: crossing.countryCode, country: destination, age }, [
          crossing.eventId,
        ]),
      );
    }
    // Compounds are also reached overland from a neighbour (Bangkok to Myawaddy): a one-way ticket
    // there that a sponsor or employer paid, for a young adult with no placement, is how recruits travel.
    const gateways = context.reference.countryGroups[config.params.gateways];
    const oneWay =
      view.situation.kind === 'departure' && view.situation.scanned && crossing.returnDate === null;
    const paidByOthers =
      crossing.ticketPaidBy !== null && ['SPONSOR', 'EMPLOYER', 'OTHER'].includes(crossing.ticketPaidBy);
    // A residence, study, seafarer or medical visa explains a one-way ticket an employer paid.
    const explained =
      crossing.visaType !== null &&
      context.ruleSet.rules.R01.params.explainingVisas.includes(crossing.visaType);
    if (reasons.length === 0 && gateways.has(destination) && oneWay && paidByOthers && !explained) {
      reasons.push(
        crossing.sponsor
          ? reason('R02.gatewayOneWay', { country: destination, sponsor: crossing.sponsor, age }, [
              crossing.eventId,
            ])
          : reason('R02.gatewayOneWayUnnamed', { country: destination, age }, [crossing.eventId]),
      );
    }
    const viaHub = crossing.transitCountries.filter((code) => hubs.has(code) && code !== destination);
    if (viaHub.length > 0) {
      reasons.push(reason('R02.viaHub', { countries: viaHub.join(',') }, [crossing.eventId]));
    }
    return hitOf(reasons);
  },
};
