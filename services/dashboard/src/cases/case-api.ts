import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { maskNik, TOPICS, type AvroCodec, type KafkaProducer } from '@waspada/common';
import type { ReferenceData } from '@waspada/domain';
import type { AccessEntry, AccessTrail, CaseEvent } from '@waspada/schemas';
import { ANALYST_ROLES, mayUnmaskNik, type Analyst, type AnalystDirectory } from '@waspada/analysts';
import { analystGuard, requireAnalyst } from '../analyst-auth';
import type { AnalystStore } from '../analyst/analyst-store';
import {
  caseCommandSchemas,
  caseEventOf,
  openingEventOf,
  openingNoteOf,
  parseCommand,
  parseQueueQuery,
  refusalOf,
  type CaseCommand,
  type FieldProblem,
} from './case-commands';
import { caseIdOf, isOverdue, type CaseView } from './case-fold';
import { mayOpenCase, mayReachCase, wibDay, workQueue } from './case-queue';
import type { CaseStore } from './case-store';

export interface CaseApiDeps {
  readonly analysts: AnalystDirectory;
  readonly cases: CaseStore;
  /** The analyst index, to find the alert a case is opened from by hand. */
  readonly alerts: Pick<AnalystStore, 'nikOfAlert' | 'personAlerts'>;
  readonly producer: KafkaProducer;
  readonly codec: AvroCodec<CaseEvent>;
  readonly access: AccessTrail;
  readonly reference: ReferenceData;
  readonly clock: () => number;
  /** How long a change waits to be seen in the projection before it is answered 202 instead (5 s). */
  readonly projectionWaitMs?: number;
}

const PAGE_LIMIT = 500;

/**
 * Follow-up cases, behind analyst tokens; every role, a regency account only for the cases it may
 * reach (mayReachCase):
 *
 *   GET  /analyst/cases                             the work-queue page
 *   GET  /api/analyst/cases?assigneeKind=&assigneeCode=&regency=&status=&overdue=   a work queue with counts
 *   GET  /api/analyst/cases/:caseId                 one case with its history
 *   POST /api/analyst/cases                         open a case from an alert by hand { alertId, assignee?, note? }
 *   POST /api/analyst/cases/:caseId/assignment      { assignee: { kind, code } }
 *   POST /api/analyst/cases/:caseId/status          { status: OPEN | IN_PROGRESS }
 *   POST /api/analyst/cases/:caseId/notes           { note }
 *   POST /api/analyst/cases/:caseId/due-date        { dueDate: YYYY-MM-DD | null }
 *   POST /api/analyst/cases/:caseId/close           { outcome, note? }
 *
 * Each change is an event on the case topic; the answer is the case as the projection shows it once
 * the event is folded in. Every case listed, shown or changed is put on the access trail first.
 */
