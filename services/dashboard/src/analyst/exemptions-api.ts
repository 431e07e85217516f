import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { maskNik } from '@waspada/common';
import { mayUnmaskNik, type Analyst, type AnalystDirectory } from '@waspada/analysts';
import { ExemptionRefused, type ExemptionRefusalCode, type ExemptionState } from '@waspada/risk-rules';
import type { ExemptionLog } from '@waspada/risk-store';
import type { AccessEntry, AccessTrail } from '@waspada/schemas';
import { analystGuard, requireAnalyst } from '../analyst-auth';

export interface ExemptionsApiDeps {
  readonly analysts: AnalystDirectory;
  readonly log: ExemptionLog;
  readonly access: AccessTrail;
  readonly clock: () => number;
}

/** Which refusal is which HTTP status: a bad request, an unknown exemption, or a step the state forbids. */
const STATUS_OF: Record<ExemptionRefusalCode, number> = {
  WSP_EXEMPTION_INVALID: 400,
  WSP_EXEMPTION_NOT_ALLOWED: 403,
  WSP_EXEMPTION_UNKNOWN: 404,
  WSP_EXEMPTION_SELF_APPROVAL: 409,
  WSP_EXEMPTION_WRONG_STATE: 409,
  WSP_EXEMPTION_OVERLAP: 409,
};

const isoTime = z.iso.datetime({ offset: true, message: 'an ISO time such as 2026-12-01T00:00:00Z' });
const proposeBody = z
  .object({
    nik: z.string().regex(/^\d{16}$/, '16 digits'),
    ruleId: z.string().regex(/^R\d{2}$/, 'a rule id such as R05'),
    /** From now when left out. */
    validFrom: isoTime.optional(),
    validUntil: isoTime,
    reason: z.string().max(2_000),
  })
  .strict();
const stepBody = z.object({ reason: z.string().max(2_000).optional() }).strict();

const problemsOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message }));

/**
 * Exemptions of one rule for one person ("snooze with review"), proposed by an analyst and approved
 * by a supervisor who is not the proposer (the lifecycle in @waspada/risk-rules, exemptions.ts):
 *
 *   GET  /api/analyst/exemptions[?nik=&status=]     newest first; NIK masked unless the role allows
 *   POST /api/analyst/exemptions                     { nik, ruleId, validFrom?, validUntil, reason }
 *   POST /api/analyst/exemptions/:id/approve         {}                  (supervisors, not the proposer)
 *   POST /api/analyst/exemptions/:id/reject          { reason }          (supervisors)
 *   POST /api/analyst/exemptions/:id/revoke          { reason }          (supervisors or the proposer)
 *
 * Every exemption shown or changed is recorded on the access trail (VIEW_EXEMPTION,
 * CHANGE_EXEMPTION) before the answer: the NIK and the reason are personal data.
 */
export function registerExemptionsApi(app: FastifyInstance, deps: ExemptionsApiDeps): void {
  const national = analystGuard(deps.analysts);

  const accessOf = (
    analyst: Analyst,
    state: Pick<ExemptionState, 'nik' | 'exemptionId' | 'ruleId'>,
    operation: 'VIEW_EXEMPTION' | 'CHANGE_EXEMPTION',
    purpose: string,
  ): AccessEntry => ({
    actorKind: 'ANALYST',
    actorId: analyst.id,
    officerId: null,
    operation,
    nik: state.nik,
    alertId: null,
    purpose: `exemption ${state.exemptionId} of ${state.ruleId}: ${purpose}`,
  });

  const view = (state: ExemptionState, analyst: Analyst) => {
    const time = (value: number) => new Date(value).toISOString();
    return {
      exemptionId: state.exemptionId,
      nik: mayUnmaskNik(analyst) ? state.nik : maskNik(state.nik),
      ruleId: state.ruleId,
      validFrom: time(state.validFrom),
      validUntil: time(state.validUntil),
      reason: state.reason,
      status: state.status,
      proposedBy: state.proposedBy,
      decidedBy: state.decidedBy,
      // Whether it holds now: approved, and now inside its period.
      inForce:
        state.status === 'APPROVED' && state.validFrom <= deps.clock() && deps.clock() < state.validUntil,
      steps: state.steps.map((step) => ({
        step: step.step,
        actorId: step.actorId,
        stepTime: time(step.stepTime),
        reason: step.step === 'PROPOSED' ? null : step.reason,
      })),
    };
  };

  const refused = (error: unknown) => {
    if (!(error instanceof ExemptionRefused)) throw error;
    return { status: STATUS_OF[error.code], body: { error: error.message, code: error.code } };
  };

  app.get('/api/analyst/exemptions', { preHandler: national }, async (request, reply) => {
    const analyst = requireAnalyst(request);
    const query = request.query as { nik?: string; status?: string };
    if (query.nik !== undefined && !/^\d{16}$/.test(query.nik))
      return reply.code(400).send({ error: 'nik: 16 digits' });
    const shown = [...(await deps.log.current()).exemptions.values()]
      .filter((state) => query.nik === undefined || state.nik === query.nik)
      .filter((state) => query.status === undefined || state.status === query.status)
      .reverse();
    await deps.access.record(
      shown.map((state) => accessOf(analyst, state, 'VIEW_EXEMPTION', 'listed with its reason')),
    );
    return { exemptions: shown.map((state) => view(state, analyst)) };
  });

  app.post('/api/analyst/exemptions', { preHandler: national }, async (request, reply) => {
    const analyst = requireAnalyst(request);
    const body = proposeBody.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send({ error: 'invalid exemption', errors: problemsOf(body.error) });
    const request_ = {
      step: 'PROPOSED' as const,
      nik: body.data.nik,
      ruleId: body.data.ruleId,
      validFrom: body.data.validFrom === undefined ? deps.clock() : Date.parse(body.data.validFrom),
      validUntil: Date.parse(body.data.validUntil),
      reason: body.data.reason,
      actor: analyst,
    };
    try {
      const event = await deps.log.take(request_);
      await deps.access.record([accessOf(analyst, event, 'CHANGE_EXEMPTION', 'proposed')]);
      const state = (await deps.log.current()).exemptions.get(event.exemptionId);
      return await reply.code(201).send(state && view(state, analyst));
    } catch (error) {
      const { status, body: answer } = refused(error);
      return reply.code(status).send(answer);
    }
  });

  const steps = { approve: 'APPROVED', reject: 'REJECTED', revoke: 'REVOKED' } as const;
  for (const [path, step] of Object.entries(steps)) {
    app.post(`/api/analyst/exemptions/:id/${path}`, { preHandler: national }, async (request, reply) => {
      const analyst = requireAnalyst(request);
      const { id } = request.params as { id: string };
      const body = stepBody.safeParse(request.body ?? {});
      if (!body.success)
        return reply.code(400).send({ error: `invalid ${path}`, errors: problemsOf(body.error) });
      try {
        const event = await deps.log.take({
          step,
          exemptionId: id,
          actor: analyst,
          ...(body.data.reason !== undefined && { reason: body.data.reason }),
        });
        await deps.access.record([accessOf(analyst, event, 'CHANGE_EXEMPTION', path)]);
        const state = (await deps.log.current()).exemptions.get(event.exemptionId);
        return await reply.code(200).send(state && view(state, analyst));
      } catch (error) {
        const { status, body: answer } = refused(error);
        return reply.code(status).send(answer);
      }
    });
  }
}
