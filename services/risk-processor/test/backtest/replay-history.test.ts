import { loadRuleSet, watchlistOf, type PersonEvent } from '@waspada/risk-rules';
import { PERSON_TOPICS } from '@waspada/risk-store';
import { HistoryArena } from '../../src/backtest/history-arena';
import { packEvent } from '../../src/backtest/packed-events';
import { replayHistory } from '../../src/backtest/run-backtest';
import { childScan } from '../support/child-scan';

const DAY = 86_400_000;

describe('replayHistory', () => {
  it('judges an overstay that falls due after the last event of the history, before the end of the period', async () => {
    // An adult leaving by land at Entikong: R10 waits for a return crossing, which never comes.
    const departure = {
      ...childScan,
      eventId: 'land-departure',
      nik: '3271011505900001',
      birthDate: '1990-05-15',
      sex: 'MALE',
      fullName: 'ANDI PRATAMA',
      stage: 'CLEARED',
      checkpointCode: 'PLBN-ENTIKONG',
      checkpointType: 'LAND',
      counterId: 'ENT-01',
      flightOrVessel: null,
      carrier: null,
    } as PersonEvent;
    const arena = new HistoryArena(Object.keys(PERSON_TOPICS));
    const { kind, ...fields } = departure;
    arena.add({ time: departure.eventTime, rank: 4, passportOnly: false, packed: packEvent(kind, fields) });
    arena.seal();
    const ruleSet = loadRuleSet();
    const to = departure.eventTime + (ruleSet.rules.R10.params.allowedStayDays + 30) * DAY;
    try {
      const judged = await replayHistory(
        arena,
        {
          from: departure.eventTime - DAY,
          to,
          ruleSet,
          topics: { agencies: {}, alertActions: '' },
          lateAlertWindowMs: DAY,
        },
        watchlistOf([]),
      );
      const overstay = [...judged.outcomes.values()].find((outcome) => outcome.key.startsWith('overstay'));
      expect(overstay).toMatchObject({ nik: departure.nik, alerted: true });
      expect(judged.people).toBe(1);
    } finally {
      arena.close();
    }
  });
});
