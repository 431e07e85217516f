import type { IncomingBatch, IncomingRecord } from '@waspada/common';
import {
  applyEvent,
  companionFlagOf,
  companionSources,
  emptyPersonState,
  linkWritesFor,
  needsReturnCheck,
  overstaySituation,
  situationsAfter,
  type CompanionFlag,
  type LinkWrite,
  type PersonEvent,
  type PersonState,
  type Situation,
} from '@waspada/risk-rules';
import type { CitizenAbroadEvent, DeadLetterRecord, RiskAlert } from '@waspada/schemas';
import { v5 as uuidV5 } from 'uuid';
import type { Decoded } from './event-decoding';
import { judge, type JudgeDeps } from './judge';
import type { DueTimer } from './state-store';

const DEAD_LETTER_NAMESPACE = '8c0f3c52-6a59-5e2e-b2a4-54d1f0e7c3a9';
const DAY_MS = 86_400_000;
/** People seen within this time of a victim's departure, on the same booking or sponsor, are companions. */
const COMPANION_WINDOW_MS = 2 * DAY_MS;

export interface BatchDeps extends JudgeDeps {
  readonly decode: (record: IncomingRecord) => Promise<Decoded>;
  readonly service: string;
  /** How far back a late event may still raise a new alert about an earlier situation. */
  readonly lateAlertWindowMs: number;
}

export interface BatchResult {
  /** Alerts to publish now: new ones, and, at the start of a range, any the outbox still holds. */
  readonly alerts: readonly RiskAlert[];
  /** The uncommitted range including this batch. */
  readonly range: UncommittedRange;
  readonly deadLetters: readonly DeadLetterRecord[];
  readonly applied: number;
  readonly duplicates: number;
  readonly timersFired: number;
}

/**
 * The alerts of a topic-partition's records applied since its offsets were last committed: what
 * the partition's outbox in Redis holds, so a crash before the commit loses none of them.
 */
export interface UncommittedRange {
  readonly start: string;
  readonly alerts: readonly RiskAlert[];
}

/**
 * Processes one batch of one topic-partition. Exactly once, without a distributed transaction
 * between Redis and Kafka, in this order:
 *
 *   1. apply the events to the people's states (an event already applied is skipped);
 *   2. judge the situations they touch and compare with each person's alert ledger;
 *   3. add the alerts to the partition's outbox in Redis, which covers every record since the
 *      last committed offset (`range`; undefined when this batch starts a new range);
 *   4. save the states (with their ledgers) and the other indexes;
 *   5. the caller publishes the alerts and, for a range of batches, commits the offsets in one
 *      Kafka transaction.
 *
 * A crash before 5 leaves the offsets where they were, so the records come again from the range's
 * first offset: events already applied are skipped, and the alerts they caused come back from the
 * outbox. A crash after 5 leaves nothing to redo. Alert ids are deterministic, so the outbox and a
 * fresh judgement never make two alerts of one.
 */
