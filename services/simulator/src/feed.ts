import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@waspada/common';
import { recordingWaves } from './recording-order';
import type { Agency, SimCase as GeneratedCaseEvents } from './scenarios';

export type { Agency };

export interface FeedOptions {
  /** Base URL of each agency's producer, like http://127.0.0.1:18101. */
  readonly producers: Readonly<Record<Agency, string>>;
  /** Events per second, across all agencies. */
  readonly rate: number;
  /** Stop after this many events; 0 runs until stopped. */
  readonly limit: number;
  readonly groundTruthFile: string;
  readonly logger: Logger;
  readonly onSent?: (agency: Agency, count: number) => void;
}

/**
 * Posts generated cases to the producers at a steady rate, in case order, each tick sending what
 * the rate allows as one batch per agency. The ground truth of every case is appended to a file
 * beside the feed before its events are sent.
 */
export async function runFeed(
  cases: Iterator<GeneratedCaseEvents>,
  options: FeedOptions,
  isRunning: () => boolean,
): Promise<number> {
  mkdirSync(dirname(options.groundTruthFile), { recursive: true });
  writeFileSync(options.groundTruthFile, '');
  const tickMs = 100;
  const started = Date.now();
  let lastReport = started;
  let carry = 0;
  let sent = 0;
  let pending: GeneratedCaseEvents['events'] = [];
  while (isRunning() && (options.limit === 0 || sent < options.limit)) {
    const tickStart = Date.now();
    carry += (options.rate * tickMs) / 1000;
    let budget = Math.floor(carry);
    carry -= budget;
    if (options.limit > 0) budget = Math.min(budget, options.limit - sent);
    const truthLines: string[] = [];
    while (pending.length < budget) {
      const next = cases.next();
      if (next.done) break;
      for (const truth of next.value.truth) truthLines.push(`${JSON.stringify(truth)}\n`);
      pending = pending.concat(next.value.events);
    }
    // One write a tick, before the tick's events are sent.
    if (truthLines.length > 0) appendFileSync(options.groundTruthFile, truthLines.join(''));
    // An event whose time has not come (a clearance minutes after its scan) waits for it.
    const now = Date.now();
    const due = pending.filter((event) => event.eventTime <= now);
    const batch = due.slice(0, budget);
    const taken = new Set(batch);
    pending = pending.filter((event) => !taken.has(event));
    for (const wave of recordingWaves(batch)) await postWave(wave, options);
    sent += batch.length;
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      const rate = Math.round(sent / ((lastReport - started) / 1000));
      options.logger.info({ sent, rate }, `simulated feed: ${sent} events sent (${rate} events/s)`);
    }
    await new Promise((resolvePromise) =>
      setTimeout(resolvePromise, Math.max(0, tickMs - (Date.now() - tickStart))),
    );
  }
  return sent;
}

/** Posts events as one batch per agency, all agencies at once. */
async function postWave(wave: GeneratedCaseEvents['events'], options: FeedOptions): Promise<void> {
  const byAgency = new Map<Agency, Record<string, unknown>[]>();
  for (const event of wave) {
    const records = byAgency.get(event.agency);
    if (records) records.push(event.record);
    else byAgency.set(event.agency, [event.record]);
  }
  await Promise.all(
    [...byAgency].map(async ([agency, records]) => {
      const response = await fetch(`${options.producers[agency]}/v1/records/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
      const answer = (await response.json()) as { accepted?: number; refused?: number };
      if ((answer.refused ?? 0) > 0)
        options.logger.warn({ agency, refused: answer.refused }, 'a producer refused simulated records');
      options.onSent?.(agency, records.length);
    }),
  );
}
