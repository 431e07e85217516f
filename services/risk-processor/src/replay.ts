import type { Logger } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { allSituations, type PersonState, type RuleSet } from '@waspada/risk-rules';
import { judge } from './judge';
import { SERVICE, type ProcessorIo } from './processor-io';
import { openExemptionLog } from '@waspada/risk-store';
import { startWatchlistFeed } from './watchlist-feed';

/** The replay's outbox sits beside the partitions' outboxes, under a number no partition has. */
const REPLAY_OUTBOX = -1;

/**
 * Re-judges every person's whole history under a rule set (after a rule change), with the
 * processors stopped, and publishes only the differences from what each ledger says was published:
 * new alerts, escalations, downgrades, resolutions, under the new rule-set version. Each chunk's
 * alerts go to an outbox in Redis before the ledgers are saved, and are published in a
 * transaction after; a replay cut short publishes the pending chunk first when run again.
 */
export async function replayRules(
  io: ProcessorIo,
  options: { ruleSet: RuleSet; logger: Logger; progress: (line: string) => void },
): Promise<{ people: number; alerts: number }> {
  const { store } = io;
  const watchlist = await startWatchlistFeed(io.kafka, io.registry, options.logger);
  await watchlist.ready;
  const exemptions = await openExemptionLog(io.kafka, io.registry, { logger: options.logger });
  await exemptions.current();
  const producer = io.kafka.producer({ transactionalId: `waspada-${SERVICE}-replay` });
  await producer.connect();
  const publish = async (alerts: Parameters<ProcessorIo['alertRecord']>[0][]) => {
    const transaction = await producer.transaction();
    try {
      await transaction.send(alerts.map(io.alertRecord));
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
    await store.setOutbox(REPLAY_OUTBOX, { ranges: {}, alerts: [] });
  };
  let people = 0;
  let published = 0;
  try {
    const pending = await store.outbox(REPLAY_OUTBOX);
    if (pending && pending.alerts.length > 0) {
      await publish([...pending.alerts]);
      published += pending.alerts.length;
    }
    const deps = {
      store,
      ruleSet: options.ruleSet,
      reference: referenceData(),
      watchlist: watchlist.watchlist,
      exemptions: exemptions.exemptions,
      clock: () => Date.now(),
    };
    for await (const niks of store.personNiks()) {
      const loaded = await store.loadPeople(niks);
      const toJudge = [...loaded.values()]
        .filter(
          (person): person is { state: PersonState; flags: typeof person.flags } =>
            person.state !== undefined,
        )
        .map((person) => ({ ...person, situations: allSituations(person.state, options.ruleSet) }));
      const judgement = await judge(deps, toJudge);
      if (judgement.alerts.length > 0) {
        await store.setOutbox(REPLAY_OUTBOX, {
          ranges: {},
          alerts: judgement.alerts,
        });
      }
      await store.savePeople(
        toJudge.filter((person) => judgement.changed.has(person.state.nik)).map((person) => person.state),
      );
      if (judgement.alerts.length > 0) await publish(judgement.alerts);
      people += toJudge.length;
      published += judgement.alerts.length;
      options.progress(`replay: ${people} people judged, ${published} alerts published`);
    }
  } finally {
    await Promise.allSettled([producer.disconnect(), watchlist.close(), exemptions.close()]);
  }
  return { people, alerts: published };
}
