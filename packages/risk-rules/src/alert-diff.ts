import type { RiskAlert } from '@waspada/schemas';
import { severityRank } from './person/person-state';

/**
 * What a proposed rule set changes, from the alerts two processors published over the same stream:
 * the live one on the alerts topic, the shadow one on the shadow topic. Each side is reduced to its
 * last word per person and situation (the highest revision of each alert; a RESOLVED one means no
 * alert), then compared by (NIK, situation).
 */

export interface AlertSide {
  readonly alertId: string;
  readonly nik: string;
  readonly situation: string;
  readonly severity: RiskAlert['severity'];
  readonly score: number;
  readonly rules: readonly string[];
  readonly ruleSetVersion: string;
  readonly eventTime: number;
}

export interface AlertDiff {
  /** Situations only the proposed version alerts on. */
  readonly onlyNew: readonly AlertSide[];
  /** Situations the live version alerts on and the proposed one no longer does. */
  readonly dropped: readonly AlertSide[];
  readonly severityChanged: readonly { readonly live: AlertSide; readonly shadow: AlertSide }[];
  /** Situations both alert on at the same severity. */
  readonly unchanged: number;
  readonly liveAlerts: number;
  readonly shadowAlerts: number;
}

/** The latest revision of every alert, keyed by NIK and situation; resolved ones are left out. */
export function standingAlerts(alerts: Iterable<RiskAlert>): Map<string, AlertSide> {
  const latest = new Map<string, RiskAlert>();
  for (const alert of alerts) {
    const known = latest.get(alert.firstAlertId);
    if (!known || known.revision < alert.revision) latest.set(alert.firstAlertId, alert);
  }
  const standing = new Map<string, AlertSide>();
  for (const alert of latest.values()) {
    if (alert.kind === 'RESOLVED') continue;
    standing.set(`${alert.person.nik}|${alert.situation}`, {
      alertId: alert.firstAlertId,
      nik: alert.person.nik,
      situation: alert.situation,
      severity: alert.severity,
      score: alert.score,
      rules: alert.rules.map((rule) => rule.ruleId),
      ruleSetVersion: alert.ruleSetVersion,
      eventTime: alert.eventTime,
    });
  }
  return standing;
}

const byTime = (a: AlertSide, b: AlertSide) => a.eventTime - b.eventTime || a.nik.localeCompare(b.nik);

export function diffAlerts(live: Iterable<RiskAlert>, shadow: Iterable<RiskAlert>): AlertDiff {
  const before = standingAlerts(live);
  const after = standingAlerts(shadow);
  const onlyNew: AlertSide[] = [];
  const dropped: AlertSide[] = [];
  const severityChanged: { live: AlertSide; shadow: AlertSide }[] = [];
  let unchanged = 0;
  for (const [key, proposed] of after) {
    const current = before.get(key);
    if (!current) onlyNew.push(proposed);
    else if (current.severity !== proposed.severity)
      severityChanged.push({ live: current, shadow: proposed });
    else unchanged += 1;
  }
  for (const [key, current] of before) if (!after.has(key)) dropped.push(current);
  return {
    onlyNew: onlyNew.sort(byTime),
    dropped: dropped.sort(byTime),
    severityChanged: severityChanged.sort(
      (a, b) =>
        severityRank(b.shadow.severity) -
          severityRank(b.live.severity) -
          (severityRank(a.shadow.severity) - severityRank(a.live.severity)) || byTime(a.live, b.live),
    ),
    unchanged,
    liveAlerts: before.size,
    shadowAlerts: after.size,
  };
}
