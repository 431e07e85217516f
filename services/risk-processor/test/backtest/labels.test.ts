import { deskLabelsOf, parseGroundTruth } from '../../src/backtest/labels';

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
