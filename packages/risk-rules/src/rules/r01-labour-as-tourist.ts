import { countryName, crossingOf, dateOf, daysBetween, hitOf, type Reason, type Rule } from './rule';
import { within } from '../person/person-view';
import { localDay } from '../situations';

/**
 * R01: a working-age departure to a labour-destination country on a tourist, visit or umrah
 * purpose with no placement, AND at least one sign that separates a worker from a tourist or
 * pilgrim. About 30,000 Indonesians leave every day; a holiday in Malaysia with a return ticket and
 * nothing else must not alert.
 */
export const R01: Rule<'R01'> = {
  id: 'R01',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing) return null;
    const { params } = config;
    const destinations = context.reference.countryGroups[params.destinations];
    if (!destinations.has(crossing.countryCode)) return null;
    if (!within(context.ruleSet.workingAge, view.ageYears)) return null;
    if (view.activePlacements.length > 0) return null;
    const purpose = crossing.declaredPurpose;
    const declaresWork = purpose === 'WORK';
    if (!declaresWork && purpose !== null && !params.purposes.includes(purpose)) return null;
    // Crossing by land is part of daily life for border residents: only a declared job counts there.
    const borderResident = context.ruleSet.borderRegencies.includes(view.originRegencyCode);
    if (crossing.checkpointType === 'LAND' && borderResident && !declaresWork) return null;

    const signals: Reason[] = [];
    const country = countryName(context, crossing.countryCode);
    if (declaresWork) {
      signals.push({
        text: `declares work in ${country} but has no KP2MI placement`,
        evidence: [crossing.eventId],
      });
    }
    if (crossing.returnDate === null) {
      signals.push({ text: `one-way to ${country}: no return booking shown`, evidence: [crossing.eventId] });
    } else {
      const stay = daysBetween(Date.parse(localDay(crossing)), Date.parse(crossing.returnDate));
      if (stay > params.maxStayDays) {
        signals.push({
          text: `return booked ${stay} days out, beyond a ${params.maxStayDays}-day visit`,
          evidence: [crossing.eventId],
        });
      }
    }
    let extra = 0;
    if (
      purpose === 'UMRAH' &&
      (crossing.travelOrganizerLicence === null || crossing.groupReference === null)
    ) {
      signals.push({
        text: 'umrah outside a registered travel organiser (PPIU) group',
        evidence: [crossing.eventId],
      });
      extra += params.umrahWithoutOrganiserScore;
    }
    if (
      (purpose === 'UMRAH' || purpose === 'HAJJ') &&
      !context.reference.countryGroups.pilgrimage.has(crossing.countryCode)
    ) {
      signals.push({
        text: `declares ${purpose.toLowerCase()} but flies to ${country}`,
        evidence: [crossing.eventId],
      });
    }
    const issued = view.events
      .filter((event) => event.kind === 'passport' && event.eventType === 'ISSUED')
      .pop();
    if (issued && daysBetween(issued.eventTime, crossing.eventTime) <= params.freshPassportDays) {
      signals.push({
        text: `passport issued ${daysBetween(issued.eventTime, crossing.eventTime)} days before departure (${dateOf(issued.eventTime)})`,
        evidence: [issued.eventId],
      });
    }
    const application = view.events
      .filter((event) => event.kind === 'passport' && event.declaredPurpose !== null)
      .pop();
    if (application?.kind === 'passport' && application.declaredPurpose === 'WORK' && purpose !== 'WORK') {
      signals.push({
        text: `told the passport office the purpose was work, declares ${(purpose ?? 'no purpose').toLowerCase()} at the counter`,
        evidence: [application.eventId, crossing.eventId],
      });
    }
    if (signals.length === 0) return null;
    return hitOf(signals, extra + params.extraSignalScore * (signals.length - 1));
  },
};
