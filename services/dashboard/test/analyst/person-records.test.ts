import { messageText } from '@waspada/messages';
import { ADDED_FIELD_DEFAULTS } from '@waspada/schemas';
import type { PersonEvent, PersonState } from '@waspada/risk-rules';
import {
  actionSummary,
  alertSummary,
  personTimeline,
  type ActionLine,
  type AlertLine,
} from '../../src/analyst/person-records';

const NIK = '3201015208960001';
const T = Date.parse('2026-11-20T01:00:00Z');

const crossing = {
  kind: 'crossing',
  ...ADDED_FIELD_DEFAULTS.borderCrossing(),
  eventId: 'e-crossing',
  eventTime: T,
  recordTime: T,
  sourceAgency: 'IMIGRASI',
  sourceSystem: 'SIMKIM',
  nik: NIK,
  direction: 'DEPARTURE',
  stage: 'PRE_CLEARANCE_SCAN',
  checkpointCode: 'CGK',
  checkpointType: 'AIR',
  counterId: 'C-01',
  documentType: 'PASSPORT',
  documentNumber: 'C1234567',
  fullName: 'Siti Aminah',
  birthDate: '1996-08-12',
  sex: 'FEMALE',
  countryCode: 'KH',
  transitCountries: [],
  carrier: null,
  flightOrVessel: null,
  declaredPurpose: 'TOURISM',
  returnDate: null,
  bookingReference: null,
  groupReference: null,
  travelOrganizerLicence: null,
  sponsor: null,
} as PersonEvent;

const identity = {
  kind: 'identity',
  ...ADDED_FIELD_DEFAULTS.identity(),
  eventId: 'e-identity',
  eventTime: T - 86_400_000,
  recordTime: T,
  sourceAgency: 'DUKCAPIL',
  sourceSystem: 'SIAK',
  nik: NIK,
  eventType: 'SNAPSHOT',
  fullName: 'Siti Aminah',
  birthDate: '1996-08-12',
  sex: 'FEMALE',
  birthPlace: 'Bogor',
  addressRegencyCode: '3201',
  changedFields: [],
  duplicateOfNik: null,
} as PersonEvent;

const state: PersonState = { nik: NIK, history: [identity, crossing], ledger: {} };

const alert = (revision: number, alertId: string): AlertLine => ({
  alertId,
  firstAlertId: 'a-0',
  revision,
  kind: revision === 0 ? 'NEW' : 'ESCALATED',
  situation: 'departure:CGK:2026-11-20',
  severity: revision === 0 ? 'HIGH' : 'CRITICAL',
  score: 60 + revision * 20,
  rules: [{ ruleId: 'R02', title: 'scam-hub destination' }],
  checkpointCode: 'CGK',
  ruleSetVersion: '2026.11.1',
  triggerEventId: 'e-crossing',
  eventTime: T,
  alertTime: T + 40,
});

const action: ActionLine = {
  actionId: 'act-1',
  alertId: 'a-0',
  firstAlertId: 'a-0',
  checkpointCode: 'CGK',
  deskId: 'cgk-1',
  officerId: 'IMI-0042',
  action: 'REFERRED',
  reason: null,
  severity: 'HIGH',
  actionTime: T + 120_000,
};

describe('personTimeline', () => {
  it('puts alerts after the scan that raised them, follow-ups in revision order, desk actions at their time', () => {
    const timeline = personTimeline({
      nik: NIK,
      state,
      alerts: [alert(1, 'a-1'), alert(0, 'a-0')],
      actions: [action],
      unmask: true,
    });
    expect(timeline.events.map((event) => [event.eventId, event.agency, event.kind])).toEqual([
      ['e-identity', 'DUKCAPIL', 'identity'],
      ['e-crossing', 'IMIGRASI', 'crossing'],
      ['a-0', 'WASPADA', 'alert'],
      ['a-1', 'WASPADA', 'alert'],
      ['act-1', 'IMIGRASI', 'desk-action'],
    ]);
    expect(timeline.events[4]?.alertId).toBe('a-0');
  });

  it('masks the NIK and hides the birth date unless the viewer may see them', () => {
    const masked = personTimeline({ nik: NIK, state, alerts: [], actions: [], unmask: false });
    expect(masked).toMatchObject({ nik: '3201**********01', nikMasked: true });
    expect(masked.identity).toMatchObject({ fullName: 'Siti Aminah', birthDate: null });
    expect(JSON.stringify(masked)).not.toContain(NIK);
    // Even where an agency put the NIK into an id.
    const withReport = personTimeline({
      nik: NIK,
      state: {
        ...state,
        ledger: {
          [`report:PWNI-${NIK}`]: {
            firstAlertId: 'a-9',
            revision: 0,
            severity: 'HIGH',
            score: 70,
            ruleIds: ['R11'],
            resolved: false,
          },
        },
      },
      alerts: [{ ...alert(0, 'a-9'), situation: `report:PWNI-${NIK}` }],
      actions: [],
      unmask: false,
    });
    expect(JSON.stringify(withReport)).not.toContain(NIK);
    const full = personTimeline({ nik: NIK, state, alerts: [], actions: [], unmask: true });
    expect(full).toMatchObject({ nik: NIK, nikMasked: false, identity: { birthDate: '1996-08-12' } });
  });

  it('shows the alerts and actions of a person the processor keeps no state of', () => {
    const timeline = personTimeline({
      nik: NIK,
      state: undefined,
      alerts: [alert(0, 'a-0')],
      actions: [],
      unmask: false,
    });
    expect(timeline.identity).toBeNull();
    expect(timeline.events.map((event) => event.eventId)).toEqual(['a-0']);
  });
});

describe('summaries', () => {
  it('say what an alert and a follow-up are, in either language', () => {
    expect(messageText(alertSummary(alert(0, 'a-0')))).toBe(
      'peringatan Tinggi, skor 60, situasi departure:CGK:2026-11-20, aturan R02 Tujuan pusat penipuan daring, set aturan 2026.11.1',
    );
    expect(messageText(alertSummary(alert(0, 'a-0')), 'en')).toBe(
      'alert High, score 60, situation departure:CGK:2026-11-20, rules R02 Online-scam hub destination, rule set 2026.11.1',
    );
    expect(messageText(alertSummary(alert(1, 'a-1')), 'en')).toMatch(
      /^follow-up 1 \(Escalated\) of alert a-0: Critical, score 80/,
    );
  });

  it('say which desk and officer did what, and why', () => {
    const parts = actionSummary({ ...action, action: 'DISMISSED', reason: 'group tour, documents in order' });
    expect(messageText(parts, 'en')).toBe(
      'desk cgk-1 at CGK, officer IMI-0042, alert a-0: Dismissed, reason: group tour, documents in order',
    );
    expect(messageText(parts)).toBe(
      'meja cgk-1 di CGK, petugas IMI-0042, peringatan a-0: Diabaikan, alasan: group tour, documents in order',
    );
  });

  it('masks a NIK in the values of the parts as in the text', () => {
    const timeline = personTimeline({
      nik: NIK,
      state: undefined,
      alerts: [{ ...alert(0, 'a-9'), situation: `report:PWNI-${NIK}` }],
      actions: [],
      unmask: false,
    });
    expect(timeline.events[0]?.summaryParts[1]?.params).toEqual({
      situation: 'report:PWNI-3201**********01',
    });
    expect(timeline.events[0]?.summary).toContain('situasi report:PWNI-3201**********01');
  });
});
