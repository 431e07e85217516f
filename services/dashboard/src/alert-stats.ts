import { FlapCounter } from '@waspada/risk-rules';
import type { RiskAlert } from '@waspada/schemas';

export const MINUTE_MS = 60_000;
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The checkpoint key of alerts that have none (a report abroad, documents): a regency follows them up. */
export const NO_CHECKPOINT = 'none';

/** What the aggregation needs of an alert; nothing personal. */
export interface AlertFacts {
  readonly alertId: string;
  readonly firstAlertId: string;
  readonly kind: RiskAlert['kind'];
  readonly severity: Severity;
  readonly ruleIds: readonly string[];
  readonly checkpointCode: string | null;
  /** What the alert is about: `departure:<checkpoint>:<day>` for a departure. */
  readonly situation: string;
  /** When the processor decided, epoch milliseconds: the minute the alert is counted in. */
  readonly alertTime: number;
}

export function alertFacts(alert: RiskAlert): AlertFacts {
  return {
    alertId: alert.alertId,
    firstAlertId: alert.firstAlertId,
    kind: alert.kind,
    severity: alert.severity,
    ruleIds: alert.rules.map((rule) => rule.ruleId),
    checkpointCode: alert.target.checkpointCode,
    situation: alert.situation,
    alertTime: alert.alertTime,
  };
}

/** What the alert budget needs of a border-crossing record; nothing personal. */
export interface CrossingFacts {
  readonly direction: string;
  readonly stage: string;
  readonly checkpointCode: string;
  readonly eventTime: number;
}

interface Bucket {
  readonly bySeverity: Record<Severity, number>;
  readonly byRule: Map<string, number>;
  readonly byCheckpoint: Map<string, number>;
  /** Departures scanned, and NEW alerts on departures, per checkpoint: the alert budget. */
  readonly departures: Map<string, number>;
  readonly departureAlerts: Map<string, number>;
  raised: number;
  resolved: number;
  downgraded: number;
}

export type RecordOutcome = 'counted' | 'duplicate' | 'too_old';

export interface AlertSummary {
  readonly bucketMs: number;
  /** Start of each minute, oldest first; every series below has one value per minute. */
  readonly minutes: readonly number[];
  /** NEW and ESCALATED alerts: what asked an officer or an agency to act. */
  readonly raised: {
    readonly total: readonly number[];
    readonly bySeverity: Readonly<Record<Severity, readonly number[]>>;
    /** An alert counts once under each rule that fired in it. */
    readonly byRule: Readonly<Record<string, readonly number[]>>;
    readonly byCheckpoint: Readonly<Record<string, readonly number[]>>;
  };
  readonly resolved: readonly number[];
  readonly downgraded: readonly number[];
  readonly totals: {
    readonly raised: number;
    readonly resolved: number;
    readonly downgraded: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    readonly byRule: Readonly<Record<string, number>>;
    readonly byCheckpoint: Readonly<Record<string, number>>;
  };
  /** NEW alerts over the history, and those withdrawn within a minute (see flapping.ts in risk-rules). */
  readonly flapping: { readonly newAlerts: number; readonly flapped: number; readonly share: number };
  /**
   * Per checkpoint over the period, busiest first: departures scanned, NEW alerts on departures, and
   * alerts per 1,000 departures. What an officer's screen carries; a rise on a population that
   * did not change is a rule alerting on people who are not cases.
   */
  readonly alertBudget: readonly BudgetEntry[];
}

export interface BudgetEntry {
  readonly checkpoint: string;
  readonly departures: number;
  readonly alerted: number;
  readonly perThousand: number;
}

const minuteOf = (time: number) => Math.floor(time / MINUTE_MS) * MINUTE_MS;

/**
 * Alerts per minute over the last `historyMs`, by severity, rule and checkpoint. The alerts topic
 * may hold the same alert twice (a rebalanced processor instance can commit a window another one
 * committed too; see the README), so each alert id is counted once.
 */
export class AlertStats {
  private readonly buckets = new Map<number, Bucket>();
  /** Alert ids counted, with their minute, dropped together with that minute. */
  private readonly seen = new Map<string, number>();
  private readonly flaps = new FlapCounter();

  constructor(private readonly historyMs: number) {}

  record(alert: AlertFacts, now: number): RecordOutcome {
    if (alert.alertTime < now - this.historyMs) return 'too_old';
    if (this.seen.has(alert.alertId)) return 'duplicate';
    const minute = minuteOf(alert.alertTime);
    this.seen.set(alert.alertId, minute);
    this.flaps.observe(alert);
    const bucket = this.bucketOf(minute);
    if (alert.kind === 'NEW' && alert.situation.startsWith('departure:') && alert.checkpointCode)
      increment(bucket.departureAlerts, alert.checkpointCode);
    if (alert.kind === 'NEW' || alert.kind === 'ESCALATED') {
      bucket.raised += 1;
      bucket.bySeverity[alert.severity] += 1;
      for (const ruleId of new Set(alert.ruleIds))
        bucket.byRule.set(ruleId, (bucket.byRule.get(ruleId) ?? 0) + 1);
      const checkpoint = alert.checkpointCode ?? NO_CHECKPOINT;
      bucket.byCheckpoint.set(checkpoint, (bucket.byCheckpoint.get(checkpoint) ?? 0) + 1);
    } else if (alert.kind === 'RESOLVED') bucket.resolved += 1;
    else bucket.downgraded += 1;
    return 'counted';
  }

