import { CATALOGUES, messageText } from '@waspada/messages';
import { timelineOf, type PersonEvent } from '@waspada/risk-rules';
import {
  departureScan,
  EVENT_IDS,
  identitySnapshot,
  NIK,
  passportIssued,
  passportRefused,
  personState,
  placementCancelled,
  reportAbroad,
} from './fixtures';

/** A line in Bahasa Indonesia as the server writes it, and in English as a page reads its parts. */
const summaryOf = (event: PersonEvent) => {
  const line = timelineOf({ nik: NIK, history: [event], ledger: {} }).events[0];
  return { id: line?.summary, en: messageText(line?.summaryParts ?? [], 'en') };
};

describe('timelineOf', () => {
  it('lists the events in the order of the history, with agency, kind and ISO event time', () => {
    const timeline = timelineOf(personState());
    expect(timeline.nik).toBe(NIK);
    expect(
      timeline.events.map(({ eventId, agency, kind, eventTime }) => ({ eventId, agency, kind, eventTime })),
    ).toEqual([
      {
        eventId: EVENT_IDS.identity,
        agency: 'DUKCAPIL',
        kind: 'identity',
        eventTime: '2025-10-16T01:12:00.000Z',
      },
      {
        eventId: EVENT_IDS.placement,
        agency: 'KP2MI',
        kind: 'placement',
        eventTime: '2026-10-21T01:12:00.000Z',
      },
      {
        eventId: EVENT_IDS.passport,
        agency: 'IMIGRASI',
        kind: 'passport',
        eventTime: '2026-11-11T01:12:00.000Z',
      },
      {
        eventId: EVENT_IDS.crossing,
        agency: 'IMIGRASI',
        kind: 'crossing',
        eventTime: '2026-11-20T01:12:00.000Z',
      },
      { eventId: EVENT_IDS.abroad, agency: 'KEMLU', kind: 'abroad', eventTime: '2027-01-04T01:12:00.000Z' },
    ]);
  });

  it('shows the history as the processor keeps it, without sorting it again', () => {
    const state = personState();
    state.history.reverse();
    expect(timelineOf(state).events.map((event) => event.eventId)).toEqual(
      state.history.map((event) => event.eventId),
    );
  });

  it('gives an empty timeline for a person with no history', () => {
    expect(timelineOf({ nik: NIK, history: [], ledger: {} })).toEqual({
      nik: NIK,
      events: [],
      situations: [],
    });
  });

  it('lists each situation of the ledger with its severity, rules and whether it is resolved', () => {
    expect(timelineOf(personState()).situations).toEqual([
      {
        situation: 'departure:PLBN-ENTIKONG:2026-11-20',
        severity: 'CRITICAL',
        resolved: false,
        ruleIds: ['R10', 'R04', 'R01', 'R09'],
      },
      { situation: 'report:KBRI-KUL-2027-0117', severity: 'LOW', resolved: true, ruleIds: [] },
    ]);
  });

  describe('summaries', () => {
    it('name the passport office, the passport, the destination and the purpose', () => {
      expect(summaryOf(passportIssued)).toEqual({
        id: 'paspor diterbitkan di kantor KANIM-BOGOR, paspor E8123456, tujuan MY, keperluan mengunjungi keluarga',
        en: 'passport issued at office KANIM-BOGOR, passport E8123456, destination MY, purpose a family visit',
      });
    });

    it('give the reason of a refused passport in words', () => {
      expect(summaryOf(passportRefused)).toEqual({
        id: 'paspor ditolak di kantor KANIM-BOGOR, tujuan MY, keperluan bekerja, alasan dugaan bekerja nonprosedural',
        en: 'passport refused at office KANIM-BOGOR, destination MY, purpose work, reason suspected non-procedural work',
      });
    });

    it('name the checkpoint, the counter, the country, the purpose, the missing return and the sponsor of a departure', () => {
      expect(summaryOf(departureScan)).toEqual({
        id: 'pindai keberangkatan sebelum pemeriksaan di PLBN-ENTIKONG, konter ENT-DEP-03, ke MY, menyatakan wisata, tanpa tiket pulang, sponsor ABDUL RAHMAN',
        en: 'departure scan before clearance at PLBN-ENTIKONG, counter ENT-DEP-03, to MY, declared tourism, no return booking, sponsor ABDUL RAHMAN',
      });
    });

    it('give the return date of a departure that has one', () => {
      expect(summaryOf({ ...departureScan, returnDate: '2026-11-27', sponsor: null }).en).toBe(
        'departure scan before clearance at PLBN-ENTIKONG, counter ENT-DEP-03, to MY, declared tourism, return 2026-11-27',
      );
    });

    it('say where an arrival came from, and no counter or return booking it does not have', () => {
      const arrival: PersonEvent = {
        ...departureScan,
        direction: 'ARRIVAL',
        stage: 'CLEARED',
        counterId: null,
        declaredPurpose: null,
        sponsor: null,
      };
      expect(summaryOf(arrival)).toEqual({
        id: 'kedatangan disetujui di PLBN-ENTIKONG, dari MY',
        en: 'arrival cleared at PLBN-ENTIKONG, from MY',
      });
    });

    it('name the placement id, its step, the company and the destination', () => {
      expect(summaryOf(placementCancelled)).toEqual({
        id: 'penempatan PL-2026-004512: dibatalkan, PT Sinar Jaya Abadi, ke MY',
        en: 'placement PL-2026-004512: cancelled, PT Sinar Jaya Abadi, to MY',
      });
    });

    it('name the Dukcapil event', () => {
      expect(summaryOf(identitySnapshot)).toEqual({ id: 'Dukcapil: data terkini', en: 'Dukcapil: snapshot' });
    });

    it('name the report, the country and city, the category and the case status of a report abroad', () => {
      expect(summaryOf(reportAbroad)).toEqual({
        id: 'laporan KBRI-KUL-2027-0117 dari MY (Kuching): gaji tidak dibayar, terbuka',
        en: 'report KBRI-KUL-2027-0117 from MY (Kuching): unpaid wages, open',
      });
      expect(summaryOf({ ...reportAbroad, city: null, caseStatus: 'CLOSED' }).en).toBe(
        'report KBRI-KUL-2027-0117 from MY: unpaid wages, closed',
      );
    });

    it('gives every line as catalogue keys with the values each key names, for the page to read', () => {
      const events = [
        passportIssued,
        passportRefused,
        departureScan,
        placementCancelled,
        identitySnapshot,
        reportAbroad,
      ];
      const catalogue: Readonly<Record<string, string>> = CATALOGUES.en;
      for (const event of events) {
        const line = timelineOf({ nik: NIK, history: [event], ledger: {} }).events[0];
        for (const part of line?.summaryParts ?? []) expect(catalogue[part.key]).toBeDefined();
        expect(messageText(line?.summaryParts ?? [], 'en')).not.toMatch(/\{[A-Za-z]+\}/);
      }
    });
  });
});
