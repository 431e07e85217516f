import type { IncomingRecord, KafkaClient, Logger, SchemaRegistryClient } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { firstAlertIdOf, RULE_IDS, type RuleSet } from '@waspada/risk-rules';
import { applyBatch, judgeWindow, openWindow, type BatchDeps } from '../batch-processor';
import type { Decoded } from '../event-decoding';
import { startWatchlistFeed } from '../watchlist-feed';
import {
  readAgencyHistory,
  readCaseEvents,
  readDeskActions,
  type AgencyHistory,
  type HistoryTopics,
} from './history';
import type { HistoryArena, HistoryEntry } from './history-arena';
import { deskLabelsOf, labelsWithCaseOutcomes } from './labels';
import { createMemoryStore } from './memory-store';
import type { DeskLabel, SituationOutcome } from './metrics';

/** Events applied before each judgement: large enough to amortise a window, small enough to keep judging close to event time. */
const WINDOW_EVENTS = 2_000;
/** The one partition a backtest's events share: every person's timers follow one event-time watermark. */
const PARTITION = 0;

/** Each rule's bit in a situation's rules (ORIGIN, not a rule, has none: see onJudged). */
const RULE_BITS = new Map<string, number>(
  RULE_IDS.map((ruleId, index) => {
    if (index > 30) throw new Error('more rules than the bits of a situation record hold');
    return [ruleId, 1 << index];
  }),
);

/** What a backtest keeps of a situation of the period while it replays: its rules as bits of RULE_BITS. */
interface SituationRecord {
  readonly nik: string;
  readonly key: string;
  time: number;
  alerted: boolean;
  rules: number;
}

/** read: agency records from Kafka; judge: events applied and judged. */
export type BacktestPhase = 'read' | 'judge';

export interface BacktestRun {
  readonly from: number;
  readonly to: number;
  readonly ruleSet: RuleSet;
  readonly topics: HistoryTopics;
  /** How far back a late event may still raise a new alert, as in the live processor's setting. */
  readonly lateAlertWindowMs: number;
  readonly onProgress?: (phase: BacktestPhase, done: number, total: number) => void;
}

/** What a backtest found, before it is scored against labels (see metrics.ts and report.ts). */
export interface BacktestOutcome {
  /** Every situation judged with its trigger time in [from, to). */
  readonly situations: SituationOutcome[];
  /** Alerts the rule set would have published about situations of the period, by kind. */
  readonly alertsByKind: Record<string, number>;
  /** By first alert id: the desks' verdicts, with closed cases' outcomes over them. */
  readonly deskLabels: Map<string, DeskLabel>;
  readonly input: {
    readonly records: number;
    readonly refused: number;
    readonly afterPeriod: number;
    /** Offsets of the agency topics no read could reach (transaction markers, normally). */
    readonly unread: number;
    readonly eventsApplied: number;
    readonly eventsInPeriod: number;
    readonly people: number;
    readonly deskActions: number;
    /** Closed cases whose outcome labels a situation. */
    readonly caseOutcomes: number;
    readonly watchlistEntries: number;
    /** Situations whose rules threw (dead-lettered live): left out of the figures. */
    readonly ruleFailures: number;
  };
  readonly seconds: { readonly read: number; readonly judge: number; readonly total: number };
}

/**
 * Judges a period of history under a rule set, as the live processor would have, with nothing
 * touched: history comes from the agency topics in Kafka, every person's state is kept in memory
 * (never the live Redis), and no alert is published.
 *
 * Every event before `to` is applied in event-time order, so each person's state and each link
 * between people holds only what had happened by then (a record that arrived late counts from its
 * event time: a backfilled history has no other time to go by); events before `from` build the state and
 * the alert ledger (an alert of last month makes this month's judgement a follow-up, and a sponsor
 * named by alerted travellers stays named). Judging goes through the processor's own applyBatch and
 * judgeWindow, window by window; situations whose trigger time lies in [from, to) are counted.
 */
export async function runBacktest(
  io: { kafka: KafkaClient; registry: SchemaRegistryClient; logger: Logger },
  run: BacktestRun,
): Promise<BacktestOutcome> {
  const started = Date.now();
  const watchlist = await startWatchlistFeed(io.kafka, io.registry, io.logger);
  // The history's file is closed whatever happens, also when another read fails beside it.
  let history: AgencyHistory | undefined;
  try {
    // Agency history, desk actions and the watchlist are read at once: each reader spends seconds
    // joining its throwaway group and leaving it, which would otherwise add up.
    const [read, desk, cases] = await allOrFirstFailure([
      readAgencyHistory(io.kafka, io.registry, {
        topics: run.topics,
        until: run.to,
        onProgress: (done, total) => run.onProgress?.('read', done, total),
      }).then((read) => (history = read)),
      readDeskActions(io.kafka, io.registry, run.topics.alertActions),
      run.topics.cases === undefined
        ? Promise.resolve({ events: [], refused: 0 })
        : readCaseEvents(io.kafka, io.registry, run.topics.cases),
      watchlist.ready,
    ] as const);
    const readDone = Date.now();

    const judged = await replayHistory(read.events, run, watchlist.watchlist);
    read.events.close();
    const judgeDone = Date.now();
    const labels = labelsWithCaseOutcomes(deskLabelsOf(desk.actions), cases.events);

    const situations: SituationOutcome[] = [...judged.outcomes.values()]
      .map((outcome) => ({
        nik: outcome.nik,
        key: outcome.key,
        firstAlertId: firstAlertIdOf(outcome.nik, outcome.key),
        time: outcome.time,
        alerted: outcome.alerted,
        rules: RULE_IDS.filter((ruleId) => ((RULE_BITS.get(ruleId) as number) & outcome.rules) !== 0),
      }))
      .sort((a, b) => a.time - b.time || a.nik.localeCompare(b.nik));
    return {
      situations,
      alertsByKind: judged.alertsByKind,
      deskLabels: labels.labels,
      input: {
        records: read.records,
        refused: read.refused,
        afterPeriod: read.afterPeriod,
        unread: read.unread,
        eventsApplied: read.events.length,
        eventsInPeriod: judged.eventsInPeriod,
        people: judged.people,
        deskActions: desk.actions.length,
        caseOutcomes: labels.outcomes,
        watchlistEntries: watchlist.size(),
        ruleFailures: judged.ruleFailures,
      },
      seconds: {
        read: (readDone - started) / 1000,
        judge: (judgeDone - readDone) / 1000,
        total: (Date.now() - started) / 1000,
      },
    };
  } finally {
    history?.events.close();
    await watchlist.close();
  }
}

