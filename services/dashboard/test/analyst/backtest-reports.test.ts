import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBacktestReports, readBacktestReport } from '../../src/analyst/backtest-reports';

const matrix = (precision: number | null, recall: number | null) => ({
  truePositives: 1,
  falsePositives: 1,
  falseNegatives: 0,
  trueNegatives: 2,
  precision,
  recall,
});

/** The head of a report as the backtest command writes it (the rest is passed through untouched). */
const report = (id: string, createdAt: string) => ({
  format: 'waspada-backtest/1',
  id,
  createdAt,
  ruleSet: { version: '2026.11.1', file: 'rules.json' },
  period: { from: '2026-10-05T00:00:00.000Z', to: '2026-10-12T00:00:00.000Z' },
  input: { records: 27 },
  throughput: { eventsPerSecond: 900, seconds: { read: 1, judge: 1, total: 2 } },
  situations: { judged: 7, alerted: 5 },
  desk: { labelled: 6, alertedUnlabelled: 1, overall: matrix(0.5, 2 / 3) },
  groundTruth: null,
  rules: [],
  review: [{ ruleId: 'R01', reasons: ['fires too often'] }],
});

describe('backtest reports', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'waspada-backtests-'));
    writeFileSync(join(directory, 'old.json'), JSON.stringify(report('old', '2026-11-01T10:00:00.000Z')));
    writeFileSync(join(directory, 'new.json'), JSON.stringify(report('new', '2026-11-02T10:00:00.000Z')));
    writeFileSync(join(directory, 'new.md'), '# the markdown twin is not listed');
    writeFileSync(join(directory, 'broken.json'), '{"format":');
    writeFileSync(join(directory, 'other.json'), JSON.stringify({ format: 'something-else' }));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('lists the reports newest first with their headline figures, and names the files it skipped', () => {
    const { reports, skipped } = listBacktestReports(directory);
    expect(reports.map((entry) => entry.id)).toEqual(['new', 'old']);
    expect(reports[0]).toEqual({
      id: 'new',
      createdAt: '2026-11-02T10:00:00.000Z',
      ruleSetVersion: '2026.11.1',
      from: '2026-10-05T00:00:00.000Z',
      to: '2026-10-12T00:00:00.000Z',
      records: 27,
      eventsPerSecond: 900,
      judged: 7,
      alerted: 5,
      desk: { labelled: 6, ...matrix(0.5, 2 / 3) },
      groundTruth: null,
      review: ['R01'],
    });
    expect(skipped.map((entry) => entry.file).sort()).toEqual(['broken.json', 'other.json']);
    expect(skipped.find((entry) => entry.file === 'other.json')?.reason).toBe(
      'not a backtest report of format waspada-backtest/1',
    );
  });

  it('has no reports before the first backtest', () => {
    expect(listBacktestReports(join(directory, 'missing'))).toEqual({ reports: [], skipped: [] });
  });

  it('serves one report whole, and refuses an id that could leave the directory', () => {
    expect(readBacktestReport(directory, 'old')).toEqual({
      ok: true,
      report: report('old', '2026-11-01T10:00:00.000Z'),
    });
    expect(readBacktestReport(directory, '../old')).toMatchObject({ ok: false, status: 400 });
    expect(readBacktestReport(directory, 'nothing')).toEqual({
      ok: false,
      status: 404,
      error: 'no backtest report nothing',
    });
    expect(readBacktestReport(directory, 'other')).toMatchObject({ ok: false, status: 404 });
    expect(readBacktestReport(directory, 'broken')).toMatchObject({
      ok: false,
      status: 404,
      error: expect.stringContaining('broken.json is not JSON') as unknown,
    });
  });
});
