import { isCompanyName, namesMatch } from '../names/name-match';
import { crossingOf, hitOf, reason, type Reason, type Rule } from './rule';

/**
 * R09: the sponsor, recruiter, travel agency or placement company is on a watchlist (names matched
 * tolerantly, see name-match.ts), a contact phone on the booking is a watchlisted number, or the
 * placement company's licence is revoked or suspended.
 */
export const R09: Rule<'R09'> = {
  id: 'R09',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing) return null;
    const types = config.params.entryTypes;
    // The list as it stood when the trip was judged, or when a later entry asked for it again.
    const at = view.knownAt;
    // A company named on the booking ("PT Budi Santoso Jaya") is not the listed person Budi Santoso:
    // a person's entry is matched against a company's name only where the entry itself is written
    // as a company's.
    const listed = (name: string, entryTypes: readonly string[]) =>
      context.watchlist
        .candidates(name, at)
        .filter(
          (entry) =>
            types.includes(entry.entryType) &&
            entryTypes.includes(entry.entryType) &&
            (!isCompanyName(name) ||
              entry.entryType === 'PLACEMENT_COMPANY' ||
              someListedName(entry, isCompanyName)) &&
            someListedName(entry, (listedName) => namesMatch(listedName, name)),
        );
    const reasons: Reason[] = [];
    if (crossing.sponsor) {
      // A company named as sponsor may be listed as a placement company (manning agencies are).
      for (const entry of listed(crossing.sponsor, ['RECRUITER', 'SPONSOR', 'PLACEMENT_COMPANY'])) {
        reasons.push(
          reason(
            'R09.sponsorListed',
            { entryType: entry.entryType, entry: entry.entryId, listReason: entry.reason },
            [crossing.eventId, entry.eventId],
          ),
        );
      }
    }
    if (crossing.travelAgencyName) {
      for (const entry of listed(crossing.travelAgencyName, ['RECRUITER', 'SPONSOR', 'PLACEMENT_COMPANY'])) {
        reasons.push(
          reason(
            'R09.agencyListed',
            {
              agency: crossing.travelAgencyName,
              entryType: entry.entryType,
              entry: entry.entryId,
              listReason: entry.reason,
            },
            [crossing.eventId, entry.eventId],
          ),
        );
      }
    }
    if (types.includes('PHONE_NUMBER')) {
      for (const phone of new Set(crossing.contactPhones)) {
        for (const entry of context.watchlist.withIdentifier(phone, at)) {
          if (entry.entryType !== 'PHONE_NUMBER') continue;
          reasons.push(
            reason('R09.phoneListed', { entry: entry.entryId, listReason: entry.reason }, [
              crossing.eventId,
              entry.eventId,
            ]),
          );
        }
      }
    }
    for (const placement of view.activePlacements) {
      if (placement.licenceStatus !== 'ACTIVE') {
        reasons.push(
          reason(
            'R09.licence',
            { company: placement.p3miName, licence: placement.licenceStatus },
            placement.eventIds,
          ),
        );
      }
      const companies = new Map(
        [
          ...context.watchlist
            .withIdentifier(placement.p3miId, at)
            .filter((entry) => types.includes(entry.entryType)),
          ...listed(placement.p3miName, ['PLACEMENT_COMPANY']),
        ]
          .filter((entry) => entry.entryType === 'PLACEMENT_COMPANY')
          .map((entry) => [entry.entryId, entry]),
      );
      for (const entry of companies.values()) {
        reasons.push(
          reason(
            'R09.companyListed',
            { company: placement.p3miName, entry: entry.entryId, listReason: entry.reason },
            [entry.eventId, ...placement.eventIds],
          ),
        );
      }
    }
    return hitOf(reasons);
  },
};

/** Whether the entry's name or one of its aliases passes the test. */
function someListedName(
  entry: { readonly name: string | null; readonly aliases: readonly string[] },
  test: (name: string) => boolean,
): boolean {
  if (entry.name && test(entry.name)) return true;
  for (const alias of entry.aliases) if (alias && test(alias)) return true;
  return false;
}
