/** The public entry of @waspada/schemas: event types generated from avro/*.avsc and their contracts. */
export type { BorderCrossingEvent } from './generated/border-crossing-event';
export type { CitizenAbroadEvent } from './generated/citizen-abroad-event';
export type { IdentityEvent } from './generated/identity-event';
export type { PassportEvent } from './generated/passport-event';
export type { PlacementEvent } from './generated/placement-event';
export type { DeadLetterRecord } from './generated/dead-letter-record';
export type { RejectedRecord } from './generated/rejected-record';
export type { RiskAlert } from './generated/risk-alert';
export type { RejudgeRequest } from './generated/rejudge-request';
export type { IdWaspadaEvents as AlertTypes } from './generated/risk-alert';
export type { WatchlistEvent } from './generated/watchlist-event';
export type { AlertAction } from './generated/alert-action';
export type { AccessRecord } from './generated/access-record';
export type { RuleChange } from './generated/rule-change';
export type { DeliveryDeadLetter } from './generated/delivery-dead-letter';
export * from './contracts';
export * from './access-trail';
export * from './added-fields';