export async function processBatch(
  deps: BatchDeps,
  batch: IncomingBatch,
  mode: 'live' | 'apply-only',
  range?: UncommittedRange,
): Promise<BatchResult> {
  const { store } = deps;
  const first = batch.records[0];
  const last = batch.records[batch.records.length - 1];
  if (!first || !last) {
    return {
      alerts: [],
      range: range ?? { start: '0', alerts: [] },
      deadLetters: [],
      applied: 0,
      duplicates: 0,
      timersFired: 0,
    };
  }

  const [outbox, storedWatermark] = await Promise.all([
    mode === 'live' && !range ? store.outbox(batch.topic, batch.partition) : undefined,
    store.watermark(batch.partition),
  ]);
  // A new range that starts where the outbox's range started is the same records again after a
  // crash: what the outbox holds was never committed.
  const carried = outbox?.firstOffset === first.offset ? outbox.alerts : [];
  const rangeStart = range?.start ?? first.offset;
  let rangeAlerts: readonly RiskAlert[] = range?.alerts ?? carried;

  const deadLetters: DeadLetterRecord[] = [];
  const byPerson = new Map<string, { event: PersonEvent; record: IncomingRecord }[]>();
  const passportOnly: CitizenAbroadEvent[] = [];
  const decoded = await Promise.all(batch.records.map((record) => deps.decode(record)));
  decoded.forEach((result, index) => {
    const record = batch.records[index] as IncomingRecord;
    if (!result.ok) {
      deadLetters.push(
        deadLetterOf(deps, record, result.stage, [{ field: result.field, reason: result.reason }]),
      );
    } else if ('passportOnly' in result) {
      passportOnly.push(result.passportOnly);
    } else {
      // The decoder has checked the NIK (a report without one arrives as passportOnly).
      const nik = result.event.nik ?? '';
      const list = byPerson.get(nik) ?? [];
      list.push({ event: result.event, record });
      byPerson.set(nik, list);
    }
  });

  const loaded = await store.loadPeople([...byPerson.keys()]);
  const states = new Map<string, PersonState>();
  const flags = new Map<string, CompanionFlag[]>();
  const appliedByPerson = new Map<string, PersonEvent[]>();
  const linkWrites: LinkWrite[] = [];
  const timers: DueTimer[] = [];
  let applied = 0;
  let duplicates = 0;
  let watermark = storedWatermark;
  for (const [nik, items] of byPerson) {
    const state = loaded.get(nik)?.state ?? emptyPersonState(nik);
    states.set(nik, state);
    flags.set(nik, loaded.get(nik)?.flags ?? []);
    const fresh: PersonEvent[] = [];
    for (const { event } of items) {
      if (!applyEvent(state, event)) {
        duplicates += 1;
        continue;
      }
      applied += 1;
      fresh.push(event);
      linkWrites.push(...linkWritesFor(state, event));
      if (needsReturnCheck(event)) {
        const situation = overstaySituation(event, deps.ruleSet);
        timers.push({ nik, departureEventId: event.eventId, due: situation.time });
      }
      // Event time moves the clock of this partition; a clock skewed into the future was refused upstream.
      watermark = Math.max(watermark, event.eventTime);
    }
    if (fresh.length > 0) appliedByPerson.set(nik, fresh);
  }
  await store.addLinks(linkWrites);

  const newFlags = await companionFlags(deps, states, appliedByPerson, passportOnly);
  for (const { nik, flag } of newFlags) flags.get(nik)?.push(flag);

  const changed = new Set(appliedByPerson.keys());
  let alerts: RiskAlert[] = [];
  let fired: DueTimer[] = [];
  if (mode === 'live') {
    const situations = new Map<string, Situation[]>();
    for (const [nik, fresh] of appliedByPerson) {
      situations.set(
        nik,
        situationsAfter(states.get(nik) as PersonState, fresh, {
          ruleSet: deps.ruleSet,
          lateAlertWindowMs: deps.lateAlertWindowMs,
          newest: watermark,
        }),
      );
    }
    fired = await store.dueTimers(batch.partition, watermark);
    const missing = fired.map((timer) => timer.nik).filter((nik) => !states.has(nik));
    if (missing.length > 0) {
      for (const [nik, person] of await store.loadPeople([...new Set(missing)])) {
        if (person.state) {
          states.set(nik, person.state);
          flags.set(nik, person.flags);
        }
      }
    }
    for (const timer of fired) {
      const state = states.get(timer.nik);
      const departure = state?.history.find((event) => event.eventId === timer.departureEventId);
      if (!state || !departure || !needsReturnCheck(departure)) continue;
      situations.set(timer.nik, [
        ...(situations.get(timer.nik) ?? []),
        overstaySituation(departure, deps.ruleSet),
      ]);
    }
    const judgement = await judge(
      deps,
      [...situations].map(([nik, list]) => ({
        state: states.get(nik) as PersonState,
        flags: flags.get(nik) ?? [],
        situations: list,
      })),
    );
    for (const nik of judgement.changed) changed.add(nik);
    for (const failure of judgement.failures) {
      const source = byPerson
        .get(failure.nik)
        ?.find((item) => item.event.eventId === failure.situation.trigger.eventId);
      if (source) {
        deadLetters.push(
          deadLetterOf(deps, source.record, 'RULE', [
            { field: failure.error.ruleId, reason: failure.error.message },
          ]),
        );
      }
    }
    const sent = new Set(range?.alerts.map((alert) => alert.alertId));
    alerts = uniqueById([...carried, ...judgement.alerts]).filter((alert) => !sent.has(alert.alertId));
    if (judgement.alerts.length > 0) {
      rangeAlerts = uniqueById([...rangeAlerts, ...judgement.alerts]);
      await store.setOutbox(batch.topic, batch.partition, { firstOffset: rangeStart, alerts: rangeAlerts });
    }
  }

  await Promise.all([
    store.savePeople([...changed].map((nik) => states.get(nik) as PersonState)),
    store.scheduleTimers(batch.partition, timers),
    store.removeTimers(batch.partition, fired),
    watermark > storedWatermark ? store.setWatermark(batch.partition, watermark) : undefined,
  ]);
  await store.setApplied(batch.topic, batch.partition, last.offset);
  return {
    alerts,
    range: { start: rangeStart, alerts: rangeAlerts },
    deadLetters,
    applied,
    duplicates,
    timersFired: fired.length,
  };
}

