import { maskNik, maskNiksInText } from '@waspada/common';
import { identityAt, timelineOf, type PersonState } from '@waspada/risk-rules';
import { alertHeadline, type AlertAction, type AlertHeadline, type RiskAlert } from '@waspada/schemas';

/**
 * An analyst's view of one person: the processor's joined record of the agency events
 * (timelineOf, shared with the desks), with the person's alerts, their follow-ups and the desks'
 * actions merged in, in event-time order. Pure: the API loads the parts, this joins them.
 */

/** One alert or follow-up as the per-person index keeps it. */
export interface AlertLine extends AlertHeadline {
  readonly rules: readonly { ruleId: string; title: string }[];
  readonly checkpointCode: string | null;
  readonly ruleSetVersion: string;
  readonly triggerEventId: string;
  readonly eventTime: number;
  readonly alertTime: number;
}

export function alertLineOf(alert: RiskAlert): AlertLine {
  return {
    ...alertHeadline(alert),
    rules: alert.rules.map((rule) => ({ ruleId: rule.ruleId, title: rule.title })),
    checkpointCode: alert.target.checkpointCode,
    ruleSetVersion: alert.ruleSetVersion,
    triggerEventId: alert.triggerEventId,
    eventTime: alert.eventTime,
    alertTime: alert.alertTime,
  };
}

/** One desk action as the per-person index keeps it. */
export type ActionLine = Omit<AlertAction, 'nik' | 'ruleIds' | 'ruleSetVersion'>;

export function actionLineOf(action: AlertAction): ActionLine {
  const { nik: _nik, ruleIds: _ruleIds, ruleSetVersion: _version, ...line } = action;
  return line;
}

export interface PersonTimelineEvent {
  readonly eventTime: string;
  /** The agency that reported it; WASPADA for the risk processor's alerts. */
  readonly agency: string;
  readonly kind: string;
  /** The agency event id, the alert id or the desk action id. */
  readonly eventId: string;
  readonly alertId: string | null;
  readonly summary: string;
}

export interface PersonTimeline {
  readonly nik: string;
  readonly nikMasked: boolean;
  readonly identity: {
    readonly fullName: string | null;
    readonly birthDate: string | null;
    readonly sex: string | null;
    readonly addressRegencyCode: string | null;
    readonly status: string;
  } | null;
  readonly events: readonly PersonTimelineEvent[];
  readonly situations: ReturnType<typeof timelineOf>['situations'];
}

const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

export function alertSummary(line: AlertLine): string {
  const rules = line.rules.map((rule) => `${rule.ruleId} ${rule.title}`).join('; ');
  const head =
    line.revision === 0
      ? `alert ${line.severity}, score ${line.score}`
      : `follow-up ${line.revision} (${words(line.kind)}) of alert ${line.firstAlertId}: ${line.severity}, score ${line.score}`;
  return [head, `situation ${line.situation}`, rules && `rules ${rules}`, `rule set ${line.ruleSetVersion}`]
    .filter(Boolean)
    .join(', ');
}

export function actionSummary(line: ActionLine): string {
  return [
    `desk ${line.deskId} at ${line.checkpointCode}, officer ${line.officerId}: ${words(line.action)} alert ${line.alertId}`,
    line.reason && `reason: ${line.reason}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Same moment: agency events first, then the alert they caused, then what a desk did about it. */
const RANK = { agency: 0, alert: 1, action: 2 } as const;

export function personTimeline(input: {
  readonly nik: string;
  readonly state: PersonState | undefined;
  readonly alerts: readonly AlertLine[];
  readonly actions: readonly ActionLine[];
  readonly unmask: boolean;
}): PersonTimeline {
  const joined = timelineOf(input.state ?? { nik: input.nik, history: [], ledger: {} });
  const rows: { time: number; rank: number; order: number; event: PersonTimelineEvent }[] = [];
  // The processor's history is already in event-time order; its index keeps ties as they are.
  joined.events.forEach((event, index) =>
    rows.push({
      time: Date.parse(event.eventTime),
      rank: RANK.agency,
      order: index,
      event: { ...event, alertId: null },
    }),
  );
  for (const line of input.alerts)
    rows.push({
      time: line.eventTime,
      rank: RANK.alert,
      order: line.revision,
      event: {
        eventTime: new Date(line.eventTime).toISOString(),
        agency: 'WASPADA',
        kind: 'alert',
        eventId: line.alertId,
        alertId: line.alertId,
        summary: alertSummary(line),
      },
    });
  for (const line of input.actions)
    rows.push({
      time: line.actionTime,
      rank: RANK.action,
      order: 0,
      event: {
        eventTime: new Date(line.actionTime).toISOString(),
        agency: 'IMIGRASI',
        kind: 'desk-action',
        eventId: line.actionId,
        alertId: line.alertId,
        summary: actionSummary(line),
      },
    });
  rows.sort(
    (a, b) =>
      a.time - b.time ||
      a.rank - b.rank ||
      a.order - b.order ||
      a.event.eventId.localeCompare(b.event.eventId),
  );
  const identity = input.state ? identityAt(input.state.history) : undefined;
  // Free text can carry a NIK an agency put in an id (a report or placement id): masked as well.
  const text = input.unmask ? (value: string) => value : maskNiksInText;
  return {
    nik: input.unmask ? input.nik : maskNik(input.nik),
    nikMasked: !input.unmask,
    identity: identity
      ? {
          fullName: identity.fullName,
          // The birth date is what a masked NIK hides (DDMMYY): only those who see the NIK see it.
          birthDate: input.unmask ? identity.birthDate : null,
          sex: identity.sex,
          addressRegencyCode: identity.addressRegencyCode,
          status: identity.status,
        }
      : null,
    events: rows.map(({ event }) => ({ ...event, summary: text(event.summary) })),
    situations: joined.situations.map((entry) => ({ ...entry, situation: text(entry.situation) })),
  };
}
