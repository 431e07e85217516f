import { nameUuid, type IncomingBatch, type IncomingRecord } from '@waspada/common';
import {
  applyEvent,
  companionFlagOf,
  companionSources,
  emptyPersonState,
  linkWritesFor,
  needsReturnCheck,
  overstaySituation,
  recordPublished,
  situationsAfter,
  type CompanionFlag,
  type LinkWrite,
  type PersonEvent,
  type PersonState,
  type Situation,
} from '@waspada/risk-rules';
import type { DueTimer, StateStore } from '@waspada/risk-store';
import type { CitizenAbroadEvent, DeadLetterRecord, RejudgeRequest, RiskAlert } from '@waspada/schemas';
import type { Decoded } from './event-decoding';
import { judge, type JudgeDeps } from './judge';

const DEAD_LETTER_NAMESPACE = '8c0f3c52-6a59-5e2e-b2a4-54d1f0e7c3a9';
const deadLetterUuid = nameUuid(DEAD_LETTER_NAMESPACE);
const DAY_MS = 86_400_000;
/** People seen within this time of a victim's departure, on the same booking or sponsor, are companions. */
const COMPANION_WINDOW_MS = 2 * DAY_MS;

/** What applying and judging need of the state store: the live path passes Redis, a backtest memory. */
export type PersonStore = Pick<
  StateStore,
  | 'loadPeople'
  | 'loadFlags'
  | 'savePeople'
  | 'addLinks'
  | 'readLinks'
  | 'addFlags'
  | 'scheduleTimers'
  | 'dueTimers'
  | 'removeTimers'
  | 'watermark'
  | 'setWatermark'
  | 'setOutbox'
>;

export interface BatchDeps extends JudgeDeps {
  readonly store: PersonStore;
  readonly decode: (record: IncomingRecord) => Promise<Decoded>;
  readonly service: string;
  /** How far back a late event may still raise a new alert about an earlier situation. */
  readonly lateAlertWindowMs: number;
}

/** Events whose situations wait for the window's judgement, per person. */
export type PendingJudgements = Map<string, { events: PersonEvent[]; records: Map<string, IncomingRecord> }>;

/**
 * What an open window holds in memory: the people its batches touched, loaded once and saved once
 * when the window closes, and the events waiting for judgement.
 */
export interface OpenWindow {
  readonly pending: PendingJudgements;
  readonly people: Map<string, { state: PersonState; flags: CompanionFlag[] }>;
  readonly changed: Set<string>;
  /**
   * Each partition's watermark as the window's batches left it (what they wrote to Redis): the
   * window's judgement and its later batches need not read it again.
   */
  readonly watermarks: Map<number, number>;
}

export function openWindow(): OpenWindow {
  return { pending: new Map(), people: new Map(), changed: new Set(), watermarks: new Map() };
}

export interface ApplyResult {
  readonly deadLetters: readonly DeadLetterRecord[];
  readonly applied: number;
  readonly duplicates: number;
}

/**
 * How Waspada gets exactly-once alerts without a transaction spanning Redis and Kafka. Records are
 * handled in short windows (see createCommitWindow in @waspada/common):
 *
 *   1. each batch is applied to the people's states at once (an event already applied is
 *      skipped), and the situations it touches wait for the window's judgement;
 *   2. when the window closes, the situations are judged against each person's alert ledger;
 *   3. the window's alerts go to the partition's outbox in Redis, with where each topic's range
 *      of the window started;
 *   4. the ledgers are saved;
 *   5. the alerts and the consumed offsets are committed in one Kafka transaction per partition
 *      number, under that partition's transactional id (see createTaskFencing in @waspada/common).
 *
 * A crash before 5 leaves the offsets where they were, so the records come again from where the
 * window started. Their events are then already applied, but a batch that starts a window is
 * judged again all the same, and the ledger tells what was decided; what was decided but never
 * committed comes back from the outbox. The outbox is read before any other window can overwrite
 * it: at a partition's first batch after it is assigned or after a window failed, and its alerts
 * are taken again when the group's committed offset has not passed the outbox window's start (see
 * uncommittedOutbox in risk-processor.ts). A crash after 5 leaves nothing to redo. Alert ids are
 * deterministic, so the outbox and a new judgement never make two alerts of one.
 *
 * Judging once per window, not per batch, also keeps a scan from being judged before records of
 * other topics that arrived in the same fetch but were handed over after it.
 */
