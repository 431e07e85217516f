import { within } from '../person/person-view';
import { residentOfThisBorder } from './border-residence';
import { crossingOf, dateOf, hitOf, reason, type Reason, type Rule } from './rule';

/**
 * R10: a land-border departure by a working-age person who does not live on that border, with no
 * return within the allowed stay (judged by a timer in event time); or a border pass (PLB) used at
 * a post other than the holder's own: the posts its issuance names, else the posts that serve the
 * holder's regency.
 */
export const R10: Rule<'R10'> = {
  id: 'R10',
  appliesTo: ['departure', 'overstay'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (crossing?.checkpointType !== 'LAND') return null;
    const resident = residentOfThisBorder(view, crossing, context.ruleSet);
    const reasons: Reason[] = [];
    if (view.situation.kind === 'departure') {
      if (crossing.documentType !== 'PLB') return null;
      const issued = view.events
        .filter(
          (event) =>
            event.kind === 'passport' &&
            event.documentType === 'PLB' &&
            event.passportNumber === crossing.documentNumber &&
            event.plbBorderPosts.length > 0,
        )
        .pop();
      if (issued?.kind === 'passport') {
        if (!issued.plbBorderPosts.includes(crossing.checkpointCode)) {
          reasons.push(
            reason(
              'R10.borderPassOtherPost',
              {
                documentNumber: crossing.documentNumber,
                posts: issued.plbBorderPosts.join(', '),
                checkpoint: crossing.checkpointCode,
              },
              [issued.eventId, crossing.eventId],
            ),
          );
        }
      } else if (!resident) {
        reasons.push(
          reason(
            'R10.borderPassOutsideBorder',
            { checkpoint: crossing.checkpointCode, regency: view.residenceRegencyCode },
            [crossing.eventId],
          ),
        );
      }
      return hitOf(reasons);
    }
    if (resident || !within(context.ruleSet.workingAge, view.ageYears)) return null;
    const returned = view.events.some(
      (event) =>
        event.kind === 'crossing' && event.direction === 'ARRIVAL' && event.eventTime > crossing.eventTime,
    );
    if (returned) return null;
    reasons.push(
      reason(
        'R10.noReturn',
        {
          checkpoint: crossing.checkpointCode,
          date: dateOf(crossing.eventTime),
          days: String(config.params.allowedStayDays),
        },
        [crossing.eventId],
      ),
    );
    return hitOf(reasons);
  },
};
