import { NIK_SHAPE } from '@waspada/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { maskNik } from '@waspada/common';
import type { PersonState } from '@waspada/risk-rules';
import type { AccessTrail } from '@waspada/schemas';
import { ANALYST_ROLES, mayUnmaskNik, type Analyst, type AnalystDirectory } from '@waspada/analysts';
import { analystGuard, requireAnalyst } from '../analyst-auth';
import type { AnalystStore } from './analyst-store';
import { ENTITY_KINDS, kindOf } from './case-links';
import { entityGraph, personGraph, type NetworkGraph } from './network-graph';
import { createPersonRefs, PERSON_REF_SHAPE, type PersonRefs } from './person-refs';
import { personTimeline } from './person-records';

export interface AnalystApiDeps {
  readonly analysts: AnalystDirectory;
  readonly store: AnalystStore;
  /** The risk processor's joined record of a person (its state store). */
  readonly loadPerson: (nik: string) => Promise<PersonState | undefined>;
  readonly access: AccessTrail;
  readonly clock: () => number;
  /** Called with the status of every answer under /api/analyst/, for metrics. */
  readonly onAnswer?: (status: number) => void;
  /** The graph's stand-ins for NIKs; a key of this process's own when absent. */
  readonly personRefs?: PersonRefs;
}

/** The longest entity id a network path takes: a kind and a key, a sponsor's name as written. */
export const MAX_ENTITY_ID_LENGTH = 500;

const MAX_REASON = 500;
const DAY_MS = 86_400_000;
/** People and alerts listed per entity in a network: enough to see a broker, bounded per request. */
const NETWORK_LIMIT = 100;

/**
 * The analyst pages and their JSON, behind analyst tokens (analyst-auth.ts):
 *
 *   GET /analyst/person                                   the person timeline page
 *   GET /analyst/network                                  the network of cases page
 *   GET /api/analyst/me                                   who is signed in, with which roles
 *   GET /api/analyst/persons/:nik/timeline?reason=        one person's joined record (access recorded)
 *   GET /api/analyst/alerts/:alertId/timeline?reason=     the same for the person behind an alert
 *   GET /api/analyst/alerts/:alertId/network              people and alerts sharing a link with it
 *   GET /api/analyst/entities/top?from=&to=&limit=        entities by distinct alerts in a period
 *   GET /api/analyst/entities/:entityId/network           the graph one step from an entity, a
 *                                                         person (person:<ref>) or an alert (alert:<id>)
 *
 * A timeline is recorded on the access trail (who, when, which NIK, why) before it is served, and
 * shows the full NIK only to investigators. The network shows NIKs masked to everyone: it lists
 * many people at once, and opening any one of them goes through the timeline and its reason.
 * Every person a network answer shows is recorded on the access trail (VIEW_NETWORK) before it is
 * served. The graph names a person by a ref (person-refs.ts), never by NIK.
 */
