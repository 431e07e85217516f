import { crossingOf, dateOf, hitOf, reason, type Reason, type Rule } from './rule';

/**
 * R11: a distress report abroad for a NIK without placement is a confirmed non-procedural case:
 * alert the origin regency. The victim's companions (named, or sharing the booking or sponsor)
 * are flagged and alerted at their next crossing.
 */
export const R11: Rule<'R11'> = {
  id: 'R11',
  appliesTo: ['report', 'departure'],
  check(view, config, context) {
    const reasons: Reason[] = [];
    const { situation } = view;
    if (situation.kind === 'report') {
      const report = situation.trigger;
      // A cancelled placement is no placement: the person may have left through a broker after.
      const placed = view.placements.some((placement) => !placement.cancelled);
      if (!config.params.categories.includes(report.category) || placed) return null;
      const facts = {
        date: dateOf(report.eventTime),
        category: report.category,
        country: report.countryCode,
      };
      reasons.push(
        report.city
          ? reason('R11.reportInCity', { ...facts, city: report.city }, [report.eventId])
          : reason('R11.report', facts, [report.eventId]),
      );
      return hitOf(reasons);
    }
    const crossing = crossingOf(view);
    if (!crossing) return null;
    for (const flag of context.links.companionFlags) {
      if (flag.eventTime > crossing.eventTime) continue;
      reasons.push(
        reason('R11.companion', { via: flag.via, report: flag.reportId, category: flag.category }, [
          flag.eventId,
          crossing.eventId,
        ]),
      );
    }
    return reasons.length === 0 ? null : hitOf(reasons, config.params.companionScore - config.score);
  },
};
