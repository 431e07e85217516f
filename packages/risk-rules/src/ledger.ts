import { nameUuid } from '@waspada/common';
import type { ReferenceData } from '@waspada/domain';
import type { AlertTypes, RiskAlert } from '@waspada/schemas';
import { pastTheCounter, type Decision } from './evaluate';
import { severityRank, type LedgerEntry, type PersonState } from './person/person-state';
import { viewOf } from './person/person-view';
import type { Situation } from './situations';
import { reasonText } from './reason-text';

/** Namespace of alert ids: uuid v5 over the NIK and the situation, so the same case has the same id. */
const ALERT_NAMESPACE = '2f6a1c1e-0b8e-5d0a-9a57-7a3f1b2c9d41';
const alertUuid = nameUuid(ALERT_NAMESPACE);

export function firstAlertIdOf(nik: string, situationKey: string): string {
  return alertUuid(`${nik}|${situationKey}`);
}

export function followUpIdOf(firstAlertId: string, revision: number): string {
  return alertUuid(`${firstAlertId}|${revision}`);
}

/** What to publish for a situation after a new judgement, compared with what was published before. */
export interface AlertChange {
  readonly kind: AlertTypes.AlertKind;
  readonly alertId: string;
  readonly firstAlertId: string;
  readonly revision: number;
  readonly situation: Situation;
  readonly decision: Decision | null;
}

function sameRules(entry: LedgerEntry, decision: Decision): boolean {
  const ids = decision.rules.map((rule) => rule.ruleId);
  return ids.length === entry.ruleIds.length && ids.every((id, index) => id === entry.ruleIds[index]);
}

/**
 * The change a judgement makes to the ledger, or null when there is nothing new to say: the first
 * alert of a situation, an escalation or downgrade when the score or the rules changed, a
 * resolution when nothing fires any more (a late placement record, say). Pure, so a replay that
 * meets the same judgement finds the ledger already saying it and publishes nothing.
 */
export function changeFor(
  state: PersonState,
  situation: Situation,
  decision: Decision | null,
): AlertChange | null {
  const entry = state.ledger[situation.key];
  if (!entry) {
    if (!decision) return null;
    const firstAlertId = firstAlertIdOf(state.nik, situation.key);
    return { kind: 'NEW', alertId: firstAlertId, firstAlertId, revision: 0, situation, decision };
  }
  const next = (kind: AlertTypes.AlertKind): AlertChange => ({
    kind,
    alertId: followUpIdOf(entry.firstAlertId, entry.revision + 1),
    firstAlertId: entry.firstAlertId,
    revision: entry.revision + 1,
    situation,
    decision,
  });
  if (!decision) return entry.resolved ? null : next('RESOLVED');
  if (entry.resolved) return next('ESCALATED');
  if (entry.score === decision.score && entry.severity === decision.severity && sameRules(entry, decision))
    return null;
  const up =
    severityRank(decision.severity) - severityRank(entry.severity) ||
    decision.score - entry.score ||
    decision.rules.length - entry.ruleIds.length;
  return next(up >= 0 ? 'ESCALATED' : 'DOWNGRADED');
}

/** The ledger entry an alert leaves: exactly what it says, so the alerts topic can rebuild the ledger. */
export function ledgerEntryOf(alert: RiskAlert): LedgerEntry {
  return {
    firstAlertId: alert.firstAlertId,
    revision: alert.revision,
    severity: alert.severity,
    score: alert.score,
    ruleIds: alert.rules.map((rule) => rule.ruleId),
    resolved: alert.kind === 'RESOLVED',
  };
}

/**
 * Records an alert decided elsewhere (read back from the alerts topic or from an outbox) in the
 * person's ledger, unless the ledger already knows that revision or a later one. True when it changed.
 */
export function recordPublished(state: PersonState, alert: RiskAlert): boolean {
  const known = state.ledger[alert.situation];
  if (known && known.firstAlertId === alert.firstAlertId && known.revision >= alert.revision) return false;
  state.ledger[alert.situation] = ledgerEntryOf(alert);
  return true;
}

export function recordChange(state: PersonState, change: AlertChange): void {
  state.ledger[change.situation.key] = {
    firstAlertId: change.firstAlertId,
    revision: change.revision,
    // Exactly what the alert says, so a ledger rebuilt from the alerts topic is the same ledger.
    severity: change.decision?.severity ?? 'LOW',
    score: change.decision?.score ?? 0,
    ruleIds: change.decision?.rules.map((rule) => rule.ruleId) ?? [],
    resolved: change.decision === null,
  };
}

/** The alert record for a change, ready for the Avro serializer. */
export function alertOf(
  state: PersonState,
  change: AlertChange,
  meta: {
    ruleSetVersion: string;
    triggerEventId: string;
    alertTime: number;
    reference: ReferenceData;
    /** The desk procedure table the rule set names (see procedures/). */
    procedureVersion?: string | null;
  },
): RiskAlert {
  const view = change.decision?.view ?? viewOf(state, change.situation, meta.reference);
  const { situation } = change;
  const trigger = situation.trigger;
  // A departure judged again after the traveller left is followed up where they come from.
  const crossing = situation.kind === 'departure' && !pastTheCounter(view) ? situation.trigger : undefined;
  const documentName =
    trigger.kind === 'crossing' || trigger.kind === 'passport' || trigger.kind === 'abroad'
      ? trigger.fullName
      : null;
  const officeRegency = trigger.kind === 'passport' ? trigger.officeRegencyCode : undefined;
  return {
    alertId: change.alertId,
    firstAlertId: change.firstAlertId,
    revision: change.revision,
    kind: change.kind,
    situation: situation.key,
    person: {
      nik: state.nik,
      fullName: view.identity?.fullName ?? documentName ?? null,
      birthDate: view.birthDate ?? null,
      sex: view.sex ?? null,
      ageYears: view.ageYears ?? null,
      originRegencyCode: view.originRegencyCode,
      originRegencyName: meta.reference.regencies.get(view.originRegencyCode)?.name ?? null,
    },
    target: {
      checkpointCode: crossing?.checkpointCode ?? null,
      counterId: crossing?.counterId ?? null,
      regencyCode: situation.kind === 'documents' && officeRegency ? officeRegency : view.originRegencyCode,
    },
    severity: change.decision?.severity ?? 'LOW',
    score: change.decision?.score ?? 0,
    rules: (change.decision?.rules ?? []).map((rule) => ({
      ruleId: rule.ruleId,
      title: rule.title,
      severity: rule.severity,
      score: rule.score,
      reasons: rule.reasons.map((reason) => ({
        text: reasonText(reason, meta.reference),
        evidence: [...reason.evidence],
        messageKey: reason.key,
        params: { ...reason.params },
      })),
    })),
    recommendedActions: [...(change.decision?.actions ?? [])],
    ruleSetVersion: meta.ruleSetVersion,
    triggerEventId: meta.triggerEventId,
    eventTime: situation.time,
    alertTime: meta.alertTime,
    procedureVersion: meta.procedureVersion ?? null,
    exemptedRules: (change.decision?.exempted ?? []).map((rule) => ({ ...rule })),
  };
}
