import {
  BacktestUsageError,
  DEFAULT_BACKTEST_DIR,
  parseBacktestArgs,
} from '../../src/backtest/backtest-command';

const base = ['--ruleset', 'rules.json', '--from', '2026-11-01', '--to', '2026-11-08T00:00:00Z'];

describe('parseBacktestArgs', () => {
  it('reads the period, resolves paths against the working directory and applies defaults', () => {
    expect(parseBacktestArgs([...base, '--ground-truth', 'truth.ndjson'], '/work')).toEqual({
      ruleSet: '/work/rules.json',
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: Date.parse('2026-11-08T00:00:00Z'),
      groundTruthFile: '/work/truth.ndjson',
      outDir: DEFAULT_BACKTEST_DIR,
      thresholds: { maxFireShare: 0.1, maxDismissShare: 0.5, minDeskLabelled: 3 },
    });
  });

  it('takes the review thresholds and the report directory', () => {
    const args = parseBacktestArgs(
      [
        ...base,
        '--out',
        'reports',
        '--max-fire-share',
        '0.25',
        '--max-dismiss-share',
        '0.8',
        '--min-desk-labelled',
        '10',
      ],
      '/work',
    );
    expect(args.outDir).toBe('/work/reports');
    expect(args.thresholds).toEqual({ maxFireShare: 0.25, maxDismissShare: 0.8, minDeskLabelled: 10 });
  });

  it('takes a rule-set version, to be read from the rule-changes topic, when no file has that name', () => {
    expect(parseBacktestArgs(['--ruleset', '2026.11.2', ...base.slice(2)], '/work').ruleSet).toBe(
      '2026.11.2',
    );
  });

  it.each([
    [['--from', '2026-11-01', '--to', '2026-11-02'], '--ruleset is required'],
    [['--ruleset', 'r.json', '--to', '2026-11-02'], '--from is required'],
    [
      ['--ruleset', 'r.json', '--from', 'last week', '--to', '2026-11-02'],
      '--from last week: not an ISO time',
    ],
    [['--ruleset', 'r.json', '--from', '2026-11-01T00:00:00', '--to', '2026-11-02'], 'not an ISO time'],
    [['--ruleset', 'r.json', '--from', '2026-11-02', '--to', '2026-11-01'], 'must be before --to'],
    [[...base, '--max-fire-share', '15'], '--max-fire-share 15: must be a share between 0 and 1'],
    [[...base, '--min-desk-labelled', '0'], '--min-desk-labelled 0: must be a whole number'],
    [[...base, '--form', 'x'], "Unknown option '--form'"],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseBacktestArgs(argv, '/work')).toThrow(BacktestUsageError);
    expect(() => parseBacktestArgs(argv, '/work')).toThrow(message);
  });
});