export function registerCaseApi(app: FastifyInstance, deps: CaseApiDeps): void {
  const guard = analystGuard(deps.analysts, ANALYST_ROLES);
  const schemas = caseCommandSchemas(deps.reference);
  const waitMs = deps.projectionWaitMs ?? 5_000;
  app.get('/analyst/cases', (_request, reply) => reply.sendFile('cases.html'));

  const refuse = (reply: FastifyReply, status: number, problems: readonly FieldProblem[]) =>
    reply.code(status).send({
      error: problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; '),
      fields: problems,
    });

  const accessOf = (
    analyst: Analyst,
    view: Pick<CaseView, 'nik' | 'alertId' | 'caseId'>,
    operation: 'VIEW_CASE' | 'CHANGE_CASE',
    purpose: string,
  ): AccessEntry => ({
    actorKind: 'ANALYST',
    actorId: analyst.id,
    officerId: null,
    operation,
    nik: view.nik,
    alertId: view.alertId,
    purpose: `case ${view.caseId}: ${purpose}`,
  });

  const shown = (view: CaseView, analyst: Analyst, withHistory: boolean) => {
    const nik = mayUnmaskNik(analyst) ? view.nik : maskNik(view.nik);
    const { history, ...rest } = view;
    return {
      ...rest,
      nik,
      overdue: isOverdue(view, wibDay(deps.clock())),
      openedAt: new Date(view.openedAt).toISOString(),
      updatedAt: new Date(view.updatedAt).toISOString(),
      closedAt: view.closedAt === null ? null : new Date(view.closedAt).toISOString(),
      ...(withHistory && {
        history: history.map((event) => ({
          ...event,
          nik,
          eventTime: new Date(event.eventTime).toISOString(),
        })),
      }),
    };
  };

  /**
   * The case once the projection holds the event (for an opening: once the case exists, which a
   * referral racing it may have opened first), or undefined when it has not within the wait.
   */
  async function projected(last: CaseEvent): Promise<CaseView | undefined> {
    const until = Date.now() + waitMs;
    for (;;) {
      const view = await deps.cases.get(last.caseId);
      if (view && (last.change === 'OPENED' || view.history.some((event) => event.eventId === last.eventId)))
        return view;
      if (Date.now() >= until) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function publish(events: readonly CaseEvent[]): Promise<void> {
    await deps.producer.send(
      events.map((event) => ({
        topic: TOPICS.cases,
        key: event.nik,
        value: deps.codec.encode(event),
        headers: { 'waspada-event-id': event.eventId },
      })),
    );
  }

  /** Answers with the case after the last event, or 202 when the projection has not caught up yet. */
  async function answer(reply: FastifyReply, analyst: Analyst, last: CaseEvent, created: boolean) {
    const view = await projected(last);
    // A referral may have opened the case first, for another office: not shown to an account that
    // may not reach it.
    if (!view || !mayReachCase(analyst, view))
      return reply.code(202).send({ caseId: last.caseId, eventId: last.eventId, projected: false });
    return reply.code(created ? 201 : 200).send(shown(view, analyst, true));
  }

  /** The case if this account may reach it; replies 404 otherwise (a case out of reach is not confirmed to exist). */
  async function reachable(
    reply: FastifyReply,
    analyst: Analyst,
    caseId: string,
  ): Promise<CaseView | undefined> {
    const view = await deps.cases.get(caseId);
    if (!view || !mayReachCase(analyst, view)) {
      await reply.code(404).send({ error: `caseId: no case ${caseId} in your work queues` });
      return undefined;
    }
    return view;
  }

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/analyst/cases',
    { preHandler: guard },
    async (request, reply) => {
      const analyst = requireAnalyst(request);
      const filter = parseQueueQuery(request.query);
      if (!filter.ok) return refuse(reply, 400, filter.problems);
      const { cases, counts } = workQueue(
        await deps.cases.all(),
        analyst,
        filter.value,
        wibDay(deps.clock()),
      );
      const page = cases.slice(0, PAGE_LIMIT);
      const purpose = `listed in a work queue ${JSON.stringify(filter.value)}`;
      await deps.access.record(page.map((view) => accessOf(analyst, view, 'VIEW_CASE', purpose)));
      return {
        filter: filter.value,
        counts,
        cases: page.map((view) => shown(view, analyst, false)),
        truncated: cases.length > page.length,
      };
    },
  );

  app.get<{ Params: { caseId: string } }>(
    '/api/analyst/cases/:caseId',
    { preHandler: guard },
    async (request, reply) => {
      const analyst = requireAnalyst(request);
      const view = await reachable(reply, analyst, request.params.caseId);
      if (!view) return reply;
      await deps.access.record([accessOf(analyst, view, 'VIEW_CASE', 'case and its history shown')]);
      return shown(view, analyst, true);
    },
  );

  app.post('/api/analyst/cases', { preHandler: guard }, async (request, reply) => {
    const analyst = requireAnalyst(request);
    const body = parseCommand(schemas.open, request.body);
    if (!body.ok) return refuse(reply, 400, body.problems);
    const { alertId, assignee, note } = body.value;
    const nik = await deps.alerts.nikOfAlert(alertId);
    const line = nik
      ? (await deps.alerts.personAlerts(nik)).find((entry) => entry.alertId === alertId)
      : undefined;
    // One answer for an alert that is not indexed and one out of reach: a refusal must not tell a
    // regency account that an alert, or its case, exists elsewhere.
    const unknown = () =>
      refuse(reply, 404, [{ field: 'alertId', reason: `no alert ${alertId} in your work queues` }]);
    if (!nik || !line) return unknown();
    const caseId = caseIdOf(line.firstAlertId);
    const existing = await deps.cases.get(caseId);
    if (existing) {
      if (!mayReachCase(analyst, existing)) return unknown();
      // One situation, one case: opening it again shows the case that is open.
      await deps.access.record([
        accessOf(analyst, existing, 'VIEW_CASE', 'opened again; the existing case shown'),
      ]);
      return reply.code(200).send(shown(existing, analyst, true));
    }
    const opening = openingEventOf({
      eventId: randomUUID(),
      firstAlertId: line.firstAlertId,
      alertId,
      nik,
      checkpointCode: line.checkpointCode,
      actor: { kind: 'ANALYST', id: analyst.id, officerId: null },
      openedBy: 'BY_HAND',
      sourceActionId: null,
      ...(assignee && { assignee }),
      time: deps.clock(),
    });
    // A regency account opens cases of people from its own regency only: choosing its own office
    // as the assignee must not reach a traveller from elsewhere.
    if (!mayOpenCase(analyst, opening)) return unknown();
    const events = note === undefined ? [opening] : [opening, openingNoteOf(opening, note, analyst)];
    await deps.access.record([
      accessOf(analyst, { ...opening, alertId }, 'CHANGE_CASE', 'opened by hand from the alert'),
    ]);
    await publish(events);
    return answer(reply, analyst, events[events.length - 1] as CaseEvent, true);
  });

  /** A change route: the body checked, the case reached, the change allowed, recorded, then written. */
  const change = <S extends z.ZodType>(
    path: string,
    schema: S,
    commandOf: (body: z.infer<S>) => { command: CaseCommand; purpose: string },
  ) =>
    app.post<{ Params: { caseId: string } }>(
      `/api/analyst/cases/:caseId/${path}`,
      { preHandler: guard },
      async (request, reply) => {
        const analyst = requireAnalyst(request);
        const body = parseCommand(schema, request.body);
        if (!body.ok) return refuse(reply, 400, body.problems);
        const view = await reachable(reply, analyst, request.params.caseId);
        if (!view) return reply;
        const { command, purpose } = commandOf(body.value);
        const refused = refusalOf(view, command, analyst);
        if (refused) return refuse(reply, 409, [refused]);
        const event = caseEventOf(view, command, analyst, deps.clock());
        await deps.access.record([accessOf(analyst, view, 'CHANGE_CASE', purpose)]);
        await publish([event]);
        return answer(reply, analyst, event, false);
      },
    );

  change('assignment', schemas.assign, (body) => ({
    command: { change: 'ASSIGNED', body },
    purpose: `assigned to ${body.assignee.kind} ${body.assignee.code}`,
  }));
  change('status', schemas.status, (body) => ({
    command: { change: 'STATUS_CHANGED', body },
    purpose: `status set to ${body.status}`,
  }));
  change('notes', schemas.note, (body) => ({
    command: { change: 'NOTE_ADDED', body },
    purpose: 'note added',
  }));
  change('due-date', schemas.dueDate, (body) => ({
    command: { change: 'DUE_DATE_SET', body },
    purpose: `due date set to ${body.dueDate ?? 'none'}`,
  }));
  change('close', schemas.close, (body) => ({
    command: { change: 'CLOSED', body },
    purpose: `closed: ${body.outcome}`,
  }));
}
