import './support/own-topics';
import { randomInt, randomUUID } from 'node:crypto';
import { compileAvroType, createAvroDecoder, createRedis, TOPICS, type Connections } from '@waspada/common';
import type { RiskProcessor } from '@waspada/risk-processor';
import { createStateStore } from '@waspada/risk-store';
import { CONTRACTS, type DeadLetterRecord, type RiskAlert } from '@waspada/schemas';
import { eventually, testConnections, uniqueName, useTestKit, useOwnTopics } from './support/clients';
import {
  finalAlerts,
  openAgencies,
  readAlerts,
  readWholeTopic,
  score,
  simulatedFeed,
  startTestProcessor,
  uniqueInstance,
  waitSettled,
  withOwnRedisDb,
} from './support/risk-pipeline';

// This file's processors read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

describe('a window decided but never committed', () => {
  const kit = useTestKit();

  it('is published after a restart, whichever topic of the partition comes first', async () => {
    const connections = await withOwnRedisDb(testConnections(), 7);
    const groupId = uniqueName('risk-outbox');
    const instanceId = uniqueInstance('outbox');
    // Scans and passport applications of the same people: after the restart the partition gets
    // records of both topics, in whichever order the broker hands them over.
    const agencies = await openAgencies(connections);
    try {
      const niks = Array.from(
        { length: 30 },
        (_, index) =>
          `3201011508${String(90 + (index % 9)).padStart(2, '0')}${String(randomInt(1, 10_000)).padStart(4, '0')}`,
      );
      const dayAgo = Date.now() - 86_400_000;
      await agencies.submit(
        niks.flatMap((nik) => [
          {
            agency: 'passport' as const,
            eventTime: dayAgo - 60_000,
            record: {
              nik,
              eventTime: dayAgo - 60_000,
              eventType: 'APPLICATION_SUBMITTED',
              applicationId: `KANIM-SBY-${nik.slice(-8)}`,
              officeCode: 'KANIM-SURABAYA',
              officeRegencyCode: '3578',
              fullName: 'Budi Santoso',
              birthDate: `19${nik.slice(10, 12)}-08-15`,
              sex: 'MALE',
              declaredPurpose: 'TOURISM',
              destinationCountry: 'SG',
              passportNumber: null,
              decisionReason: null,
            },
          },
          {
            agency: 'borderCrossing' as const,
            eventTime: dayAgo,
            record: {
              nik,
              eventTime: dayAgo,
              direction: 'ARRIVAL',
              stage: 'CLEARED',
              checkpointCode: 'SUB',
              checkpointType: 'AIR',
              documentType: 'PASSPORT',
              documentNumber: `C${nik.slice(-7)}`,
              fullName: 'Budi Santoso',
              birthDate: `19${nik.slice(10, 12)}-08-15`,
              sex: 'MALE',
              countryCode: 'SG',
            },
          },
        ]),
      );
    } finally {
      await agencies.close();
    }
    const offsets = await kit().admin.topicOffsets(TOPICS.borderCrossing);
    const { partition, high } = offsets.find((entry) => BigInt(entry.high) >= 2n) as (typeof offsets)[number];
    // The crashed window began at the partition's last scan.
    const windowStart = (BigInt(high) - 1n).toString();

    // The state a crash leaves: the group stopped where the window began on the scan topic (its
    // other topics never committed), the ledgers saved, the window's alert only in the outbox.
    // A commit names the last record done, so the group resumes at the window's first record.
    const committer = kit().kafka.consumer({ groupId, autoCommit: false });
    await committer.connect();
    await committer.subscribe([TOPICS.borderCrossing], { fromBeginning: false });
    await committer.run(async () => undefined);
    await eventually(() => committer.assignment().length > 0, 'the committer to join');
    await committer.commit([
      { topic: TOPICS.borderCrossing, partition, offset: (BigInt(high) - 2n).toString() },
    ]);
    await committer.disconnect();
    const alertId = randomUUID();
    const alert: RiskAlert = {
      alertId,
      firstAlertId: alertId,
      revision: 0,
      kind: 'NEW',
      situation: 'departure:SUB:2026-11-23',
      person: {
        nik: '3201011508900001',
        fullName: 'Budi Santoso',
        birthDate: '1990-08-15',
        sex: 'MALE',
        ageYears: 36,
        originRegencyCode: '3201',
        originRegencyName: 'Kabupaten Bogor',
      },
      target: { checkpointCode: 'SUB', counterId: null, regencyCode: '3201' },
      severity: 'HIGH',
      score: 60,
      rules: [
        {
          ruleId: 'R02',
          title: 'Scam hub',
          severity: 'HIGH',
          score: 60,
          reasons: [{ text: 'test', evidence: [], messageKey: null, params: {} }],
        },
      ],
      recommendedActions: ['REFER_SECONDARY_INSPECTION'],
      ruleSetVersion: '2026.11.1',
      triggerEventId: randomUUID(),
      eventTime: Date.now(),
      alertTime: Date.now(),
      procedureVersion: null,
      exemptedRules: [],
    };
    const redis = createRedis(connections.redisUrl);
    await redis.connect();
    await redis.set(
      `waspada:{task:${partition}}:outbox`,
      JSON.stringify({ ranges: { [TOPICS.borderCrossing]: windowStart }, alerts: [alert] }),
    );
    // A state that was complete when the crash came: nothing for the processor to rebuild.
    await createStateStore(redis).markComplete({ by: 'test', rebuiltEvents: 0 });
    await redis.quit();

    const processor = await startTestProcessor(connections, groupId, instanceId);
    try {
      await waitSettled(kit(), groupId);
    } finally {
      await processor.close();
    }
    const published = (await readAlerts(kit(), new Set([alert.person.nik]))).filter(
      (entry) => entry.alert.alertId === alertId,
    );
    expect(published.map((entry) => entry.decidedBy)).toEqual([`risk-processor-${instanceId}`]);
  });
});

