import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DELIVERY_DEAD_LETTER_FAMILY, TOPICS } from '@waspada/common';
import type { AccessRecord } from './generated/access-record';
import type { AlertAction } from './generated/alert-action';
import type { CaseEvent } from './generated/case-event';
import type { DeliveryDeadLetter } from './generated/delivery-dead-letter';
import type { BorderCrossingEvent } from './generated/border-crossing-event';
import type { CitizenAbroadEvent } from './generated/citizen-abroad-event';
import type { IdentityEvent } from './generated/identity-event';
import type { PassportEvent } from './generated/passport-event';
import type { PlacementEvent } from './generated/placement-event';
import type { DeadLetterRecord } from './generated/dead-letter-record';
import type { RejectedRecord } from './generated/rejected-record';
import type { RejudgeRequest } from './generated/rejudge-request';
import type { RiskAlert } from './generated/risk-alert';
import type { RuleChange } from './generated/rule-change';
import type { RuleExemption } from './generated/rule-exemption';
import type { RuleJobEvent } from './generated/rule-job-event';
import type { WatchlistEvent } from './generated/watchlist-event';

const AVRO_DIR = join(__dirname, '..', 'avro');

/** Reads a schema of this package once; callers compile it once too (see compileAvroType). */
export function loadSchema(name: string): Readonly<Record<string, unknown>> {
  return Object.freeze(
    JSON.parse(readFileSync(join(AVRO_DIR, `${name}.avsc`), 'utf8')) as Record<string, unknown>,
  );
}

/**
 * Which topic carries which event, under which registry subject (TopicNameStrategy:
 * `<topic>-value`), and what the message key is.
 */
export interface EventContract<T> {
  readonly name: string;
  readonly topic: string;
  readonly subject: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** The message key: the NIK for person events, so one person's events share a partition. */
  keyOf(event: T): string;
}

function contract<T>(name: string, topic: string, keyOf: (event: T) => string): EventContract<T> {
  return { name, topic, subject: `${topic}-value`, schema: loadSchema(name), keyOf };
}

export const CONTRACTS = {
  passport: contract<PassportEvent>('passport-event', TOPICS.passport, (event) => event.nik),
  borderCrossing: contract<BorderCrossingEvent>(
    'border-crossing-event',
    TOPICS.borderCrossing,
    (event) => event.nik,
  ),
  placement: contract<PlacementEvent>('placement-event', TOPICS.placement, (event) => event.nik),
  identity: contract<IdentityEvent>('identity-event', TOPICS.identity, (event) => event.nik),
  // A report may name only a passport; the processor links that key to a NIK it has seen.
  citizenAbroad: contract<CitizenAbroadEvent>(
    'citizen-abroad-event',
    TOPICS.citizenAbroad,
    (event) => event.nik ?? `passport:${event.passportNumber ?? ''}`,
  ),
  watchlist: contract<WatchlistEvent>('watchlist-event', TOPICS.watchlist, (event) => event.entryId),
  rejected: contract<RejectedRecord>('rejected-record', TOPICS.rejected, (record) => record.producer),
  alert: contract<RiskAlert>('risk-alert', TOPICS.alerts, (alert) => alert.person.nik),
  rejudge: contract<RejudgeRequest>('rejudge-request', TOPICS.rejudge, (request) => request.nik),
  // A proposed rule set's alerts: the same record on a topic no desk or subscriber reads.
  shadowAlert: contract<RiskAlert>('risk-alert', TOPICS.shadowAlerts, (alert) => alert.person.nik),
  ruleChange: contract<RuleChange>('rule-change', TOPICS.ruleChanges, (change) => change.version),
  deadLetter: contract<DeadLetterRecord>(
    'dead-letter-record',
    TOPICS.deadLetter,
    (record) => `${record.sourceTopic}:${record.sourcePartition}`,
  ),
  alertAction: contract<AlertAction>('alert-action', TOPICS.alertActions, (action) => action.nik),
  access: contract<AccessRecord>('access-record', TOPICS.access, (record) => record.nik),
  caseEvent: contract<CaseEvent>('case-event', TOPICS.cases, (event) => event.nik),
  ruleJob: contract<RuleJobEvent>('rule-job-event', TOPICS.ruleJobs, (event) => event.jobId),
  ruleExemption: contract<RuleExemption>(
    'rule-exemption',
    TOPICS.ruleExemptions,
    (event) => event.exemptionId,
  ),
  // One subject for every subscriber's dead-letter topic: the same record on topics named per subscriber.
  deliveryDeadLetter: contract<DeliveryDeadLetter>(
    'delivery-dead-letter',
    DELIVERY_DEAD_LETTER_FAMILY,
    (record) => record.alertId,
  ),
} as const;

export type ContractName = keyof typeof CONTRACTS;
