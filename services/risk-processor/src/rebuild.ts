import { compileAvroType, createAvroDecoder, readTopics, tpOf, type StopOffsets } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import {
  alertLinkWrite,
  departureKey,
  watchlistOf,
  recordPublished,
  type PersonState,
  type RuleSet,
} from '@waspada/risk-rules';
import { PERSON_TOPICS } from '@waspada/risk-store';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import { applyBatch, type BatchDeps } from './batch-processor';
import { ownRecords } from './rejudge-source';
import { SERVICE, type ProcessorIo } from './processor-io';

export interface RebuildSummary {
  readonly events: number;
  readonly people: number;
  readonly ledgerEntries: number;
  readonly seconds: number;
}

/**
 * Rebuilds the processor's Redis state from Kafka alone, with the processors stopped:
 *
 *   1. every agency topic from its start up to the group's committed offsets, applied to each
 *      person's history, links, timers and watermarks exactly as the live path applies them;
 *   2. the alert ledger from the alerts topic itself, which is what was really published, so
 *      the next follow-up gets the next revision and no alert id is ever reused;
 *   3. timers already due at the rebuilt watermark dropped, as the live path had fired them.
 *
 * The result equals the state the live processors had written up to those offsets.
 */
export async function rebuildState(
  io: ProcessorIo,
  options: {
    groupId: string;
    /** The group whose re-judge requests are applied (see rejudge-source.ts); groupId by default. */
    rejudgeFrom?: string;
    ruleSet: RuleSet;
    progress: (line: string) => void;
    /** Who rebuilt, kept with the completeness mark. */
    by: string;
    /** Called as the work goes on: a live instance keeps its group membership and rebuild claim. */
    keepAlive?: () => Promise<void>;
  },
): Promise<RebuildSummary> {
  const started = Date.now();
  const { store, kafka } = io;
  const alertsTopic = io.alertsTopic;
  const keepAlive = options.keepAlive ?? (() => Promise.resolve());
  const admin = kafka.admin();
  await admin.connect();
  const stopAt: StopOffsets = new Map();
  const partitions = new Set<number>();
  try {
    for (const topic of Object.keys(PERSON_TOPICS)) {
      for (const { partition, offset } of await admin.groupOffsets(options.groupId, topic)) {
        stopAt.set(tpOf(topic, partition), BigInt(Math.max(0, Number(offset))));
        partitions.add(partition);
      }
    }
    for (const { partition, high } of await admin.topicOffsets(alertsTopic)) {
      stopAt.set(tpOf(alertsTopic, partition), BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  const total = [...stopAt]
    .filter(([tp]) => !tp.startsWith(alertsTopic))
    .reduce((sum, [, stop]) => sum + Number(stop), 0);

  await store.clear();
  const deps: BatchDeps = {
    store,
    decode: io.decode,
    ruleSet: options.ruleSet,
    reference: referenceData(),
    watchlist: watchlistOf([]),
    clock: () => Date.now(),
    service: SERVICE,
    lateAlertWindowMs: 0,
  };
  let events = 0;
  let lastReport = 0;
  await readTopics(kafka, {
    topics: Object.keys(PERSON_TOPICS),
    stopAt: new Map([...stopAt].filter(([tp]) => !tp.startsWith(alertsTopic))),
    onBatch: async (batch) => {
      await applyBatch(deps, ownRecords(batch, options.rejudgeFrom ?? options.groupId), {
        mode: 'apply-only',
      });
      await keepAlive();
      events += batch.records.length;
      if (Date.now() - lastReport > 2_000) {
        lastReport = Date.now();
        const rate = Math.round(events / ((Date.now() - started) / 1000));
        options.progress(`rebuild: ${events}/${total} events applied (${rate} events/s)`);
      }
    },
  });
  options.progress(`rebuild: ${events}/${total} events applied; reading the alert ledger`);

  const ledgers = new Map<string, Map<string, RiskAlert>>();
  // With no person applied no ledger has anyone to go to: a first start skips the alerts topic.
  if (events === 0) for (const tp of stopAt.keys()) if (tp.startsWith(alertsTopic)) stopAt.set(tp, 0n);
  const decode = createAvroDecoder<RiskAlert>(io.registry, compileAvroType(CONTRACTS.alert.schema));
  await readTopics(kafka, {
    topics: [alertsTopic],
    stopAt: new Map([...stopAt].filter(([tp]) => tp.startsWith(alertsTopic))),
    onBatch: async (batch) => {
      await keepAlive();
      for (const record of batch.records) {
        const alert = (await decode(record.value)).value;
        const ledger = ledgers.get(alert.person.nik) ?? new Map<string, RiskAlert>();
        const known = ledger.get(alert.situation);
        if (!known || known.revision < alert.revision) ledger.set(alert.situation, alert);
        ledgers.set(alert.person.nik, ledger);
      }
    },
  });
  let ledgerEntries = 0;
  const niks = [...ledgers.keys()];
  for (let index = 0; index < niks.length; index += 500) {
    const chunk = niks.slice(index, index + 500);
    const loaded = await store.loadPeople(chunk);
    const states: PersonState[] = [];
    const links = [];
    for (const nik of chunk) {
      const state = loaded.get(nik)?.state;
      if (!state) continue;
      for (const alert of ledgers.get(nik)?.values() ?? []) {
        recordPublished(state, alert);
        ledgerEntries += 1;
        const departure = state.history.find(
          (event) => event.kind === 'crossing' && departureKey(event) === alert.situation,
        );
        if (departure?.kind === 'crossing') {
          const write = alertLinkWrite(state, {
            kind: 'departure',
            key: alert.situation,
            time: departure.eventTime,
            trigger: departure,
            scanned: departure.stage === 'PRE_CLEARANCE_SCAN',
          });
          if (write) links.push(write);
        }
      }
      states.push(state);
    }
    await Promise.all([store.savePeople(states), store.addLinks(links)]);
  }
  for (const partition of partitions) {
    const watermark = await store.watermark(partition);
    await store.removeTimers(partition, await store.dueTimers(partition, watermark));
  }
  let people = 0;
  for await (const chunk of store.personNiks()) people += chunk.length;
  await store.markComplete({ by: options.by, rebuiltEvents: events });
  return { events, people, ledgerEntries, seconds: (Date.now() - started) / 1000 };
}