describe('two risk processor instances in one group', () => {
  const kit = useTestKit();

  it('split the partitions and together alert on every case once', async () => {
    const connections = await withOwnRedisDb(testConnections(), 4);
    const groupId = uniqueName('risk-pair');
    const [first, second] = [uniqueInstance('pair-a'), uniqueInstance('pair-b')];
    const a = await startTestProcessor(connections, groupId, first);
    const b = await startTestProcessor(connections, groupId, second);
    try {
      await eventually(
        () =>
          a.partitions().length > 0 &&
          b.partitions().length > 0 &&
          a.partitions().length + b.partitions().length === 6,
        'both instances to own partitions',
      );
      expect([...a.partitions(), ...b.partitions()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      const feed = simulatedFeed({
        seed: (Date.now() % 1_000_000_000) + 13,
        cases: 200,
        traffickingShare: 0.4,
      });
      const agencies = await openAgencies(connections);
      try {
        await agencies.submit(feed.events);
      } finally {
        await agencies.close();
      }
      await waitSettled(kit(), groupId);
      const published = (await readAlerts(kit(), feed.niks)).filter(
        (entry) => entry.decidedBy.endsWith(first) || entry.decidedBy.endsWith(second),
      );
      const ids = published.map((entry) => entry.alert.alertId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(published.map((entry) => entry.decidedBy)).size).toBe(2);
      expect(score(feed.truth, finalAlerts(published)).missed).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('event time, follow-ups, timers and bad records', () => {
  const kit = useTestKit();
  let connections: Connections;
  let processor: RiskProcessor;
  const groupId = uniqueName('risk-events');
  const instanceId = uniqueInstance('events');
  const DAY = 86_400_000;
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  // Working-age people from Bogor (3201), outside the border regencies; serials keep them apart.
  const nik = (serial: number) =>
    `320101150595${String(serial + (Date.now() % 9000)).padStart(4, '0')}`.slice(0, 16);

  beforeAll(async () => {
    connections = await withOwnRedisDb(testConnections(), 5);
    processor = await startTestProcessor(connections, groupId, instanceId);
  });
  afterAll(async () => {
    await processor.close();
  });

  const scan = (who: string, at: number, extra: Record<string, unknown> = {}) => ({
    agency: 'borderCrossing' as const,
    eventTime: at,
    record: {
      nik: who,
      eventTime: at,
      direction: 'DEPARTURE',
      stage: 'PRE_CLEARANCE_SCAN',
      checkpointCode: 'CGK',
      checkpointType: 'AIR',
      counterId: 'C-07',
      documentType: 'PASSPORT',
      documentNumber: `C${who.slice(-7)}`,
      fullName: 'Dewi Lestari',
      birthDate: '1995-05-15',
      sex: 'MALE',
      countryCode: 'MY',
      declaredPurpose: 'TOURISM',
      ...extra,
    },
  });

  it('resolves an alert when a late placement record explains the departure', async () => {
    const who = nik(1);
    const now = Date.now();
    const agencies = await openAgencies(connections);
    try {
      await agencies.submit([scan(who, now - 60_000)]);
      const raised = await eventuallyAlerts(new Set([who]), (alerts) => alerts.some((a) => a.kind === 'NEW'));
      expect(raised[0]?.rules.map((rule) => rule.ruleId)).toContain('R01');
      const placement = (eventType: string, at: number, extra: Record<string, unknown> = {}) => ({
        agency: 'placement' as const,
        eventTime: at,
        record: {
          nik: who,
          eventTime: at,
          eventType,
          placementId: `PMI-${who}`,
          p3miId: 'P3MI-0042',
          p3miName: 'PT Sinar Jaya Abadi',
          p3miLicenceStatus: 'ACTIVE',
          destinationCountry: 'MY',
          ...extra,
        },
      });
      // KP2MI's records arrive after the scan but happened weeks before it.
      await agencies.submit([
        placement('WORKER_REGISTERED', now - 40 * DAY),
        placement('TRAINING_COMPLETED', now - 20 * DAY),
        placement('DEPARTURE_SCHEDULED', now - 10 * DAY, {
          scheduledDepartureDate: day(now),
          departureCheckpointCode: 'CGK',
        }),
      ]);
      const alerts = await eventuallyAlerts(new Set([who]), (list) =>
        list.some((a) => a.kind === 'RESOLVED'),
      );
      const first = alerts.find((alert) => alert.kind === 'NEW');
      const resolved = alerts.find((alert) => alert.kind === 'RESOLVED');
      expect(resolved?.firstAlertId).toBe(first?.alertId);
      expect(resolved?.revision).toBe(1);
      expect(resolved?.situation).toBe(first?.situation);
    } finally {
      await agencies.close();
    }
  });

  const identityToday = (who: string) => ({
    agency: 'identity' as const,
    eventTime: Date.now() - 1_000,
    record: {
      nik: who,
      eventTime: Date.now() - 1_000,
      eventType: 'CHANGED',
      addressRegencyCode: '3201',
      changedFields: ['addressRegencyCode'],
    },
  });

  it('alerts the origin regency when a land departure has no return within the allowed stay', async () => {
    const gone = nik(2);
    const back = nik(3);
    const left = Date.now() - 40 * DAY;
    const land = {
      checkpointCode: 'PLBN-ENTIKONG',
      checkpointType: 'LAND',
      counterId: null,
      returnDate: day(left + 7 * DAY),
    };
    const agencies = await openAgencies(connections);
    try {
      await agencies.submit([
        scan(gone, left, land),
        scan(back, left, land),
        {
          agency: 'borderCrossing',
          eventTime: left + 6 * DAY,
          record: { ...scan(back, left + 6 * DAY, land).record, direction: 'ARRIVAL', stage: 'CLEARED' },
        },
        // Something today about each of them moves their partition's event time past the allowed stay.
        identityToday(gone),
        identityToday(back),
      ]);
      const alerts = await eventuallyAlerts(new Set([gone]), (list) =>
        list.some((a) => a.situation.startsWith('overstay:')),
      );
      const overstay = alerts.find((alert) => alert.situation.startsWith('overstay:'));
      // Bogor is in West Java, a region the brief names: R10 plus the origin bonus.
      expect(overstay?.rules.map((rule) => rule.ruleId)).toEqual(['R10', 'ORIGIN']);
      expect(overstay?.target).toEqual({ checkpointCode: null, counterId: null, regencyCode: '3201' });
      expect(overstay?.recommendedActions).toContain('NOTIFY_ORIGIN_REGENCY');
      await waitSettled(kit(), groupId);
      const returned = await readAlerts(kit(), new Set([back]));
      expect(returned.filter((entry) => entry.alert.situation.startsWith('overstay:'))).toEqual([]);
    } finally {
      await agencies.close();
    }
  });

  it('keeps undecodable records on the dead-letter topic with the reason and the original bytes, and goes on', async () => {
    const who = nik(4);
    const producer = kit().kafka.producer();
    await producer.connect();
    const wrongMagic = Buffer.from([7, 0, 0, 0, 1, 2, 3]);
    const unknownSchema = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 4, 6]);
    const truncated = Buffer.from([0, 0, 0, 0, 1]);
    try {
      await producer.send(
        [wrongMagic, unknownSchema, truncated].map((value) => ({ topic: TOPICS.passport, key: who, value })),
      );
    } finally {
      await producer.disconnect();
    }
    const agencies = await openAgencies(connections);
    try {
      await agencies.submit([
        scan(who, Date.now() - 1_000, { countryCode: 'KH', declaredPurpose: 'TOURISM' }),
      ]);
    } finally {
      await agencies.close();
    }
    const decode = createAvroDecoder<DeadLetterRecord>(
      kit().registry,
      compileAvroType(CONTRACTS.deadLetter.schema),
    );
    let dead: DeadLetterRecord[] = [];
    await eventually(async () => {
      const records = await readWholeTopic(kit(), TOPICS.deadLetter);
      const decoded = await Promise.all(records.map(async (record) => (await decode(record.value)).value));
      dead = decoded.filter((record) => record.sourceKey?.toString() === who);
      return dead.length >= 3;
    }, 'three dead letters for the bad records');
    const payloads = dead.map((record) => record.originalPayload?.toString('hex')).sort();
    expect(payloads).toEqual(
      [wrongMagic, unknownSchema, truncated].map((bytes) => bytes.toString('hex')).sort(),
    );
    for (const record of dead) {
      expect(record.stage).toBe('DECODE');
      expect(record.sourceTopic).toBe(TOPICS.passport);
      expect(record.errors[0]?.reason.length).toBeGreaterThan(10);
    }
    const alerts = await eventuallyAlerts(new Set([who]), (list) => list.length > 0);
    expect(alerts[0]?.rules.map((rule) => rule.ruleId)).toContain('R02');
  });

  async function eventuallyAlerts(niks: ReadonlySet<string>, done: (alerts: RiskAlert[]) => boolean) {
    let found: RiskAlert[] = [];
    await eventually(async () => {
      found = (await readAlerts(kit(), niks))
        .filter((entry) => entry.decidedBy.endsWith(instanceId))
        .map((entry) => entry.alert);
      return done(found);
    }, 'the expected alerts');
    return found;
  }
});
