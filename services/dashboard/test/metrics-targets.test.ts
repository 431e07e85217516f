import { DEFAULT_METRICS_TARGETS, metricsTargetsSetting, parseMetricsTargets } from '../src/metrics-targets';

describe('parseMetricsTargets', () => {
  it('reads the default list of the local pipeline', () => {
    const { targets, problems } = parseMetricsTargets(DEFAULT_METRICS_TARGETS);
    expect(problems).toEqual([]);
    expect(targets).toHaveLength(9);
    expect(targets.find((target) => target.name === 'notifier')).toEqual({
      name: 'notifier',
      url: 'http://127.0.0.1:18130',
    });
  });

  it('trims spaces and trailing slashes', () => {
    expect(parseMetricsTargets(' a = http://h:1/ , b=https://x.example/ops/ ').targets).toEqual([
      { name: 'a', url: 'http://h:1' },
      { name: 'b', url: 'https://x.example/ops' },
    ]);
  });

  it('names every malformed entry by its position', () => {
    const { problems } = parseMetricsTargets('ok=http://h:1,broken,=http://h:2,x=ftp://h,ok=http://h:3');
    expect(problems).toEqual([
      expect.stringContaining('entry 2 "broken"'),
      expect.stringContaining('entry 3'),
      expect.stringContaining('entry 4'),
      'entry 5: the name ok is used twice',
    ]);
  });

  it('refuses an empty list', () => {
    expect(parseMetricsTargets(' , ').problems).toEqual(['expected at least one name=url']);
  });
});

describe('metricsTargetsSetting', () => {
  it('defaults to the local pipeline and reports problems as issues', () => {
    expect(metricsTargetsSetting.parse(undefined)).toHaveLength(9);
    const result = metricsTargetsSetting.safeParse('nope');
    expect(result.success).toBe(false);
  });
});