export async function applyBatch(
  deps: BatchDeps,
  batch: IncomingBatch,
  options:
    | { readonly mode: 'live'; readonly startsWindow: boolean; readonly window: OpenWindow }
    | { readonly mode: 'apply-only' },
): Promise<ApplyResult> {
  return options.mode === 'live'
    ? applyBatches(deps, [{ batch, startsWindow: options.startsWindow }], options)
    : applyBatches(deps, [{ batch, startsWindow: false }], options);
}

/**
 * Applies a group of batches, handed over together, as one: their records decoded at once, their
 * people read in one round trip and their writes sent in one. A person's records are applied in
 * the order the batches are given. `startsWindow` of a batch: its topic-partition starts the
 * window's range, so its records are judged even if already applied (see applyBatch).
 */
export async function applyBatches(
  deps: BatchDeps,
  group: readonly { readonly batch: IncomingBatch; readonly startsWindow: boolean }[],
  options: { readonly mode: 'live'; readonly window: OpenWindow } | { readonly mode: 'apply-only' },
): Promise<ApplyResult> {
  const { store } = deps;
  const window = options.mode === 'live' ? options.window : undefined;
  const records = group.flatMap(({ batch, startsWindow }) =>
    batch.records.map((record) => ({ record, startsWindow: window !== undefined && startsWindow })),
  );
  if (records.length === 0) return { deadLetters: [], applied: 0, duplicates: 0 };

  const deadLetters: DeadLetterRecord[] = [];
  const byPerson = new Map<string, { event: PersonEvent; record: IncomingRecord; startsWindow: boolean }[]>();
  const passportOnly: CitizenAbroadEvent[] = [];
  const decoded = await Promise.all(records.map(({ record }) => deps.decode(record)));
  decoded.forEach((result, index) => {
    const { record, startsWindow } = records[index] as (typeof records)[number];
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
      list.push({ event: result.event, record, startsWindow });
      byPerson.set(nik, list);
    }
  });

  const people = window?.people ?? new Map<string, { state: PersonState; flags: CompanionFlag[] }>();
  const missing = [...byPerson.keys()].filter((nik) => !people.has(nik));
  const partitions = [...new Set(group.map(({ batch }) => batch.partition))];
  // One round trip for what the group reads, one for what it writes (below): batches of a catch-up
  // are small and many (records handed over in appended order, topic by topic), so each sequential
  // round trip counts thousands of times.
  const [storedWatermarks, loadedPeople] = await Promise.all([
    Promise.all(
      partitions.map(
        async (partition) =>
          [partition, window?.watermarks.get(partition) ?? (await store.watermark(partition))] as const,
      ),
    ),
    store.loadPeople(missing),
  ]);
  for (const [nik, person] of loadedPeople) {
    people.set(nik, { state: person.state ?? emptyPersonState(nik), flags: person.flags });
  }
  const watermarks = new Map(storedWatermarks);
  const states = new Map<string, PersonState>();
  const appliedByPerson = new Map<string, PersonEvent[]>();
  const linkWrites: LinkWrite[] = [];
  const timers = new Map<number, DueTimer[]>();
  let applied = 0;
  let duplicates = 0;
  for (const [nik, items] of byPerson) {
    const state = (people.get(nik) as { state: PersonState }).state;
    states.set(nik, state);
    const fresh: PersonEvent[] = [];
    for (const { event, record, startsWindow } of items) {
      const isNew = applyEvent(state, event);
      if (isNew) {
        applied += 1;
        fresh.push(event);
        linkWrites.push(...linkWritesFor(state, event));
        if (needsReturnCheck(event)) {
          const list = timers.get(record.partition) ?? [];
          list.push({
            nik,
            departureEventId: event.eventId,
            due: overstaySituation(event, deps.ruleSet).time,
          });
          timers.set(record.partition, list);
        }
        watermarks.set(record.partition, Math.max(watermarks.get(record.partition) ?? 0, event.eventTime));
      } else {
        duplicates += 1;
      }
      if (window && (isNew || startsWindow)) {
        const entry = window.pending.get(nik) ?? { events: [], records: new Map<string, IncomingRecord>() };
        entry.events.push(event);
        entry.records.set(event.eventId, record);
        window.pending.set(nik, entry);
      }
    }
    if (fresh.length > 0) appliedByPerson.set(nik, fresh);
  }
  for (const nik of appliedByPerson.keys()) window?.changed.add(nik);
  for (const [partition, watermark] of watermarks) window?.watermarks.set(partition, watermark);
  const stored = new Map(storedWatermarks);
  await Promise.all([
    // Issued before the companion lookups, on the same connection: Redis applies them first, so a
    // report finds companions whose records came in the same group.
    store.addLinks(linkWrites),
    companionFlags(deps, states, appliedByPerson, passportOnly),
    // A live window saves its people once, when it closes; a rebuild saves each batch.
    window
      ? undefined
      : store.savePeople([...appliedByPerson.keys()].map((nik) => states.get(nik) as PersonState)),
    ...[...timers].map(([partition, due]) => store.scheduleTimers(partition, due)),
    ...[...watermarks]
      .filter(([partition, watermark]) => watermark > (stored.get(partition) ?? 0))
      .map(([partition, watermark]) => store.setWatermark(partition, watermark)),
  ]);
  return { deadLetters, applied, duplicates };
}

