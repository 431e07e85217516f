import type { EntityInfo } from '../../src/analyst/analyst-index-reader';
import { entityGraph, latestAlertOf, personGraph } from '../../src/analyst/network-graph';
import type { AlertLine } from '../../src/analyst/person-records';
import { createPersonRefs, PERSON_REF_SHAPE } from '../../src/analyst/person-refs';

const T = Date.parse('2026-11-20T01:00:00Z');
const NIKS = ['3201015208960001', '3201015208960002', '3201015208960003'] as const;

const line = (alertId: string, eventTime: number, revision = 0): AlertLine =>
  ({
    alertId,
    firstAlertId: alertId,
    revision,
    kind: revision === 0 ? 'NEW' : 'ESCALATED',
    severity: 'HIGH',
    score: 70,
    situation: `departure:CGK:${alertId}`,
    rules: [{ ruleId: 'R02', title: 'route through a scam-compound area' }],
    checkpointCode: 'CGK',
    ruleSetVersion: '2026.12.1',
    triggerEventId: `e-${alertId}`,
    eventTime,
    alertTime: eventTime + 1_000,
  }) satisfies AlertLine;

const sponsor: EntityInfo = {
  id: 'sponsor:DJOKO SANTOSO',
  kind: 'sponsor',
  label: 'Djoko Santoso',
  names: ['Djoko Santoso', 'H. Joko Santosa'],
  watchlist: [{ entryId: 'WL-1', entryType: 'RECRUITER', name: 'Djoko Santoso', reason: 'named by victims' }],
};
const booking: EntityInfo = {
  id: 'booking:PNR123',
  kind: 'booking',
  label: 'PNR123',
  names: [],
  watchlist: [],
};

describe('latestAlertOf', () => {
  it('takes the latest event time, then the highest revision of it', () => {
    expect(latestAlertOf([])).toBeUndefined();
    expect(latestAlertOf([line('a', T), line('b', T + 5), line('c', T - 5)])?.alertId).toBe('b');
    expect(latestAlertOf([line('a-1', T, 1), line('a-0', T, 0)])?.alertId).toBe('a-1');
  });
});

describe('the network graph', () => {
  it('draws an entity with the people linked to it, each by ref and masked NIK, never the NIK', () => {
    const refs = createPersonRefs();
    const graph = entityGraph({
      entity: { info: sponsor, people: 3 },
      people: [
        { nik: NIKS[0], time: T, alerts: [line('a1', T), line('a2', T + 60_000)] },
        { nik: NIKS[1], time: T + 1_000, alerts: [] },
      ],
      refOf: refs.refOf,
    });
    expect(graph.centre).toBe(sponsor.id);
    expect(graph.truncated).toBe(true);
    expect(graph.nodes[0]).toEqual({
      id: sponsor.id,
      kind: 'sponsor',
      label: 'Djoko Santoso',
      names: sponsor.names,
      watchlisted: true,
      people: 3,
    });
    const [first, second] = graph.nodes.slice(1);
    const ref = refs.refOf(NIKS[0]);
    expect(first).toEqual({
      id: `person:${ref}`,
      kind: 'person',
      ref,
      nik: '3201**********01',
      label: '3201**********01',
      latestAlert: {
        alertId: 'a2',
        severity: 'HIGH',
        situation: 'departure:CGK:a2',
        eventTime: new Date(T + 60_000).toISOString(),
        href: '/analyst/person?alert=a2',
      },
    });
    expect(second).toMatchObject({ kind: 'person', latestAlert: null });
    expect(graph.edges).toEqual([
      {
        id: `${first?.id}|${sponsor.id}`,
        source: first?.id,
        target: sponsor.id,
        since: new Date(T).toISOString(),
      },
      {
        id: `${second?.id}|${sponsor.id}`,
        source: second?.id,
        target: sponsor.id,
        since: new Date(T + 1_000).toISOString(),
      },
    ]);
    const text = JSON.stringify(graph);
    for (const nik of NIKS) expect(text).not.toContain(nik);
  });

  it('draws a person with their entities, edges from the person, and the alert asked for', () => {
    const refs = createPersonRefs();
    const graph = personGraph({
      person: { nik: NIKS[2], alerts: [line('a3', T)] },
      entities: [
        { info: sponsor, people: 3, time: T },
        { info: booking, people: 1, time: T + 1 },
      ],
      refOf: refs.refOf,
      alertId: 'a3',
    });
    const centre = `person:${refs.refOf(NIKS[2])}`;
    expect(graph).toMatchObject({ centre, alertId: 'a3', truncated: false });
    expect(graph.nodes.map((node) => node.id)).toEqual([centre, sponsor.id, booking.id]);
    expect(graph.edges.map((edge) => [edge.source, edge.target])).toEqual([
      [centre, sponsor.id],
      [centre, booking.id],
    ]);
    expect(graph.nodes[2]).toMatchObject({ kind: 'booking', watchlisted: false, people: 1 });
    expect(JSON.stringify(graph)).not.toContain(NIKS[2]);
  });
});

describe('person refs', () => {
  it('gives one NIK the same ref and turns a ref it gave back into its NIK', () => {
    const refs = createPersonRefs();
    const ref = refs.refOf(NIKS[0]);
    expect(ref).toMatch(PERSON_REF_SHAPE);
    expect(refs.refOf(NIKS[0])).toBe(ref);
    expect(refs.refOf(NIKS[1])).not.toBe(ref);
    expect(refs.nikOf(ref)).toBe(NIKS[0]);
    expect(refs.nikOf('A'.repeat(43))).toBeUndefined();
  });

  it('gives different refs under another key, so a ref means nothing to another process', () => {
    expect(createPersonRefs().refOf(NIKS[0])).not.toBe(createPersonRefs().refOf(NIKS[0]));
    const key = Buffer.alloc(32, 7);
    expect(createPersonRefs({ key }).refOf(NIKS[0])).toBe(createPersonRefs({ key }).refOf(NIKS[0]));
  });

  it('forgets the least recently used ref past its limit', () => {
    const refs = createPersonRefs({ limit: 2 });
    const [a, b] = [refs.refOf(NIKS[0]), refs.refOf(NIKS[1])];
    expect(refs.nikOf(a)).toBe(NIKS[0]); // a is now the most recently used
    refs.refOf(NIKS[2]);
    expect(refs.nikOf(b)).toBeUndefined();
    expect(refs.nikOf(a)).toBe(NIKS[0]);
  });
});
