import { maskNik, maskNiksInText } from '@waspada/common';
import { messagePart, messageText, type MessagePart } from '@waspada/messages';
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
  /** Rules left out under an exemption of the person; absent in lines indexed before exemptions existed. */
  readonly exemptedRules?: readonly { ruleId: string; exemptionId: string; validUntil: number }[];
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
    exemptedRules: alert.exemptedRules.map((rule) => ({ ...rule })),
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
  /** The line as catalogue keys and values, which the page reads in the reader's language. */
  readonly summaryParts: readonly MessagePart[];
  /** The same line in Bahasa Indonesia. */
  readonly summary: string;
  /** On an alert: the rules it left out under an exemption of the person (validUntil in ISO). */
  readonly exemptedRules?: readonly { ruleId: string; exemptionId: string; validUntil: string }[];
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

export function alertSummary(line: AlertLine): MessagePart[] {
  const values = { severity: line.severity, score: String(line.score) };
  return [
    line.revision === 0
      ? messagePart('timeline.alert', values)
      : messagePart('timeline.followUp', {
          ...values,
          revision: String(line.revision),
          kind: line.kind,
          alert: line.firstAlertId,
        }),
    messagePart('timeline.situation', { situation: line.situation }),
    ...(line.rules.length > 0
      ? [messagePart('timeline.rules', { rules: line.rules.map((rule) => rule.ruleId).join(',') })]
      : []),
    messagePart('timeline.ruleSet', { version: line.ruleSetVersion }),
  ];
}

export function actionSummary(line: ActionLine): MessagePart[] {
  return [
    messagePart('timeline.deskAction', {
      desk: line.deskId,
      checkpoint: line.checkpointCode,
      officer: line.officerId,
      alert: line.alertId,
      outcome: line.action,
    }),
    ...(line.reason ? [messagePart('timeline.deskReason', { reason: line.reason })] : []),
  ];
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
        summaryParts: alertSummary(line),
        summary: '',
        ...((line.exemptedRules?.length ?? 0) > 0 && {
          exemptedRules: (line.exemptedRules ?? []).map((rule) => ({
            ...rule,
            validUntil: new Date(rule.validUntil).toISOString(),
          })),
        }),
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
        summaryParts: actionSummary(line),
        summary: '',
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
    events: rows.map(({ event }) => {
      const summaryParts = event.summaryParts.map((part) => ({
        key: part.key,
        params: Object.fromEntries(Object.entries(part.params).map(([name, value]) => [name, text(value)])),
      }));
      return { ...event, summaryParts, summary: messageText(summaryParts) };
    }),
    situations: joined.situations.map((entry) => ({ ...entry, situation: text(entry.situation) })),
  };
}
