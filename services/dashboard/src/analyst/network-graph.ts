import { maskNik } from '@waspada/common';
import type { EntityInfo } from './analyst-index-reader';
import type { EntityKind } from './case-links';
import type { AlertLine } from './person-records';

/**
 * The network of an entity, a person or an alert as nodes and edges for the graph on the network
 * page, one step from its centre: an entity with the people linked to it, a person with the
 * entities their events name. Edges always join a person to an entity. A person node carries a ref
 * (person-refs.ts) and the masked NIK, never the NIK, and the person's latest alert; clicking a
 * node asks for the network of its id. Pure: the API loads the parts, this arranges them.
 */

export interface LatestAlert {
  readonly alertId: string;
  readonly severity: string;
  readonly situation: string;
  readonly eventTime: string;
  /** The person page for that alert (it asks for a reason before showing anything). */
  readonly href: string;
}

export interface PersonNode {
  readonly id: string;
  readonly kind: 'person';
  readonly ref: string;
  readonly nik: string;
  readonly label: string;
  readonly latestAlert: LatestAlert | null;
}

export interface EntityNode {
  readonly id: string;
  readonly kind: EntityKind;
  readonly label: string;
  readonly names: readonly string[];
  readonly watchlisted: boolean;
  /** How many people the index links to it: what a click would show, up to the limit. */
  readonly people: number;
}

export type NetworkNode = PersonNode | EntityNode;

export interface NetworkEdge {
  readonly id: string;
  /** Always a person node. */
  readonly source: string;
  /** Always an entity node. */
  readonly target: string;
  /** The earliest event time that linked them. */
  readonly since: string;
}

export interface NetworkGraph {
  readonly centre: string;
  /** The alert the network was asked for, when it was. */
  readonly alertId: string | null;
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  /** More people are linked to the centre than the answer lists. */
  readonly truncated: boolean;
}

export const personNodeId = (ref: string) => `person:${ref}`;

/** A person's latest alert or follow-up: the latest event time, then the highest revision. */
export function latestAlertOf(lines: readonly AlertLine[]): AlertLine | undefined {
  let latest: AlertLine | undefined;
  for (const line of lines)
    if (
      !latest ||
      line.eventTime > latest.eventTime ||
      (line.eventTime === latest.eventTime && line.revision > latest.revision) ||
      (line.eventTime === latest.eventTime &&
        line.revision === latest.revision &&
        line.alertId.localeCompare(latest.alertId) > 0)
    )
      latest = line;
  return latest;
}

export interface PersonPart {
  readonly nik: string;
  /** The person's alerts and follow-ups, as the index keeps them. */
  readonly alerts: readonly AlertLine[];
}

export interface EntityPart {
  readonly info: EntityInfo;
  readonly people: number;
}

function personNode(person: PersonPart, refOf: (nik: string) => string): PersonNode {
  const ref = refOf(person.nik);
  const latest = latestAlertOf(person.alerts);
  const nik = maskNik(person.nik);
  return {
    id: personNodeId(ref),
    kind: 'person',
    ref,
    nik,
    label: nik,
    latestAlert: latest
      ? {
          alertId: latest.alertId,
          severity: latest.severity,
          situation: latest.situation,
          eventTime: new Date(latest.eventTime).toISOString(),
          href: `/analyst/person?alert=${encodeURIComponent(latest.alertId)}`,
        }
      : null,
  };
}

function entityNode({ info, people }: EntityPart): EntityNode {
  return {
    id: info.id,
    kind: info.kind,
    label: info.label,
    names: info.names,
    watchlisted: info.watchlist.length > 0,
    people,
  };
}

const edge = (person: string, entity: string, time: number): NetworkEdge => ({
  id: `${person}|${entity}`,
  source: person,
  target: entity,
  since: new Date(time).toISOString(),
});

/** An entity and the people linked to it (`people` as listed, with the time each was linked). */
export function entityGraph(input: {
  readonly entity: EntityPart;
  readonly people: readonly (PersonPart & { readonly time: number })[];
  readonly refOf: (nik: string) => string;
}): NetworkGraph {
  const centre = entityNode(input.entity);
  const people = input.people.map((person) => ({ node: personNode(person, input.refOf), time: person.time }));
  return {
    centre: centre.id,
    alertId: null,
    nodes: [centre, ...people.map(({ node }) => node)],
    edges: people.map(({ node, time }) => edge(node.id, centre.id, time)),
    truncated: input.entity.people > input.people.length,
  };
}

/** A person and the entities their events name (with the time each was first named). */
export function personGraph(input: {
  readonly person: PersonPart;
  readonly entities: readonly (EntityPart & { readonly time: number })[];
  readonly refOf: (nik: string) => string;
  readonly alertId?: string | null;
}): NetworkGraph {
  const centre = personNode(input.person, input.refOf);
  return {
    centre: centre.id,
    alertId: input.alertId ?? null,
    nodes: [centre, ...input.entities.map(entityNode)],
    edges: input.entities.map((entity) => edge(centre.id, entity.info.id, entity.time)),
    truncated: false,
  };
}
