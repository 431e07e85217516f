import type { RiskAlert } from './generated/risk-alert';

/**
 * Which alert it is and what it decided: the part of an alert every reader's view keeps, whatever
 * else its profile withholds (a subscriber's webhook, an analyst's timeline line).
 */
export type AlertHeadline = Pick<
  RiskAlert,
  'alertId' | 'firstAlertId' | 'revision' | 'kind' | 'situation' | 'severity' | 'score'
>;

export function alertHeadline(alert: RiskAlert): AlertHeadline {
  return {
    alertId: alert.alertId,
    firstAlertId: alert.firstAlertId,
    revision: alert.revision,
    kind: alert.kind,
    situation: alert.situation,
    severity: alert.severity,
    score: alert.score,
  };
}
