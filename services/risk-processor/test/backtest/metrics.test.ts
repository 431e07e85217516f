import {
  confusionOf,
  evaluateAgainstDesks,
  evaluateAgainstTruth,
  reviewList,
  ruleActivity,
  scenarioOutcomes,
  type DeskLabel,
  type SituationOutcome,
  type TruthLabel,
} from '../../src/backtest/metrics';

const RULES = ['R01', 'R02', 'R07'];

function situation(nik: string, key: string, alerted: boolean, rules: string[]): SituationOutcome {
  return { nik, key, firstAlertId: `${nik}/${key}`, time: 0, alerted, rules };
}

/**
 * Six people. A has two situations (one alerted on R01 + R02, one quiet); B and F were alerted on
 * R01; C on R02; D and E not at all.
 */
const situations: SituationOutcome[] = [
  situation('A', 'departure:CGK:2026-11-20', true, ['R01', 'R02']),
  situation('A', 'documents', false, []),
  situation('B', 'departure:CGK:2026-11-21', true, ['R01']),
  situation('C', 'departure:DPS:2026-11-21', true, ['R02']),
  situation('D', 'departure:SUB:2026-11-22', false, []),
  situation('E', 'departure:KNO:2026-11-22', false, []),
  situation('F', 'departure:CGK:2026-11-23', true, ['R01']),
];

/** Desks referred A's and D's departures, dismissed B's, E's and F's; C's was only acknowledged. */
const desk = new Map<string, DeskLabel>([
  ['A/departure:CGK:2026-11-20', 'REFERRED'],
  ['B/departure:CGK:2026-11-21', 'DISMISSED'],
  ['D/departure:SUB:2026-11-22', 'REFERRED'],
  ['E/departure:KNO:2026-11-22', 'DISMISSED'],
  ['F/departure:CGK:2026-11-23', 'DISMISSED'],
]);

/** A, C and D are trafficking cases, B and E are not; F is not in the ground truth. */
const truth = new Map<string, TruthLabel>([
  ['A', { trafficking: true, scenario: 'scam-hub' }],
  ['B', { trafficking: false, scenario: 'tourist-with-return' }],
  ['C', { trafficking: true, scenario: 'scam-hub' }],
  ['D', { trafficking: true, scenario: 'land-route' }],
  ['E', { trafficking: false, scenario: 'tourist-with-return' }],
]);

describe('confusionOf', () => {
  it('counts each cell and derives precision and recall', () => {
    expect(
      confusionOf([
        { predicted: true, actual: true },
        { predicted: true, actual: false },
        { predicted: true, actual: false },
        { predicted: false, actual: true },
        { predicted: false, actual: false },
      ]),
    ).toEqual({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 1,
      trueNegatives: 1,
      precision: 1 / 3,
      recall: 1 / 2,
    });
  });

  it('has no precision without an alert and no recall without a positive', () => {
    const matrix = confusionOf([{ predicted: false, actual: false }]);
    expect(matrix.precision).toBeNull();
    expect(matrix.recall).toBeNull();
  });
});

