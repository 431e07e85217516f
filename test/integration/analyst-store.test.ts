import { connectRedis, createRedis, type Redis } from '@waspada/common';
import { createAnalystStore, type AnalystStore } from '@waspada/dashboard';
import type { RiskAlert, WatchlistEvent } from '@waspada/schemas';
import { testConnections, uniqueName } from './support/clients';

/**
 * The analyst index on the real Redis, under a key prefix of this test's own: names resolved to
 * one broker however they are spelled, alerts linked to a person's entities whichever comes first,
 * a retried decision not taking the place of the first, the watchlist marking and unmarking.
 */
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 6, 0);
const RINA = '3301014506990001';
const SARI = '3301016708980002';

function alertLine(
  id: string,
  overrides: Partial<{ revision: number; eventTime: number; alertTime: number }> = {},
) {
  return {
    alertId: id,
    firstAlertId: id,
    revision: 0,
    kind: 'NEW' as RiskAlert['kind'],
    situation: `departure:PLBN-ENTIKONG:${id}`,
    severity: 'HIGH' as RiskAlert['severity'],
    score: 80,
    rules: [{ ruleId: 'R04', title: 'sponsor' }],
    checkpointCode: 'PLBN-ENTIKONG',
    ruleSetVersion: 'test',
    triggerEventId: `scan-${id}`,
    eventTime: T0,
    alertTime: T0 + 1_000,
    ...overrides,
  };
}

function watchlistEntry(active: boolean, eventTime: number): WatchlistEvent {
  return {
    eventId: uniqueName('wl'),
    eventTime,
    recordTime: eventTime,
    sourceAgency: 'POLRI',
    sourceSystem: 'SATGAS-TPPO',
    entryId: 'WL-SPONSOR-1',
    entryType: 'SPONSOR',
    name: 'Djoko Santoso',
    aliases: [],
    identifier: null,
    licenceStatus: null,
    reason: 'named in a TPPO investigation',
    active,
  };
}

describe('the analyst index on Redis', () => {
  let redis: Redis;
  let prefix: string;
  let store: AnalystStore;

  beforeAll(async () => {
    const { redisUrl } = testConnections();
    redis = createRedis(redisUrl);
    await connectRedis(redis, redisUrl);
  });
  beforeEach(() => {
    prefix = `${uniqueName('waspada:test-analyst')}:`;
    store = createAnalystStore(redis, prefix);
  });
  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });
  afterAll(() => redis.quit());

  it('takes two spellings of one sponsor for one broker, and links both travellers to it', async () => {
    await store.addMentions(RINA, T0, [{ kind: 'sponsor', key: 'Djoko Santoso', label: 'Djoko Santoso' }]);
    await store.addMentions(SARI, T0 + DAY, [
      { kind: 'sponsor', key: 'JOKO SANTOSA', label: 'JOKO SANTOSA' },
    ]);
    const [rinaEntity] = await store.personEntities(RINA);
    expect(rinaEntity).toBeDefined();
    expect(await store.personEntities(SARI)).toEqual([rinaEntity]);
    expect((await store.entityPeople(rinaEntity!, 10)).map((entry) => entry.nik)).toEqual([RINA, SARI]);
    const [info] = await store.entities([rinaEntity!]);
    expect(info?.names).toEqual(['Djoko Santoso', 'JOKO SANTOSA']);
  });

  it('links an alert to the entities of its person whichever arrives first', async () => {
    await store.addMentions(RINA, T0, [{ kind: 'booking', key: 'BK-77', label: 'BK-77' }]);
    await store.addAlert(RINA, alertLine('alert-rina'));
    await store.addAlert(SARI, alertLine('alert-sari', { eventTime: T0 + DAY }));
    await store.addMentions(SARI, T0 + DAY, [{ kind: 'booking', key: 'BK-77', label: 'BK-77' }]);
    const [booking] = await store.personEntities(RINA);
    expect(await store.entityAlertIds(booking!, 10)).toEqual(['alert-rina', 'alert-sari']);
    expect(await store.topEntities(T0, T0 + 2 * DAY, 5)).toEqual([{ id: booking, alerts: 2, people: 2 }]);
    expect(await store.topEntities(T0 + 2 * DAY, T0 + 3 * DAY, 5)).toEqual([]);
    expect(await store.nikOfAlert('alert-sari')).toBe(SARI);
  });

  it('keeps the first decision of an alert id when a retried window publishes it again later', async () => {
    await store.addAlert(RINA, alertLine('alert-1', { alertTime: T0 + 1_000 }));
    await store.addAlert(RINA, alertLine('alert-1', { alertTime: T0 + 9_000 }));
    expect((await store.personAlerts(RINA)).map((line) => line.alertTime)).toEqual([T0 + 1_000]);
    // A follow-up revision of the situation does replace the latest line.
    await store.addAlert(RINA, { ...alertLine('alert-2', { revision: 1 }), firstAlertId: 'alert-1' });
    const situations = await store.situations(['alert-1']);
    expect(situations.get('alert-1')?.line.alertId).toBe('alert-2');
  });

  it('marks a sponsor the watchlist names under another spelling, and unmarks it when withdrawn', async () => {
    await store.addMentions(RINA, T0, [{ kind: 'sponsor', key: 'Joko Santosa', label: 'Joko Santosa' }]);
    const [sponsor] = await store.personEntities(RINA);
    await store.addWatchlistEntry(watchlistEntry(true, T0));
    expect((await store.entities([sponsor!]))[0]?.watchlist.map((mark) => mark.entryId)).toEqual([
      'WL-SPONSOR-1',
    ]);
    // An older version read again changes nothing; a later withdrawal removes the mark.
    await store.addWatchlistEntry(watchlistEntry(false, T0 - DAY));
    expect((await store.entities([sponsor!]))[0]?.watchlist).toHaveLength(1);
    await store.addWatchlistEntry(watchlistEntry(false, T0 + DAY));
    expect((await store.entities([sponsor!]))[0]?.watchlist).toEqual([]);
  });

  it('writes nothing outside its prefix', async () => {
    // A NIK no other test or feed uses, so the shared Redis holds no keys of it but these.
    const nik = `3301${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    await store.addMentions(nik, T0, [{ kind: 'sponsor', key: 'Siti Aminah', label: 'Siti Aminah' }]);
    await store.addAlert(nik, alertLine(uniqueName('alert')));
    const touched = await redis.keys(`*${nik}*`);
    expect(touched.length).toBeGreaterThan(2);
    expect(touched.filter((key) => !key.startsWith(prefix))).toEqual([]);
  });
});
