import { namesMatch } from '../names/name-match';
import { crossingOf, hitOf, type Reason, type Rule } from './rule';

/**
 * R09: the sponsor, recruiter or placement company is on a watchlist (names matched tolerantly,
 * see name-match.ts), or the placement company's licence is revoked or suspended.
 */
export const R09: Rule<'R09'> = {
  id: 'R09',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing) return null;
    const entries = context.watchlist
      .entriesAt(crossing.eventTime)
      .filter((entry) => config.params.entryTypes.includes(entry.entryType));
    const reasons: Reason[] = [];
    const names = (entry: (typeof entries)[number]) =>
      [entry.name, ...entry.aliases].filter((name): name is string => !!name);
    if (crossing.sponsor) {
      const sponsor = crossing.sponsor;
      for (const entry of entries) {
        if (entry.entryType !== 'RECRUITER' && entry.entryType !== 'SPONSOR') continue;
        if (names(entry).some((name) => namesMatch(name, sponsor))) {
          reasons.push({
            text: `sponsor matches watchlisted ${entry.entryType.toLowerCase()} ${entry.entryId}: ${entry.reason}`,
            evidence: [crossing.eventId, entry.eventId],
          });
        }
      }
    }
    for (const placement of view.activePlacements) {
      if (placement.licenceStatus !== 'ACTIVE') {
        reasons.push({
          text: `placement company ${placement.p3miName} has a ${placement.licenceStatus.toLowerCase()} licence`,
          evidence: [...placement.eventIds],
        });
      }
      for (const entry of entries) {
        if (entry.entryType !== 'PLACEMENT_COMPANY') continue;
        const byLicence = entry.identifier !== null && entry.identifier === placement.p3miId;
        if (byLicence || names(entry).some((name) => namesMatch(name, placement.p3miName))) {
          reasons.push({
            text: `placement company ${placement.p3miName} is watchlisted (${entry.entryId}): ${entry.reason}`,
            evidence: [entry.eventId, ...placement.eventIds],
          });
        }
      }
    }
    return hitOf(reasons);
  },
};