export interface WindowJudgement {
  readonly alerts: readonly RiskAlert[];
  /** Re-judge requests to other people's partitions, published with the alerts. */
  readonly requests: readonly RejudgeRequest[];
  /**
   * Per partition number of the window, its alerts and requests: what its outbox keeps and its
   * transaction publishes.
   */
  readonly byPartition: ReadonlyMap<
    number,
    { readonly alerts: RiskAlert[]; readonly requests: RejudgeRequest[] }
  >;
  readonly deadLetters: readonly DeadLetterRecord[];
  readonly timersFired: number;
}

/**
 * Judges what a window's batches touched, and the absence timers now due on its partitions, with
 * the people's states as the whole window left them; then records the outcome (steps 2 to 4).
 */
export async function judgeWindow(
  deps: BatchDeps,
  window: {
    readonly open: OpenWindow;
    /** Per partition number: where each topic's range of this window started. */
    readonly ranges: ReadonlyMap<number, Readonly<Record<string, string>>>;
    /** Alerts found in outboxes when the window started, with the partition of each outbox. */
    readonly carried: readonly { readonly alert: RiskAlert; readonly partition: number }[];
    /** Re-judge requests found in those outboxes. */
    readonly carriedRequests?: readonly { readonly request: RejudgeRequest; readonly partition: number }[];
  },
): Promise<WindowJudgement> {
  const { store } = deps;
  const partitions = [...window.ranges.keys()];
  const known = window.open.watermarks;
  const watermarks = new Map(
    await Promise.all(
      partitions.map(
        async (partition) => [partition, known.get(partition) ?? (await store.watermark(partition))] as const,
      ),
    ),
  );
  const due = (
    await Promise.all(
      partitions.map(async (partition) => ({
        partition,
        timers: await store.dueTimers(partition, watermarks.get(partition) ?? 0),
      })),
    )
  ).filter((entry) => entry.timers.length > 0);
  const { pending, people } = window.open;
  const missing = due
    .flatMap((entry) => entry.timers.map((timer) => timer.nik))
    .filter((nik) => !people.has(nik));
  for (const [nik, person] of await store.loadPeople([...new Set(missing)])) {
    if (person.state) people.set(nik, { state: person.state, flags: person.flags });
  }
  const loaded = people;
  // Alerts carried from an outbox were decided by a window that saved its outbox but maybe not its
  // ledgers before it died. They are recorded as published now, before anything is judged: the
  // records of that window come back as new, in this window or a later one, and a ledger that did
  // not know the carried revision would decide it a second time.
  const carriedPeople = [...new Set(window.carried.map(({ alert }) => alert.person.nik))];
  for (const [nik, person] of await store.loadPeople(carriedPeople.filter((nik) => !people.has(nik)))) {
    people.set(nik, { state: person.state ?? emptyPersonState(nik), flags: person.flags });
  }
  const ledgersCarried = new Set<string>();
  for (const { alert } of window.carried) {
    const state = people.get(alert.person.nik)?.state;
    if (state && recordPublished(state, alert)) ledgersCarried.add(alert.person.nik);
  }

  const situations = new Map<string, Situation[]>();
  for (const [nik, { events }] of pending) {
    const state = loaded.get(nik)?.state;
    if (!state) continue;
    situations.set(
      nik,
      situationsAfter(state, events, {
        ruleSet: deps.ruleSet,
        lateAlertWindowMs: deps.lateAlertWindowMs,
        newest: Math.max(...events.map((event) => event.eventTime)),
      }),
    );
  }
  for (const { timers } of due) {
    for (const timer of timers) {
      const departure = loaded
        .get(timer.nik)
        ?.state?.history.find((event) => event.eventId === timer.departureEventId);
      if (!departure || !needsReturnCheck(departure)) continue;
      situations.set(timer.nik, [
        ...(situations.get(timer.nik) ?? []),
        overstaySituation(departure, deps.ruleSet),
      ]);
    }
  }
  const judgement = await judge(
    deps,
    [...situations]
      .filter(([nik]) => loaded.get(nik)?.state !== undefined)
      .map(([nik, list]) => ({
        state: loaded.get(nik)?.state as PersonState,
        flags: loaded.get(nik)?.flags ?? [],
        situations: list,
        fresh: new Set((pending.get(nik)?.events ?? []).map((event) => event.eventId)),
      })),
  );
  const deadLetters: DeadLetterRecord[] = [];
  for (const failure of judgement.failures) {
    const record = pending.get(failure.nik)?.records.get(failure.situation.trigger.eventId);
    if (record) {
      deadLetters.push(
        deadLetterOf(deps, record, 'RULE', [{ field: failure.error.ruleId, reason: failure.error.message }]),
      );
    }
  }
  const alerts = uniqueById([...window.carried.map((entry) => entry.alert), ...judgement.alerts]);
  const carriedRequests = window.carriedRequests ?? [];
  const requests = [
    ...new Map(
      [...carriedRequests.map((entry) => entry.request), ...judgement.requests].map((request) => [
        request.eventId,
        request,
      ]),
    ).values(),
  ];
  // Every topic of a person shares one partition number: the outbox of that number keeps their
  // alerts, and the requests their judgement made.
  const byPartition = new Map<number, { alerts: RiskAlert[]; requests: RejudgeRequest[] }>();
  if (alerts.length > 0 || requests.length > 0) {
    const partitionOf = new Map<string, number>();
    for (const { alert, partition } of window.carried) partitionOf.set(alert.person.nik, partition);
    for (const { partition, timers } of due)
      for (const timer of timers) partitionOf.set(timer.nik, partition);
    for (const [nik, entry] of pending) {
      const record = entry.records.values().next().value;
      if (record) partitionOf.set(nik, record.partition);
    }
    // Found in none of the window's records (never so far): kept with the window's first partition.
    const fallback = partitions[0] ?? 0;
    const outboxOf = (partition: number) => {
      const outbox = byPartition.get(partition) ?? { alerts: [], requests: [] };
      byPartition.set(partition, outbox);
      return outbox;
    };
    for (const alert of alerts) {
      outboxOf(partitionOf.get(alert.person.nik) ?? fallback).alerts.push(alert);
    }
    const causes = new Map(carriedRequests.map((entry) => [entry.request.eventId, entry.partition]));
    const recordPartitions = recordPartitionsOf(pending);
    for (const request of requests) {
      outboxOf(
        causes.get(request.eventId) ?? recordPartitions.get(request.causeEventId) ?? fallback,
      ).requests.push(request);
    }
    await Promise.all(
      [...byPartition].map(([partition, outbox]) =>
        store.setOutbox(partition, { ranges: window.ranges.get(partition) ?? {}, ...outbox }),
      ),
    );
  }
  await Promise.all([
    store.savePeople(
      [...new Set([...window.open.changed, ...judgement.changed, ...ledgersCarried])].map(
        (nik) => loaded.get(nik)?.state as PersonState,
      ),
    ),
    ...due.map(({ partition, timers }) => store.removeTimers(partition, timers)),
  ]);
  return {
    alerts,
    requests,
    byPartition,
    deadLetters,
    timersFired: due.reduce((sum, entry) => sum + entry.timers.length, 0),
  };
}

/**
 * The partition of each window record, by event id: a request goes out with the record whose
 * judgement asked (its cause is that person's event). One map for the window, not a search of every
 * pending person per request, which a catch-up window of thousands of each made quadratic.
 */
function recordPartitionsOf(pending: PendingJudgements): Map<string, number> {
  const partitions = new Map<string, number>();
  for (const entry of pending.values())
    for (const [eventId, record] of entry.records) partitions.set(eventId, record.partition);
  return partitions;
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
): Promise<void> {
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
      // Not Math.max(...): a catch-up group can hold more reports than a call takes arguments.
      lookups.reduce((latest, lookup) => Math.max(latest, lookup.flag.eventTime), -Infinity),
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
  if (flags.length > 0) await deps.store.addFlags(flags);
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
    deadLetterId: deadLetterUuid(`${record.topic}|${record.partition}|${record.offset}|${stage}`),
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
