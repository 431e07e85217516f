import type { PersonEvent, PersonState } from './person-state';

/** One line of a person's joined record, as a desk or an analyst sees it. */
export interface TimelineEvent {
  readonly eventId: string;
  readonly agency: string;
  readonly kind: PersonEvent['kind'];
  readonly eventTime: string;
  readonly summary: string;
}

export interface Timeline {
  readonly nik: string;
  readonly events: readonly TimelineEvent[];
  readonly situations: readonly {
    situation: string;
    severity: string;
    resolved: boolean;
    ruleIds: readonly string[];
  }[];
}

/** The processor keeps the history in event-time order; the timeline shows it as it is. */
export function timelineOf(state: PersonState): Timeline {
  return {
    nik: state.nik,
    events: state.history.map((event) => ({
      eventId: event.eventId,
      agency: event.kind === 'rejudge' ? 'WASPADA' : event.sourceAgency,
      kind: event.kind,
      eventTime: new Date(event.eventTime).toISOString(),
      summary: summarise(event),
    })),
    situations: Object.entries(state.ledger).map(([situation, entry]) => ({
      situation,
      severity: entry.severity,
      resolved: entry.resolved,
      ruleIds: entry.ruleIds,
    })),
  };
}

const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

function summarise(event: PersonEvent): string {
  switch (event.kind) {
    case 'passport':
      return [
        `passport ${words(event.eventType)} at office ${event.officeCode}`,
        event.passportNumber && `passport ${event.passportNumber}`,
        event.destinationCountry && `destination ${event.destinationCountry}`,
        event.declaredPurpose && `purpose ${words(event.declaredPurpose)}`,
        event.decisionReason && `reason ${words(event.decisionReason)}`,
      ]
        .filter(Boolean)
        .join(', ');
    case 'crossing':
      return [
        `${words(event.direction)} ${words(event.stage)} at ${event.checkpointCode}${event.counterId ? ` counter ${event.counterId}` : ''}`,
        `${event.direction === 'DEPARTURE' ? 'to' : 'from'} ${event.countryCode}`,
        event.declaredPurpose && `declared ${words(event.declaredPurpose)}`,
        event.returnDate
          ? `return ${event.returnDate}`
          : event.direction === 'DEPARTURE' && 'no return booking',
        event.sponsor && `sponsor ${event.sponsor}`,
      ]
        .filter(Boolean)
        .join(', ');
    case 'placement':
      return `placement ${event.placementId} ${words(event.eventType)}, ${event.p3miName}, to ${event.destinationCountry}`;
    case 'identity':
      return `Dukcapil ${words(event.eventType)}`;
    case 'rejudge':
      return event.cause === 'WATCHLIST_CHANGED'
        ? 'a watchlist entry matches this trip: judged again'
        : 'a companion reached the counter: judged again';
    case 'abroad':
      return `report ${event.reportId} from ${event.countryCode}${event.city ? ` (${event.city})` : ''}: ${words(event.category)}, ${words(event.caseStatus)}`;
  }
}