export function registerAnalystApi(app: FastifyInstance, deps: AnalystApiDeps): void {
  const guard = analystGuard(deps.analysts);
  const refs = deps.personRefs ?? createPersonRefs();
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/api/analyst/')) deps.onAnswer?.(reply.statusCode);
  });

  app.get('/analyst/person', (_request, reply) => reply.sendFile('analyst-person.html'));
  app.get('/analyst/network', (_request, reply) => reply.sendFile('analyst-network.html'));

  // Every role, a regency account too: the case pages ask who is signed in.
  app.get('/api/analyst/me', { preHandler: analystGuard(deps.analysts, ANALYST_ROLES) }, async (request) => {
    const analyst = requireAnalyst(request);
    return {
      id: analyst.id,
      roles: analyst.roles,
      regencyCode: analyst.regencyCode ?? null,
      mayUnmaskNik: mayUnmaskNik(analyst),
    };
  });

  const serveTimeline = async (
    reply: FastifyReply,
    analyst: Analyst,
    nik: string,
    reason: string,
    alertId: string | null,
  ) => {
    // Recorded first: a view that cannot be put on the trail is not served.
    await deps.access.record([
      {
        actorKind: 'ANALYST',
        actorId: analyst.id,
        officerId: null,
        operation: 'VIEW_TIMELINE',
        nik,
        alertId,
        purpose: reason,
      },
    ]);
    const [state, alerts, actions] = await Promise.all([
      deps.loadPerson(nik),
      deps.store.personAlerts(nik),
      deps.store.personActions(nik),
    ]);
    if (!state && alerts.length === 0 && actions.length === 0)
      return reply.code(404).send({ error: `nik: no record of ${maskNik(nik)} is kept` });
    return reply.send(personTimeline({ nik, state, alerts, actions, unmask: mayUnmaskNik(analyst) }));
  };

  app.get<{ Params: { nik: string }; Querystring: { reason?: string } }>(
    '/api/analyst/persons/:nik/timeline',
    { preHandler: guard },
    async (request, reply) => {
      const { nik } = request.params;
      if (!NIK_SHAPE.test(nik)) return reply.code(400).send({ error: 'nik: a NIK is 16 digits' });
      const reason = checkReason(request.query.reason);
      if (!reason.ok) return reply.code(400).send({ error: reason.error });
      return serveTimeline(reply, requireAnalyst(request), nik, reason.value, null);
    },
  );

  app.get<{ Params: { alertId: string }; Querystring: { reason?: string } }>(
    '/api/analyst/alerts/:alertId/timeline',
    { preHandler: guard },
    async (request, reply) => {
      const reason = checkReason(request.query.reason);
      if (!reason.ok) return reply.code(400).send({ error: reason.error });
      const { alertId } = request.params;
      const nik = await deps.store.nikOfAlert(alertId);
      if (!nik) return reply.code(404).send({ error: `alertId: no alert ${alertId} is indexed` });
      return serveTimeline(reply, requireAnalyst(request), nik, reason.value, alertId);
    },
  );

  /**
   * One access record per person a network answer shows, masked or not, written before the answer:
   * a view that cannot be put on the trail is not served.
   */
  const recordNetworkView = (
    analyst: Analyst,
    niks: readonly string[],
    alertId: string | null,
    purpose: string,
  ) =>
    deps.access.record(
      niks.map((nik) => ({
        actorKind: 'ANALYST' as const,
        actorId: analyst.id,
        officerId: null,
        operation: 'VIEW_NETWORK' as const,
        nik,
        alertId,
        purpose,
      })),
    );

  app.get<{ Params: { alertId: string } }>(
    '/api/analyst/alerts/:alertId/network',
    { preHandler: guard },
    async (request, reply) => {
      const { alertId } = request.params;
      const nik = await deps.store.nikOfAlert(alertId);
      if (!nik) return reply.code(404).send({ error: `alertId: no alert ${alertId} is indexed` });
      const own = (await deps.store.personAlerts(nik)).find((line) => line.alertId === alertId);
      const entityIds = await deps.store.personEntities(nik);
      const entities = await deps.store.entities(entityIds);
      /** Everyone the answer shows (NIKs masked), for the access trail. */
      const shown = new Set([nik]);
      const linked = await Promise.all(
        entities.map(async (entity) => {
          const [people, alertIds] = await Promise.all([
            deps.store.entityPeople(entity.id, NETWORK_LIMIT),
            deps.store.entityAlertIds(entity.id, NETWORK_LIMIT),
          ]);
          const situations = await deps.store.situations(alertIds);
          for (const person of people) if (person.nik !== nik) shown.add(person.nik);
          for (const [firstAlertId, info] of situations)
            if (firstAlertId !== own?.firstAlertId && info.nik !== nik) shown.add(info.nik);
          return {
            ...entity,
            people: people
              .filter((person) => person.nik !== nik)
              .map((person) => ({
                nik: maskNik(person.nik),
                firstSeen: new Date(person.time).toISOString(),
              })),
            alerts: [...situations.entries()]
              .filter(([firstAlertId, info]) => firstAlertId !== own?.firstAlertId && info.nik !== nik)
              .map(([firstAlertId, { nik: other, line }]) => ({
                alertId: firstAlertId,
                latestAlertId: line.alertId,
                nik: maskNik(other),
                severity: line.severity,
                kind: line.kind,
                situation: line.situation,
                ruleIds: line.rules.map((rule) => rule.ruleId),
                eventTime: new Date(line.eventTime).toISOString(),
              })),
          };
        }),
      );
      await recordNetworkView(requireAnalyst(request), [...shown], alertId, `network of alert ${alertId}`);
      return {
        alert: {
          alertId,
          firstAlertId: own?.firstAlertId ?? null,
          nik: maskNik(nik),
          severity: own?.severity ?? null,
          situation: own?.situation ?? null,
          eventTime: own ? new Date(own.eventTime).toISOString() : null,
        },
        // Entities that link to someone else first: those are the network; the rest are the person's own.
        entities: linked.sort(
          (a, b) =>
            b.people.length + b.alerts.length - (a.people.length + a.alerts.length) ||
            a.id.localeCompare(b.id),
        ),
      };
    },
  );

  /** A person and the entities their events name, one step out. */
  const personNetwork = async (nik: string, alertId: string | null): Promise<NetworkGraph> => {
    const [links, alerts] = await Promise.all([
      deps.store.personEntityLinks(nik),
      deps.store.personAlerts(nik),
    ]);
    const ids = links.map((link) => link.id);
    const [infos, counts] = await Promise.all([deps.store.entities(ids), deps.store.entityPeopleCounts(ids)]);
    return personGraph({
      person: { nik, alerts },
      entities: infos.map((info, index) => ({
        info,
        people: counts[index] ?? 0,
        time: links[index]?.time ?? 0,
      })),
      refOf: refs.refOf,
      alertId,
    });
  };

  /** An entity and the people linked to it, the earliest linked first, at most NETWORK_LIMIT. */
  const entityNetwork = async (id: string): Promise<{ graph: NetworkGraph; niks: string[] }> => {
    const [[info], [count], people] = await Promise.all([
      deps.store.entities([id]),
      deps.store.entityPeopleCounts([id]),
      deps.store.entityPeople(id, NETWORK_LIMIT),
    ]);
    const alerts = await Promise.all(people.map((person) => deps.store.personAlerts(person.nik)));
    const graph = entityGraph({
      entity: { info: info as NonNullable<typeof info>, people: count ?? people.length },
      people: people.map((person, index) => ({ ...person, alerts: alerts[index] ?? [] })),
      refOf: refs.refOf,
    });
    return { graph, niks: people.map((person) => person.nik) };
  };

  app.get<{ Params: { entityId: string } }>(
    '/api/analyst/entities/:entityId/network',
    { preHandler: guard },
    async (request, reply) => {
      const { entityId } = request.params;
      if (entityId.length > MAX_ENTITY_ID_LENGTH)
        return reply.code(400).send({ error: `entityId: at most ${MAX_ENTITY_ID_LENGTH} characters` });
      const kind = entityId.slice(0, Math.max(0, entityId.indexOf(':')));
      const key = entityId.slice(kind.length + 1);
      let graph: NetworkGraph;
      let niks: string[];
      let purpose: string;
      if (kind === 'person') {
        if (!PERSON_REF_SHAPE.test(key))
          return reply.code(400).send({ error: 'entityId: person:<ref>, with a ref from a network answer' });
        const nik = refs.nikOf(key);
        if (!nik)
          return reply.code(404).send({
            error:
              'entityId: this person ref is unknown to this dashboard (a ref lasts as long as the process that gave it): open the network again from an alert or an entity',
          });
        graph = await personNetwork(nik, null);
        niks = [nik];
        purpose = `network of person ${maskNik(nik)}`;
      } else if (kind === 'alert') {
        const nik = await deps.store.nikOfAlert(key);
        if (!nik) return reply.code(404).send({ error: `entityId: no alert ${key} is indexed` });
        graph = await personNetwork(nik, key);
        niks = [nik];
        purpose = `network of alert ${key}`;
      } else if (kindOf(entityId) && key !== '') {
        if (!(await deps.store.entityKnown(entityId)))
          return reply.code(404).send({ error: `entityId: no entity ${entityId} is indexed` });
        ({ graph, niks } = await entityNetwork(entityId));
        purpose = `network of ${entityId}`;
      } else
        return reply.code(400).send({
          error: `entityId: <kind>:<key>, the kind one of ${[...ENTITY_KINDS, 'person', 'alert'].join(', ')}`,
        });
      await recordNetworkView(requireAnalyst(request), niks, graph.alertId, purpose);
      return reply.send(graph);
    },
  );

  app.get<{ Querystring: { from?: string; to?: string; limit?: string } }>(
    '/api/analyst/entities/top',
    { preHandler: guard },
    async (request, reply) => {
      const now = deps.clock();
      const to = parseTime(request.query.to, now);
      if (to === undefined)
        return reply.code(400).send({ error: 'to: an ISO date or time, or epoch milliseconds' });
      const from = parseTime(request.query.from, to - 30 * DAY_MS);
      if (from === undefined)
        return reply.code(400).send({ error: 'from: an ISO date or time, or epoch milliseconds' });
      if (from > to) return reply.code(400).send({ error: 'from: must not be after to' });
      const limit = request.query.limit === undefined ? 20 : Number(request.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        return reply.code(400).send({ error: 'limit: a whole number from 1 to 200' });
      const ranked = await deps.store.topEntities(from, to, limit);
      const info = new Map(
        (await deps.store.entities(ranked.map((entry) => entry.id))).map((e) => [e.id, e]),
      );
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        entities: ranked.map((entry) => ({
          ...info.get(entry.id),
          alerts: entry.alerts,
          people: entry.people,
        })),
      };
    },
  );
}

function checkReason(raw: string | undefined): { ok: true; value: string } | { ok: false; error: string } {
  const value = raw?.trim() ?? '';
  if (value === '')
    return {
      ok: false,
      error: "reason: required: say why you open this person's record (it is kept on the access trail)",
    };
  if (value.length > MAX_REASON) return { ok: false, error: `reason: at most ${MAX_REASON} characters` };
  return { ok: true, value };
}

/** An ISO date or time, or epoch milliseconds; the fallback when absent, undefined when unreadable. */
function parseTime(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(value) ? value : undefined;
}
