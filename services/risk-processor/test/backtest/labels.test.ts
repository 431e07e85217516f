import type { CaseTypes } from '@waspada/schemas';
import { deskLabelsOf, labelsWithCaseOutcomes, parseGroundTruth } from '../../src/backtest/labels';

describe('deskLabelsOf', () => {
  it('takes the last referral or dismissal of a situation and ignores acknowledgements', () => {
    const labels = deskLabelsOf([
      { firstAlertId: 'a', action: 'ACKNOWLEDGED', actionTime: 1 },
      { firstAlertId: 'a', action: 'DISMISSED', actionTime: 2 },
      { firstAlertId: 'a', action: 'REFERRED', actionTime: 3 },
      { firstAlertId: 'b', action: 'REFERRED', actionTime: 5 },
      // Read out of time order: the later dismissal still wins.
      { firstAlertId: 'b', action: 'DISMISSED', actionTime: 6 },
      { firstAlertId: 'b', action: 'ACKNOWLEDGED', actionTime: 7 },
      { firstAlertId: 'c', action: 'ACKNOWLEDGED', actionTime: 1 },
    ]);
    expect(labels).toEqual(
      new Map([
        ['a', 'REFERRED'],
        ['b', 'DISMISSED'],
      ]),
    );
  });
});

describe('parseGroundTruth', () => {
  const line = (nik: string, trafficking: boolean, scenario = 'scam-hub') =>
    JSON.stringify({ caseId: 'S1-C000001', nik, scenario, trafficking });

  it('reads one person a line, a case if any of their lines says so', () => {
    const truth = parseGroundTruth(
      [
        line('3201010101900001', false, 'tourist-with-return'),
        '',
        line('3201010101900001', true, 'recruited-group'),
        line('3201010101900002', false),
      ].join('\n'),
      'truth.ndjson',
    );
    expect(truth.get('3201010101900001')).toEqual({ trafficking: true, scenario: 'recruited-group' });
    expect(truth.get('3201010101900002')).toEqual({ trafficking: false, scenario: 'scam-hub' });
  });

  it('refuses a line whose NIK is not 16 digits, naming the line and the field', () => {
    expect(() =>
      parseGroundTruth(`${line('3201010101900001', true)}\n${line('12345', true)}`, 'truth.ndjson'),
    ).toThrow('truth.ndjson line 2: field nik must be 16 digits');
  });

  it('refuses a line that is not JSON', () => {
    expect(() => parseGroundTruth('{"nik":', 'truth.ndjson')).toThrow(/truth\.ndjson line 1: not JSON/);
  });
});

describe('labelsWithCaseOutcomes', () => {
  const closed = (caseId: string, firstAlertId: string, outcome: CaseTypes.CaseOutcome, eventTime: number) =>
    ({ caseId, firstAlertId, change: 'CLOSED', outcome, eventTime }) as const;

  it('lays closed cases over the desk labels: confirmed or prevented as a referral, cleared as a dismissal', () => {
    const desk = new Map([
      ['a', 'DISMISSED' as const],
      ['b', 'REFERRED' as const],
      ['c', 'REFERRED' as const],
    ]);
    const { labels, outcomes } = labelsWithCaseOutcomes(desk, [
      closed('case-a', 'a', 'TRAFFICKING_CONFIRMED', 10),
      closed('case-b', 'b', 'CLEARED_LEGITIMATE', 10),
      closed('case-d', 'd', 'NON_PROCEDURAL_DEPARTURE_PREVENTED', 10),
      { caseId: 'case-c', firstAlertId: 'c', change: 'NOTE_ADDED', outcome: null, eventTime: 11 },
    ]);
    expect(labels).toEqual(
      new Map([
        ['a', 'REFERRED'],
        ['b', 'DISMISSED'],
        ['c', 'REFERRED'],
        ['d', 'REFERRED'],
      ]),
    );
    expect(outcomes).toBe(3);
    // The desks' own map is left as it was.
    expect(desk.get('a')).toBe('DISMISSED');
  });

  it('counts the first closing of a case in topic order, as the case fold does, whatever the clocks say', () => {
    const { labels, outcomes } = labelsWithCaseOutcomes(new Map(), [
      closed('case-a', 'a', 'CLEARED_LEGITIMATE', 20),
      closed('case-a', 'a', 'TRAFFICKING_CONFIRMED', 10),
    ]);
    expect(labels.get('a')).toBe('DISMISSED');
    expect(outcomes).toBe(1);
  });
});