/**
 * R11's second half: a distress report marks the victim's companions, so their next crossing
 * alerts. Marks go to other people's keys, which any instance may write: they only ever add.
 */
async function companionFlags(
  deps: BatchDeps,
  states: ReadonlyMap<string, PersonState>,
  appliedByPerson: ReadonlyMap<string, PersonEvent[]>,
  passportOnly: readonly CitizenAbroadEvent[],
): Promise<{ nik: string; flag: CompanionFlag }[]> {
  const categories = deps.ruleSet.rules.R11.params.categories;
  const flags: { nik: string; flag: CompanionFlag }[] = [];
  const lookups: { key: string; around?: number; flag: CompanionFlag; victim: string }[] = [];
  for (const [nik, events] of appliedByPerson) {
    for (const event of events) {
      if (event.kind !== 'abroad' || !categories.includes(event.category)) continue;
      const sources = companionSources(states.get(nik) as PersonState, event);
      for (const companion of sources.named)
        flags.push({ nik: companion, flag: companionFlagOf(event, 'named') });
      for (const lookup of sources.lookups) {
        lookups.push({
          key: lookup.key,
          around: lookup.around,
          flag: companionFlagOf(event, lookup.via),
          victim: nik,
        });
      }
    }
  }
  for (const report of passportOnly) {
    if (!categories.includes(report.category) || !report.passportNumber) continue;
    const event = { kind: 'abroad' as const, ...report };
    lookups.push({
      key: `passport:${report.passportNumber}`,
      flag: companionFlagOf(event, 'passport'),
      victim: '',
    });
  }
  if (lookups.length > 0) {
    const found = await deps.store.readLinks(
      lookups.map((lookup) => lookup.key),
      Math.max(...lookups.map((lookup) => lookup.flag.eventTime)),
    );
    for (const lookup of lookups) {
      for (const member of found.get(lookup.key) ?? []) {
        if (member.nik === lookup.victim || member.placement) continue;
        if (lookup.around !== undefined && Math.abs(member.time - lookup.around) > COMPANION_WINDOW_MS)
          continue;
        flags.push({ nik: member.nik, flag: lookup.flag });
      }
    }
  }
  await deps.store.addFlags(flags);
  return flags;
}

function uniqueById(alerts: readonly RiskAlert[]): RiskAlert[] {
  const seen = new Map<string, RiskAlert>();
  for (const alert of alerts) if (!seen.has(alert.alertId)) seen.set(alert.alertId, alert);
  return [...seen.values()];
}

function deadLetterOf(
  deps: BatchDeps,
  record: IncomingRecord,
  stage: DeadLetterRecord['stage'],
  errors: DeadLetterRecord['errors'],
): DeadLetterRecord {
  return {
    deadLetterId: uuidV5(
      `${record.topic}|${record.partition}|${record.offset}|${stage}`,
      DEAD_LETTER_NAMESPACE,
    ),
    failedAt: deps.clock(),
    service: deps.service,
    stage,
    sourceTopic: record.topic,
    sourcePartition: record.partition,
    sourceOffset: Number(record.offset),
    sourceKey: record.key,
    errors,
    originalPayload: record.value,
  };
}
