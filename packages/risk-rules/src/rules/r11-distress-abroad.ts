import { countryName, crossingOf, dateOf, hitOf, type Reason, type Rule } from './rule';

const VIA_WORDS = {
  named: 'named as a companion',
  booking: 'on the same booking',
  sponsor: 'with the same sponsor',
  passport: 'reported by passport number',
} as const;

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
      reasons.push({
        text: `reported abroad on ${dateOf(report.eventTime)} (${report.category.toLowerCase().replace(/_/g, ' ')}, ${countryName(context, report.countryCode)}${report.city ? `, ${report.city}` : ''}) with no active KP2MI placement on record: non-procedural case`,
        evidence: [report.eventId],
      });
      return hitOf(reasons);
    }
    const crossing = crossingOf(view);
    if (!crossing) return null;
    for (const flag of context.links.companionFlags) {
      if (flag.eventTime > crossing.eventTime) continue;
      reasons.push({
        text: `${VIA_WORDS[flag.via]} in report ${flag.reportId} (${flag.category.toLowerCase().replace(/_/g, ' ')}) of a citizen in distress abroad`,
        evidence: [flag.eventId, crossing.eventId],
      });
    }
    return reasons.length === 0 ? null : hitOf(reasons, config.params.companionScore - config.score);
  },
};
