import type { BorderCrossingEvent } from './generated/border-crossing-event';
import type { CitizenAbroadEvent } from './generated/citizen-abroad-event';
import type { IdentityEvent } from './generated/identity-event';
import type { PassportEvent } from './generated/passport-event';
import type { PlacementEvent } from './generated/placement-event';

/**
 * The fields added to the agency contracts in 2026-12, at the defaults Avro gives them when a
 * record written under an older schema version is read: what code that builds events by hand
 * (tests, fixtures) spreads in. A test checks each against the schema's own defaults.
 */
export const ADDED_FIELD_DEFAULTS = {
  borderCrossing: (): Pick<
    BorderCrossingEvent,
    | 'finalDestinationCountry'
    | 'bookingPartySize'
    | 'bookingParty'
    | 'ticketPaidBy'
    | 'visaType'
    | 'travelAgencyName'
    | 'contactPhones'
    | 'arrivalCategory'
  > => ({
    finalDestinationCountry: null,
    bookingPartySize: null,
    bookingParty: [],
    ticketPaidBy: null,
    visaType: null,
    travelAgencyName: null,
    contactPhones: [],
    arrivalCategory: null,
  }),
  passport: (): Pick<
    PassportEvent,
    'documentType' | 'plbBorderPosts' | 'plbAgreedArea' | 'plbAllowedStayDays'
  > => ({ documentType: null, plbBorderPosts: [], plbAgreedArea: null, plbAllowedStayDays: null }),
  placement: (): Pick<PlacementEvent, 'scheme' | 'jobTitle' | 'contractEndDate'> => ({
    scheme: null,
    jobTitle: null,
    contractEndDate: null,
  }),
  identity: (): Pick<
    IdentityEvent,
    'familyCardNumber' | 'familyRelationship' | 'maritalStatus' | 'occupation'
  > => ({ familyCardNumber: null, familyRelationship: null, maritalStatus: null, occupation: null }),
  citizenAbroad: (): Pick<CitizenAbroadEvent, 'recruiterName' | 'companionNames'> => ({
    recruiterName: null,
    companionNames: [],
  }),
} as const;