/**
 * Promise.all that waits for every promise before it rejects with the first failure: a read that
 * ends after another failed is not left behind unnoticed (the history's file would stay open).
 */
async function allOrFirstFailure<T extends readonly unknown[]>(promises: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Applies and judges the whole history window by window, every person's state in a memory store of
 * its own. Only the outcomes leave: the store (every person's state, every link) is let go before
 * the report is built, so the two never take memory at once.
 */
export async function replayHistory(
  events: HistoryArena,
  run: BacktestRun,
  watchlist: BatchDeps['watchlist'],
): Promise<{
  outcomes: Map<string, SituationRecord>;
  alertsByKind: Record<string, number>;
  ruleFailures: number;
  people: number;
  eventsInPeriod: number;
}> {
  const inPeriod = (time: number) => time >= run.from && time < run.to;
  // A state keeps its events' places in the history file, not their bytes again.
  const store = createMemoryStore({ places: events });
  // One small record per situation, its rules as bits of RULE_IDS: a backtest of a million events
  // judges hundreds of thousands of situations, and a Set per situation cost more than the rest.
  const outcomes = new Map<string, SituationRecord>();
  const alertsByKind: Record<string, number> = {};
  let windowTime = 0;
  let ruleFailures = 0;
  const decodedOf = new Map<IncomingRecord, Decoded>();
  const deps: BatchDeps = {
    store,
    decode: (record) => Promise.resolve(decodedOf.get(record) as Decoded),
    ruleSet: run.ruleSet,
    reference: referenceData(),
    watchlist,
    // Alerts carry the event time they would have been raised at, not the backtest's wall clock.
    clock: () => windowTime,
    service: 'risk-processor-backtest',
    lateAlertWindowMs: run.lateAlertWindowMs,
    onJudged: (nik, situation, decision) => {
      if (!inPeriod(situation.time)) return;
      const id = `${nik}|${situation.key}`;
      const outcome = outcomes.get(id) ?? {
        nik,
        key: situation.key,
        time: situation.time,
        alerted: false,
        rules: 0,
      };
      outcome.time = Math.max(outcome.time, situation.time);
      if (decision) {
        outcome.alerted = true;
        // ORIGIN is the home-region bonus: it never fires alone, so it is not a rule to score.
        for (const rule of decision.rules) {
          const bit = RULE_BITS.get(rule.ruleId);
          if (bit !== undefined) outcome.rules |= bit;
        }
      }
      outcomes.set(id, outcome);
    },
  };

  /** Judges what a window touched and the timers due by now, and counts the alerts of the period. */
  const judgeOpen = async (open: ReturnType<typeof openWindow>) => {
    const judged = await judgeWindow(deps, { open, ranges: new Map([[PARTITION, {}]]), carried: [] });
    ruleFailures += judged.deadLetters.length;
    for (const alert of judged.alerts) {
      if (inPeriod(alert.eventTime)) alertsByKind[alert.kind] = (alertsByKind[alert.kind] ?? 0) + 1;
    }
  };

  const judgeEntries = async (entries: readonly HistoryEntry[]) => {
    decodedOf.clear();
    const records = entries.map((entry, index) => {
      const record: IncomingRecord = {
        topic: entry.topic,
        partition: PARTITION,
        offset: String(index),
        key: null,
        value: null,
        headers: {},
        timestamp: entry.time,
      };
      decodedOf.set(record, entry.decoded);
      return record;
    });
    windowTime = entries[entries.length - 1]?.time ?? windowTime;
    const open = openWindow();
    await applyBatch(
      deps,
      { topic: 'backtest', partition: PARTITION, records, highWatermark: '0' },
      { mode: 'live', startsWindow: false, window: open },
    );
    await judgeOpen(open);
  };

  let eventsInPeriod = 0;
  for (let index = 0; index < events.length; index += WINDOW_EVENTS) {
    const entries = events.entries(index, index + WINDOW_EVENTS);
    for (const entry of entries) if (inPeriod(entry.time)) eventsInPeriod += 1;
    await judgeEntries(entries);
    run.onProgress?.('judge', Math.min(events.length, index + WINDOW_EVENTS), events.length);
  }
  // Land departures whose allowed stay ran out before the end of the period, after the last event.
  if (run.to - 1 > (await store.watermark(PARTITION))) {
    await store.setWatermark(PARTITION, run.to - 1);
    windowTime = run.to - 1;
    await judgeOpen(openWindow());
  }
  return { outcomes, alertsByKind, ruleFailures, people: store.people(), eventsInPeriod };
}
