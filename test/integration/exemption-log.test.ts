import './support/own-topics';
import { openExemptionLog } from '@waspada/risk-store';
import { logger, uniqueName, useOwnTopics, useTestKit } from './support/clients';

/**
 * The exemption log's steps go out in transactions, and a transaction's commit returns before the
 * broker has written its markers: a read of the topic's end right after may stop short of the step.
 * The dashboard answers an approval, then the page lists the exemptions again at once; both must
 * show the step taken. Many steps one after another make the window between commit and markers
 * show up if take returned inside it.
 */
describe('the exemption log', () => {
  useOwnTopics();
  const kit = useTestKit();

  it('holds each step it took, and the list read right after shows it', async () => {
    const log = await openExemptionLog(kit().kafka, kit().registry, {
      logger,
      transactionalId: uniqueName('waspada-test-exemption-log'),
    });
    const analyst = { id: 'analyst-test-01', roles: ['analyst'] };
    const supervisor = { id: 'supervisor-test-01', roles: ['supervisor'] };
    const seen: string[] = [];
    try {
      for (let index = 0; index < 25; index += 1) {
        const proposed = await log.take({
          step: 'PROPOSED',
          nik: `3201${String(index).padStart(12, '0')}`,
          ruleId: 'R05',
          validFrom: Date.now() - 60_000,
          validUntil: Date.now() + 30 * 86_400_000,
          reason: 'Verified seasonal worker with a placement record, checked with the agency',
          actor: analyst,
        });
        seen.push((await log.current()).exemptions.get(proposed.exemptionId)?.status ?? 'missing');
        await log.take({ step: 'APPROVED', exemptionId: proposed.exemptionId, actor: supervisor });
        seen.push((await log.current()).exemptions.get(proposed.exemptionId)?.status ?? 'missing');
      }
    } finally {
      await log.close();
    }
    expect(seen).toEqual(Array.from({ length: 25 }, () => ['PROPOSED', 'APPROVED']).flat());
  });
});
