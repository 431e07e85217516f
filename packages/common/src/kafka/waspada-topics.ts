import { WaspadaError } from '../errors';
import type { TopicSpec } from './topics';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Six partitions per person-keyed topic: enough for a few processor instances per cluster now, and
 * the count is fixed for the life of a topic version (see applyTopics).
 */
export const PERSON_PARTITIONS = 6;

/** Lower-case letters, digits and dashes, starting with a letter or digit: part of a topic name. */
export const TOPIC_NAMESPACE_SHAPE = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const TOPIC_NAMESPACE_RULE =
  'expected 1 to 48 lower-case letters, digits and dashes, starting with a letter or digit';

/** The namespace a setting names, checked: empty when unset. */
export function topicNamespaceOf(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  if (!TOPIC_NAMESPACE_SHAPE.test(value)) {
    throw new WaspadaError(
      'WSP_CONFIG_INVALID',
      `WASPADA_TOPIC_NAMESPACE: ${TOPIC_NAMESPACE_RULE} (got "${value}")`,
    );
  }
  return value;
}

/**
 * `WASPADA_TOPIC_NAMESPACE`, read once when the process loads this module: every topic name (and
 * so every registry subject) gets `<namespace>.` in front, so a second pipeline shares a cluster
 * without sharing a record: a staging copy, or a test file that must not replay what other tests
 * left on the shared topics. Unset, the names are the production ones. Every service validates it
 * with its other connection settings (brokerSettings).
 */
// The one setting read outside a service entry: topic names are constants that every package builds
// on when it loads, before any entry has parsed its configuration. The entries check the same
// variable with their connection settings, so a bad value is refused at start with the rest.
// eslint-disable-next-line no-restricted-syntax
export const TOPIC_NAMESPACE = topicNamespaceOf(process.env.WASPADA_TOPIC_NAMESPACE);
const named = <T extends string>(name: T): T =>
  (TOPIC_NAMESPACE === '' ? name : `${TOPIC_NAMESPACE}.${name}`) as T;

/** Topic names, so no service spells one by hand. `.v1` changes only with a re-keying migration. */
export const TOPICS = {
  passport: named('waspada.immigration.passport.v1'),
  borderCrossing: named('waspada.immigration.border-crossing.v1'),
  placement: named('waspada.kp2mi.placement.v1'),
  identity: named('waspada.dukcapil.identity.v1'),
  citizenAbroad: named('waspada.kemlu.citizen-abroad.v1'),
  watchlist: named('waspada.watchlist.v1'),
  rejected: named('waspada.producers.rejected.v1'),
  alerts: named('waspada.risk.alerts.v1'),
  rejudge: named('waspada.risk.rejudge.v1'),
  deadLetter: named('waspada.risk.dead-letter.v1'),
  deskAlerts: named('waspada.desk.alerts.v1'),
  alertActions: named('waspada.desk.alert-actions.v1'),
  access: named('waspada.audit.access.v1'),
  ruleChanges: named('waspada.rules.changes.v1'),
  shadowAlerts: named('waspada.risk.shadow-alerts.v1'),
  cases: named('waspada.cases.v1'),
  ruleJobs: named('waspada.rules.jobs.v1'),
  ruleExemptions: named('waspada.rules.exemptions.v1'),
} as const;

/**
 * Each webhook subscriber has a dead-letter topic of its own, so one subscriber's failures are
 * redelivered without touching another's. All share one registry subject (see CONTRACTS).
 */
export const DELIVERY_DEAD_LETTER_FAMILY = named('waspada.delivery.dead-letter');
/** What every subscriber's dead-letter topic starts with (the notifier owns this family). */
export const DELIVERY_TOPIC_PREFIX = named('waspada.delivery.');
export function deliveryDeadLetterTopic(subscriberId: string): string {
  return `${DELIVERY_TOPIC_PREFIX}${subscriberId}.dead-letter.v1`;
}

/** Partitions and retention of a subscriber's dead-letter topic, created when the subscriber is. */
export function deliveryDeadLetterSpec(subscriberId: string): TopicSpec {
  return {
    name: deliveryDeadLetterTopic(subscriberId),
    description: `Alerts webhook subscriber ${subscriberId} did not accept after the last retry`,
    partitions: 1,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    retention: 90 * DAY_MS,
  };
}

export type TopicKey = keyof typeof TOPICS;

