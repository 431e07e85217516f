import { severityRank } from '@waspada/risk-rules';
import type { RiskAlert } from '@waspada/schemas';
import type { SubscriptionFilter } from './delivery-config';

/** Whether a subscriber's filter takes an alert. Every listed criterion must hold; an empty list holds. */
export function matchesFilter(alert: RiskAlert, filter: SubscriptionFilter): boolean {
  // A follow-up that lowers or resolves an alert the subscriber received must reach it as well, so
  // severity and rules are judged only on alerts that raise: a subscriber may get the downgrade of
  // an alert it never had, never miss one of an alert it had.
  const raises = alert.kind === 'NEW' || alert.kind === 'ESCALATED';
  if (raises && severityRank(alert.severity) < severityRank(filter.minSeverity)) return false;
  if (filter.kinds.length > 0 && !filter.kinds.includes(alert.kind)) return false;
  if (filter.rules.length > 0 && raises) {
    if (!alert.rules.some((rule) => filter.rules.includes(rule.ruleId))) return false;
  }
  if (filter.situations.length > 0) {
    const situation = alert.situation.split(':')[0] ?? '';
    if (!filter.situations.some((wanted) => wanted === situation)) return false;
  }
  if (filter.regions.length > 0) {
    const regencies = [alert.person.originRegencyCode, alert.target.regencyCode];
    if (!filter.regions.some((region) => regencies.some((regency) => regency.startsWith(region))))
      return false;
  }
  if (filter.checkpoints.length > 0) {
    if (alert.target.checkpointCode === null || !filter.checkpoints.includes(alert.target.checkpointCode))
      return false;
  }
  return true;
}
