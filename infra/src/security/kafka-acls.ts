import {
  DELIVERY_TOPIC_PREFIX,
  TOPICS,
  type AclGrant,
  type AclOperation,
  type KafkaAdmin,
  type TopicKey,
} from '@waspada/common';

/**
 * Who may do what on a secured cluster: one principal per service, each confined to its own
 * agency's topics. Agencies do not trust each other's systems, so Immigration's passport service
 * cannot write KP2MI's placements or read the alerts. The principal is the service's workspace name
 * (`npm start` gives each service its own credential).
 */
interface PrincipalPlan {
  readonly principal: string;
  /** Topics it appends to. */
  readonly writes: readonly TopicKey[];
  /** Topics it reads. */
  readonly reads: readonly TopicKey[];
  /** Topic name prefixes it creates, reads and writes (a family of topics it owns). */
  readonly owns?: readonly string[];
  /** Whether it reads with consumer groups (all Waspada groups start with `waspada-`). */
  readonly groups: boolean;
  /** Prefix of its transactional ids, when it writes in transactions. */
  readonly transactions?: string;
}

const AGENCY_PRODUCERS: readonly (readonly [string, TopicKey])[] = [
  ['passport-producer', 'passport'],
  ['border-crossing-producer', 'borderCrossing'],
  ['placement-producer', 'placement'],
  ['identity-producer', 'identity'],
  ['citizen-abroad-producer', 'citizenAbroad'],
  ['watchlist-producer', 'watchlist'],
];

const PERSON_TOPICS: readonly TopicKey[] = [
  'passport',
  'borderCrossing',
  'placement',
  'identity',
  'citizenAbroad',
  'watchlist',
];

export const KAFKA_PRINCIPALS: readonly PrincipalPlan[] = [
  ...AGENCY_PRODUCERS.map(([principal, topic]) => ({
    principal,
    writes: [topic, 'rejected'] as const,
    reads: [],
    groups: false,
  })),
  {
    principal: 'risk-processor',
    // ruleJobs: the job worker (main.js jobs) records each job's steps.
    writes: ['alerts', 'deadLetter', 'shadowAlerts', 'ruleChanges', 'rejudge', 'ruleJobs'],
    // cases: the backtest labels situations with closed cases' outcomes; ruleJobs: the requests.
    reads: [
      ...PERSON_TOPICS,
      'rejudge',
      'alerts',
      'shadowAlerts',
      'ruleChanges',
      'alertActions',
      'cases',
      'ruleJobs',
      'ruleExemptions',
    ],
    groups: true,
    transactions: 'waspada-risk-processor',
  },
  {
    principal: 'notifier',
    // deadLetter: an alert the desk router cannot decode is set aside there with its bytes.
    writes: ['deskAlerts', 'alertActions', 'access', 'deadLetter'],
    reads: ['alerts', 'deskAlerts'],
    // Each webhook subscriber's dead-letter topic, created when the subscriber is (deliveryDeadLetterTopic).
    owns: [DELIVERY_TOPIC_PREFIX],
    groups: true,
    transactions: 'waspada-notifier',
  },
  {
    principal: 'dashboard',
    // rejudge: an exemption approved or revoked asks for the person to be judged again.
    writes: ['access', 'ruleChanges', 'cases', 'ruleJobs', 'ruleExemptions', 'rejudge'],
    reads: Object.keys(TOPICS) as TopicKey[],
    groups: true,
    // The case opener turns desk referrals into case openings exactly once (createTaskFencing).
    transactions: 'waspada-dashboard',
  },
];

const topicGrants = (principal: string, name: string, operations: readonly AclOperation[]): AclGrant[] =>
  operations.map((operation) => ({ principal, resource: 'topic', name, pattern: 'literal', operation }));

/** The grants of one principal, as the broker stores them. */
export function grantsOf(plan: PrincipalPlan): AclGrant[] {
  const principal = `User:${plan.principal}`;
  const grants: AclGrant[] = [];
  for (const key of plan.writes) grants.push(...topicGrants(principal, TOPICS[key], ['WRITE', 'DESCRIBE']));
  for (const key of plan.reads)
    grants.push(...topicGrants(principal, TOPICS[key], ['READ', 'DESCRIBE', 'DESCRIBE_CONFIGS']));
  for (const prefix of plan.owns ?? []) {
    for (const operation of [
      'CREATE',
      'READ',
      'WRITE',
      'DESCRIBE',
      'DESCRIBE_CONFIGS',
      'ALTER_CONFIGS',
    ] as const)
      grants.push({ principal, resource: 'topic', name: prefix, pattern: 'prefixed', operation });
  }
  if (plan.groups) {
    for (const operation of ['READ', 'DESCRIBE'] as const)
      grants.push({ principal, resource: 'group', name: 'waspada-', pattern: 'prefixed', operation });
  }
  if (plan.transactions) {
    for (const operation of ['WRITE', 'DESCRIBE'] as const)
      grants.push({
        principal,
        resource: 'transactional-id',
        name: plan.transactions,
        pattern: 'prefixed',
        operation,
      });
  }
  // Idempotent producers (every Waspada producer is one) ask the cluster for a producer id.
  if (plan.writes.length > 0 || plan.owns)
    grants.push({
      principal,
      resource: 'cluster',
      name: 'kafka-cluster',
      pattern: 'literal',
      operation: 'IDEMPOTENT_WRITE',
    });
  return grants;
}

/** Grants every principal its permissions; run again, it changes nothing. */
export async function applyKafkaAcls(admin: KafkaAdmin): Promise<number> {
  const grants = KAFKA_PRINCIPALS.flatMap(grantsOf);
  await admin.createAcls(grants);
  return grants.length;
}
