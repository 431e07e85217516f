import type { RuleJobEvent } from '@waspada/schemas';
import {
  applyRuleJobEvent,
  emptyRuleJobFold,
  nextRuleJob,
  ruleJobStep,
  wantedShadow,
  type RuleJobFold,
} from '../src/ruleset/rule-jobs';

let serial = 0;
function step(jobId: string, partial: Partial<RuleJobEvent> & Pick<RuleJobEvent, 'step'>): RuleJobEvent {
  serial += 1;
  const { step: stepName, ...details } = partial;
  return {
    ...ruleJobStep({
      eventId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
      jobId,
      kind: 'BACKTEST',
      step: stepName,
      at: 1_000 * serial,
      actorId: 'worker-a',
    }),
    ...details,
  };
}

const fold = (events: RuleJobEvent[]): RuleJobFold => events.reduce(applyRuleJobEvent, emptyRuleJobFold());
const request = (jobId: string, kind: RuleJobEvent['kind'] = 'BACKTEST', version = '2026.12.3') =>
  step(jobId, {
    step: 'REQUESTED',
    kind,
    actorId: 'ana',
    ruleSetVersion: kind === 'SHADOW_STOP' ? null : version,
  });

describe('rule jobs fold', () => {
  it('follows a backtest from request to report', () => {
    const jobs = fold([
      request('j1'),
      step('j1', { step: 'STARTED' }),
      step('j1', { step: 'PROGRESS', phase: 'judge', done: 50, total: 200 }),
      step('j1', { step: 'DONE', reportId: 'backtest-2026.12.3-j1' }),
    ]).jobs.get('j1');
    expect(jobs).toMatchObject({
      status: 'DONE',
      requestedBy: 'ana',
      owner: 'worker-a',
      attempts: 1,
      progress: { phase: 'judge', done: 50, total: 200 },
      reportId: 'backtest-2026.12.3-j1',
    });
  });

  it('gives a job to the first worker that claims it and ignores the other', () => {
    const state = fold([
      request('j1'),
      step('j1', { step: 'STARTED', actorId: 'worker-a' }),
      step('j1', { step: 'STARTED', actorId: 'worker-b' }),
      step('j1', { step: 'FAILED', actorId: 'worker-b', error: 'not mine' }),
    ]).jobs.get('j1');
    expect(state).toMatchObject({ status: 'RUNNING', owner: 'worker-a', attempts: 1, error: null });
  });

  it('takes each event once and ignores steps of a job never requested or already ended', () => {
    const done = step('j1', { step: 'DONE', reportId: 'r1' });
    const state = fold([
      step('ghost', { step: 'STARTED' }),
      request('j1'),
      step('j1', { step: 'STARTED' }),
      done,
      done,
      step('j1', { step: 'FAILED', error: 'late' }),
    ]);
    expect(state.jobs.has('ghost')).toBe(false);
    expect(state.jobs.get('j1')).toMatchObject({ status: 'DONE', reportId: 'r1', error: null });
  });

  it('hands the next job: the oldest waiting, or one this worker left in the middle', () => {
    const state = fold([request('j1'), step('j1', { step: 'STARTED', actorId: 'worker-a' }), request('j2')]);
    // worker-a stopped during j1: it starts j1 again before j2.
    expect(nextRuleJob(state, 'worker-a')?.jobId).toBe('j1');
    expect(nextRuleJob(state, 'worker-b')?.jobId).toBe('j2');
    const again = applyRuleJobEvent(state, step('j1', { step: 'STARTED', actorId: 'worker-a' }));
    expect(again.jobs.get('j1')?.attempts).toBe(2);
  });

  it('wants the shadow of the last start, none after a stop or a failed start', () => {
    const started = [
      request('s1', 'SHADOW_START', '2026.12.3'),
      step('s1', { step: 'STARTED', kind: 'SHADOW_START' }),
    ];
    expect(wantedShadow(fold(started))?.ruleSetVersion).toBe('2026.12.3');
    // A backtest after it leaves the shadow running.
    expect(wantedShadow(fold([...started, request('b1')]))?.jobId).toBe('s1');
    expect(wantedShadow(fold([...started, request('s2', 'SHADOW_STOP')]))).toBeUndefined();
    const failed = [
      ...started,
      step('s1', { step: 'FAILED', kind: 'SHADOW_START', error: 'never proposed' }),
    ];
    expect(wantedShadow(fold(failed))).toBeUndefined();
    const replaced = [...started, request('s3', 'SHADOW_START', '2026.12.4')];
    expect(wantedShadow(fold(replaced))?.ruleSetVersion).toBe('2026.12.4');
  });
});