const agencyEvents = (name: string, description: string): TopicSpec => ({
  name,
  description,
  partitions: PERSON_PARTITIONS,
  joinedByNik: true,
  cleanupPolicy: 'delete',
  // Kept forever: every person's state is rebuilt from these topics alone.
  retention: 'forever',
  // The broker stamps each record when it appends it (the event time is in the record itself), so
  // record timestamps rise with offsets and say which records of two topics came first.
  extraConfigs: { 'message.timestamp.type': 'LogAppendTime' },
});

export const WASPADA_TOPICS: readonly TopicSpec[] = [
  agencyEvents(TOPICS.passport, 'Immigration passport lifecycle (SIMKIM), keyed by NIK'),
  agencyEvents(
    TOPICS.borderCrossing,
    'Crossings and pre-clearance scans at TPI and PLBN checkpoints, keyed by NIK',
  ),
  agencyEvents(TOPICS.placement, 'KP2MI placement steps (SISKOP2MI), keyed by NIK'),
  agencyEvents(TOPICS.identity, 'Dukcapil identity snapshots and changes, keyed by NIK'),
  agencyEvents(
    TOPICS.citizenAbroad,
    'Foreign ministry (Peduli WNI) reports about citizens abroad, keyed by NIK',
  ),
  {
    name: TOPICS.watchlist,
    description:
      'Watchlisted recruiters, sponsors, companies, phones and accounts, keyed by entry id (latest wins)',
    partitions: 1,
    joinedByNik: false,
    cleanupPolicy: 'compact',
    retention: 'forever',
  },
  {
    name: TOPICS.rejected,
    description: 'Records a producer refused: original bytes, source, and the field errors',
    partitions: 3,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    retention: 90 * DAY_MS,
  },
  agencyEvents(TOPICS.alerts, 'Risk alerts and their follow-ups, keyed by NIK'),
  agencyEvents(
    TOPICS.rejudge,
    "Requests to judge a person's recent departures again, from knowledge that came through someone else's record, keyed by NIK",
  ),
  {
    name: TOPICS.deadLetter,
    description: 'Records the risk processor could not decode or apply, with the reason and original bytes',
    partitions: 3,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    retention: 90 * DAY_MS,
  },
  {
    name: TOPICS.deskAlerts,
    description:
      'Alerts routed to checkpoint desks, keyed by checkpoint code: one ordered log per desk, which a reconnecting desk resumes from',
    partitions: PERSON_PARTITIONS,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    retention: 30 * DAY_MS,
  },
  agencyEvents(
    TOPICS.alertActions,
    'Desk decisions on alerts (acknowledged, referred, dismissed with a reason), keyed by NIK',
  ),
  agencyEvents(
    TOPICS.access,
    "Access trail: every view of and action on a person's data, who, when and why, keyed by NIK",
  ),
  {
    name: TOPICS.ruleChanges,
    description:
      "Rule-set lifecycle: each version proposed, approved by a second person, rejected or put live, keyed by version; the fold is every version's state",
    // One partition: the steps of all versions in one order, which the fold relies on.
    partitions: 1,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    retention: 'forever',
  },
  agencyEvents(
    TOPICS.shadowAlerts,
    'Alerts a proposed rule set would raise, from a shadow run beside the live one; read by no desk or subscriber, keyed by NIK',
  ),
  agencyEvents(
    TOPICS.cases,
    'Follow-up cases: each opening, assignment, status change, note, due date and closing with its outcome, keyed by NIK; the work queues are its projection',
  ),
  {
    name: TOPICS.ruleJobs,
    description:
      "Backtests and shadow runs analysts start from the browser: each request and the job worker's steps (started, progress, done, failed), keyed by job id",
    // One partition: the worker takes requests one at a time, in the order they were made.
    partitions: 1,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    retention: 90 * DAY_MS,
  },
  {
    name: TOPICS.ruleExemptions,
    description:
      'Exemptions of one rule for one person over a period: each proposal with its reason, approval by a second person, rejection or revocation, keyed by exemption id; the processors fold it',
    // One partition: the steps of all exemptions in one order, which the fold relies on.
    partitions: 1,
    joinedByNik: false,
    cleanupPolicy: 'delete',
    // Kept forever: a replay of history leaves out what the exemptions of the time left out.
    retention: 'forever',
  },
];
