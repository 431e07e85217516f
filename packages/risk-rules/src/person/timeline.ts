import { messagePart, messageText, type MessagePart } from '@waspada/messages';
import type { PersonEvent, PersonState } from './person-state';

/** One line of a person's joined record, as a desk or an analyst sees it. */
export interface TimelineEvent {
  readonly eventId: string;
  readonly agency: string;
  readonly kind: PersonEvent['kind'];
  readonly eventTime: string;
  /** The line as catalogue keys and values, which a page reads in the reader's language. */
  readonly summaryParts: readonly MessagePart[];
  /** The same line in Bahasa Indonesia, country codes and days as they are, for a reader of the JSON. */
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
    events: state.history.map((event) => {
      const summaryParts = partsOf(event);
      return {
        eventId: event.eventId,
        agency: event.kind === 'rejudge' ? 'WASPADA' : event.sourceAgency,
        kind: event.kind,
        eventTime: new Date(event.eventTime).toISOString(),
        summaryParts,
        summary: messageText(summaryParts),
      };
    }),
    situations: Object.entries(state.ledger).map(([situation, entry]) => ({
      situation,
      severity: entry.severity,
      resolved: entry.resolved,
      ruleIds: entry.ruleIds,
    })),
  };
}

/** The line's parts: what happened first, then each detail the record has. */
function partsOf(event: PersonEvent): MessagePart[] {
  const details = (...parts: (MessagePart | false | null | undefined | '')[]) =>
    parts.filter((part): part is MessagePart => Boolean(part));
  switch (event.kind) {
    case 'passport':
      return details(
        messagePart(`timeline.passport.${event.eventType}`, { office: event.officeCode }),
        event.passportNumber && messagePart('timeline.passportNumber', { passport: event.passportNumber }),
        event.destinationCountry &&
          messagePart('timeline.destination', { country: event.destinationCountry }),
        event.declaredPurpose && messagePart('timeline.purpose', { purpose: event.declaredPurpose }),
        event.decisionReason && messagePart('timeline.decisionReason', { category: event.decisionReason }),
      );
    case 'crossing':
      return details(
        messagePart(`timeline.crossing.${event.direction}.${event.stage}`, {
          checkpoint: event.checkpointCode,
        }),
        event.counterId && messagePart('timeline.counter', { counter: event.counterId }),
        messagePart(event.direction === 'DEPARTURE' ? 'timeline.to' : 'timeline.from', {
          country: event.countryCode,
        }),
        event.declaredPurpose && messagePart('timeline.declared', { purpose: event.declaredPurpose }),
        event.returnDate
          ? messagePart('timeline.return', { date: event.returnDate })
          : event.direction === 'DEPARTURE' && messagePart('timeline.noReturn', {}),
        event.sponsor && messagePart('timeline.sponsor', { sponsor: event.sponsor }),
      );
    case 'placement':
      return [
        messagePart('timeline.placement', {
          placement: event.placementId,
          placementEvent: event.eventType,
          company: event.p3miName,
          country: event.destinationCountry,
        }),
      ];
    case 'identity':
      return [messagePart('timeline.identity', { identityEvent: event.eventType })];
    case 'rejudge':
      return [messagePart(`timeline.rejudge.${event.cause}`, {})];
    case 'abroad': {
      const values = {
        report: event.reportId,
        country: event.countryCode,
        category: event.category,
        reportStatus: event.caseStatus,
      };
      return [
        event.city
          ? messagePart('timeline.abroadCity', { ...values, city: event.city })
          : messagePart('timeline.abroad', values),
      ];
    }
  }
}