  /** A departure scanned at a checkpoint (the first record of a departure at the counter). */
  recordCrossing(crossing: CrossingFacts, now: number): boolean {
    if (crossing.eventTime < now - this.historyMs) return false;
    if (crossing.direction !== 'DEPARTURE' || crossing.stage !== 'PRE_CLEARANCE_SCAN') return false;
    increment(this.bucketOf(minuteOf(crossing.eventTime)).departures, crossing.checkpointCode);
    return true;
  }

  private bucketOf(minute: number): Bucket {
    let bucket = this.buckets.get(minute);
    if (!bucket) {
      bucket = {
        bySeverity: { LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 },
        byRule: new Map(),
        byCheckpoint: new Map(),
        departures: new Map(),
        departureAlerts: new Map(),
        raised: 0,
        resolved: 0,
        downgraded: 0,
      };
      this.buckets.set(minute, bucket);
    }
    return bucket;
  }

  flappingShare(): number {
    return this.flaps.share;
  }

  prune(now: number): void {
    const cutoff = minuteOf(now - this.historyMs);
    for (const minute of this.buckets.keys()) if (minute < cutoff) this.buckets.delete(minute);
    for (const [alertId, minute] of this.seen) if (minute < cutoff) this.seen.delete(alertId);
    this.flaps.prune(cutoff);
  }

  /** The last `minutes` minutes up to and including the current one, zeros where nothing came. */
  summary(now: number, minutes: number): AlertSummary {
    const last = minuteOf(now);
    const starts = Array.from({ length: minutes }, (_, i) => last - (minutes - 1 - i) * MINUTE_MS);
    const buckets = starts.map((minute) => this.buckets.get(minute));
    const count = (pick: (bucket: Bucket) => number) => buckets.map((bucket) => (bucket ? pick(bucket) : 0));
    const keyed = (pick: (bucket: Bucket) => ReadonlyMap<string, number>) => {
      const keys = new Set(buckets.flatMap((bucket) => (bucket ? [...pick(bucket).keys()] : [])));
      return Object.fromEntries(
        [...keys].sort().map((key) => [key, count((bucket) => pick(bucket).get(key) ?? 0)]),
      );
    };
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    const sumEach = (series: Readonly<Record<string, readonly number[]>>) =>
      Object.fromEntries(Object.entries(series).map(([key, values]) => [key, sum(values)]));

    const bySeverity = Object.fromEntries(
      SEVERITIES.map((severity) => [severity, count((bucket) => bucket.bySeverity[severity])]),
    ) as Record<Severity, number[]>;
    const byRule = keyed((bucket) => bucket.byRule);
    const byCheckpoint = keyed((bucket) => bucket.byCheckpoint);
    const total = count((bucket) => bucket.raised);
    const resolved = count((bucket) => bucket.resolved);
    const downgraded = count((bucket) => bucket.downgraded);
    return {
      bucketMs: MINUTE_MS,
      minutes: starts,
      raised: { total, bySeverity, byRule, byCheckpoint },
      resolved,
      downgraded,
      totals: {
        raised: sum(total),
        resolved: sum(resolved),
        downgraded: sum(downgraded),
        bySeverity: sumEach(bySeverity) as Record<Severity, number>,
        byRule: sumEach(byRule),
        byCheckpoint: sumEach(byCheckpoint),
      },
      flapping: { newAlerts: this.flaps.newAlerts, flapped: this.flaps.flapped, share: this.flaps.share },
      alertBudget: budgetOf(buckets),
    };
  }

  /** The alert budget over all the history kept. */
  budget(): BudgetEntry[] {
    return budgetOf([...this.buckets.values()]);
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function budgetOf(buckets: readonly (Bucket | undefined)[]): BudgetEntry[] {
  const departures = new Map<string, number>();
  const alerted = new Map<string, number>();
  for (const bucket of buckets) {
    if (!bucket) continue;
    for (const [checkpoint, count] of bucket.departures)
      departures.set(checkpoint, (departures.get(checkpoint) ?? 0) + count);
    for (const [checkpoint, count] of bucket.departureAlerts)
      alerted.set(checkpoint, (alerted.get(checkpoint) ?? 0) + count);
  }
  return [...departures]
    .map(([checkpoint, scanned]) => {
      const raised = alerted.get(checkpoint) ?? 0;
      return {
        checkpoint,
        departures: scanned,
        alerted: raised,
        perThousand: Number(((raised / scanned) * 1000).toFixed(1)),
      };
    })
    .sort((a, b) => b.departures - a.departures || a.checkpoint.localeCompare(b.checkpoint));
}