describe('evaluateAgainstDesks', () => {
  const result = evaluateAgainstDesks(situations, desk, RULES);

  it('leaves acknowledged-only and unacted situations unlabelled', () => {
    // Labelled: A's departure, B, D, E, F. Alerted but unlabelled: C.
    expect(result.labelled).toBe(5);
    expect(result.alertedUnlabelled).toBe(1);
  });

  it('scores the alerts overall: A is a TP, B and F FPs, D a FN, E a TN', () => {
    expect(result.overall).toMatchObject({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(result.overall.precision).toBeCloseTo(1 / 3);
    expect(result.overall.recall).toBeCloseTo(1 / 2);
  });

  it('attributes each alert to every rule that fired on it', () => {
    // R01 fired on A (referred), B and F (dismissed); D's referral is a miss; E a TN.
    expect(result.rules.R01).toMatchObject({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    // R02 fired on A (referred) and C (unlabelled); D is a miss; B, E and F are TNs for it.
    expect(result.rules.R02).toMatchObject({
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 1,
      trueNegatives: 3,
      precision: 1,
      recall: 0.5,
    });
    // R07 never fired: no precision, recall 0 of the two referrals.
    expect(result.rules.R07).toMatchObject({
      truePositives: 0,
      falseNegatives: 2,
      precision: null,
      recall: 0,
    });
  });
});

describe('evaluateAgainstTruth', () => {
  const result = evaluateAgainstTruth(situations, truth, RULES);

  it('judges people: alerted when any of their situations was', () => {
    // A (case, alerted) TP; B (not, alerted) FP; C (case, alerted) TP; D (case, quiet) FN; E TN.
    expect(result.overall).toMatchObject({
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(result.labelled).toBe(5);
    // F was alerted but is not in the ground truth.
    expect(result.alertedUnlabelled).toBe(1);
  });

  it('scores each rule on the people it fired on', () => {
    // R01 fired on A (case) and B (not): TP 1, FP 1; cases C and D it missed; E a TN.
    expect(result.rules.R01).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 2,
      trueNegatives: 1,
    });
    expect(result.rules.R01?.recall).toBeCloseTo(1 / 3);
    // R02 fired on A and C, both cases: precision 1, recall 2 of 3.
    expect(result.rules.R02?.precision).toBe(1);
    expect(result.rules.R02?.recall).toBeCloseTo(2 / 3);
  });

  it('counts people alerted per scenario', () => {
    expect(scenarioOutcomes(situations, truth)).toEqual([
      { scenario: 'land-route', trafficking: true, people: 1, alerted: 0 },
      { scenario: 'scam-hub', trafficking: true, people: 2, alerted: 2 },
      { scenario: 'tourist-with-return', trafficking: false, people: 2, alerted: 1 },
    ]);
  });
});

describe('reviewList', () => {
  const activity = ruleActivity(situations, RULES);
  const desks = evaluateAgainstDesks(situations, desk, RULES);

  it('measures each rule against every judged situation', () => {
    expect(activity).toEqual([
      { ruleId: 'R01', fired: 3, fireShare: 3 / 7 },
      { ruleId: 'R02', fired: 2, fireShare: 2 / 7 },
      { ruleId: 'R07', fired: 0, fireShare: 0 },
    ]);
  });

  it('lists a rule that fires too often and one whose alerts desks mostly dismiss, with the figures', () => {
    const list = reviewList(activity, desks, { maxFireShare: 0.4, maxDismissShare: 0.5, minDeskLabelled: 3 });
    // R01: 3 of 7 situations (42.9%) is above 40%; desks dismissed 2 of its 3 labelled alerts.
    // R02: 28.6% is below 40%, and 1 labelled alert is too few to judge.
    expect(list).toEqual([
      {
        ruleId: 'R01',
        fireShare: 3 / 7,
        deskLabelled: 3,
        dismissed: 2,
        reasonParts: [
          {
            key: 'analyst.backtests.reviewFires',
            params: { share: '42.9%', count: '3', limit: '40.0%' },
          },
          {
            key: 'analyst.backtests.reviewDismissed',
            params: { dismissed: '2', labelled: '3', share: '66.7%', limit: '50.0%' },
          },
        ],
        reasons: [
          'terpicu pada 42.9% situasi yang dinilai (3), di atas batas 40.0%',
          'meja mengabaikan 2 dari 3 peringatannya yang berlabel (66.7%), di atas batas 50.0%',
        ],
      },
    ]);
  });

  it('needs enough desk-labelled alerts before it calls a rule mostly dismissed', () => {
    const list = reviewList(activity, desks, { maxFireShare: 0.9, maxDismissShare: 0.5, minDeskLabelled: 4 });
    expect(list).toEqual([]);
  });
});
