// Generated from schemas/avro/border-crossing-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type BorderCrossingEvent = IdWaspadaEvents.BorderCrossingEvent;

export namespace IdWaspadaEvents {
    export const SourceAgencySchema = "{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"}";
    export const SourceAgencyName = "id.waspada.events.SourceAgency";
    /**
     * Agencies that publish to Waspada.
     */
    export type SourceAgency = "IMIGRASI" | "KP2MI" | "DUKCAPIL" | "KEMLU" | "POLRI" | "KOMDIGI";
    export const CrossingDirectionSchema = "{\"type\":\"enum\",\"name\":\"CrossingDirection\",\"symbols\":[\"DEPARTURE\",\"ARRIVAL\"]}";
    export const CrossingDirectionName = "id.waspada.events.CrossingDirection";
    export type CrossingDirection = "DEPARTURE" | "ARRIVAL";
    export const CrossingStageSchema = "{\"type\":\"enum\",\"name\":\"CrossingStage\",\"symbols\":[\"PRE_CLEARANCE_SCAN\",\"CLEARED\",\"DENIED\"]}";
    export const CrossingStageName = "id.waspada.events.CrossingStage";
    export type CrossingStage = "PRE_CLEARANCE_SCAN" | "CLEARED" | "DENIED";
    export const CheckpointTypeSchema = "{\"type\":\"enum\",\"name\":\"CheckpointType\",\"symbols\":[\"AIR\",\"SEA\",\"LAND\"]}";
    export const CheckpointTypeName = "id.waspada.events.CheckpointType";
    export type CheckpointType = "AIR" | "SEA" | "LAND";
    export const TravelDocumentTypeSchema = "{\"type\":\"enum\",\"name\":\"TravelDocumentType\",\"symbols\":[\"PASSPORT\",\"PLB\",\"EMERGENCY_TRAVEL_DOCUMENT\"]}";
    export const TravelDocumentTypeName = "id.waspada.events.TravelDocumentType";
    export type TravelDocumentType = "PASSPORT" | "PLB" | "EMERGENCY_TRAVEL_DOCUMENT";
    export const SexSchema = "{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}";
    export const SexName = "id.waspada.events.Sex";
    export type Sex = "MALE" | "FEMALE";
    export const TravelPurposeSchema = "{\"type\":\"enum\",\"name\":\"TravelPurpose\",\"symbols\":[\"TOURISM\",\"UMRAH\",\"HAJJ\",\"WORK\",\"BUSINESS\",\"VISIT_FAMILY\",\"STUDY\",\"OTHER\"],\"doc\":\"Purpose of travel as the traveller declared it.\"}";
    export const TravelPurposeName = "id.waspada.events.TravelPurpose";
    /**
     * Purpose of travel as the traveller declared it.
     */
    export type TravelPurpose = "TOURISM" | "UMRAH" | "HAJJ" | "WORK" | "BUSINESS" | "VISIT_FAMILY" | "STUDY" | "OTHER";
    export const BookingPassengerSchema = "{\"type\":\"record\",\"name\":\"BookingPassenger\",\"fields\":[{\"name\":\"fullName\",\"type\":\"string\",\"doc\":\"Name as on the booking.\"},{\"name\":\"documentNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Passport or other document number given for the passenger.\"},{\"name\":\"birthDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Date of birth YYYY-MM-DD, from advance passenger information.\"},{\"name\":\"nik\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The passenger's NIK when Immigration resolved it. Personal data.\"}],\"doc\":\"Another passenger on the same booking, from API/PNR data.\"}";
    export const BookingPassengerName = "id.waspada.events.BookingPassenger";
    /**
     * Another passenger on the same booking, from API/PNR data.
     */
    export interface BookingPassenger {
        /**
         * Name as on the booking.
         */
        fullName: string;
        /**
         * Passport or other document number given for the passenger.
         *
         * Default: null
         */
        documentNumber: null | string;
        /**
         * Date of birth YYYY-MM-DD, from advance passenger information.
         *
         * Default: null
         */
        birthDate: null | string;
        /**
         * The passenger's NIK when Immigration resolved it. Personal data.
         *
         * Default: null
         */
        nik: null | string;
    }
    export const TicketPayerSchema = "{\"type\":\"enum\",\"name\":\"TicketPayer\",\"symbols\":[\"SELF\",\"FAMILY\",\"EMPLOYER\",\"TRAVEL_AGENCY\",\"SPONSOR\",\"OTHER\"],\"doc\":\"Who paid for the ticket, from the PNR's form of payment.\"}";
    export const TicketPayerName = "id.waspada.events.TicketPayer";
    /**
     * Who paid for the ticket, from the PNR's form of payment.
     */
    export type TicketPayer = "SELF" | "FAMILY" | "EMPLOYER" | "TRAVEL_AGENCY" | "SPONSOR" | "OTHER";
    export const VisaTypeSchema = "{\"type\":\"enum\",\"name\":\"VisaType\",\"symbols\":[\"NOT_REQUIRED\",\"TOURIST\",\"VISA_ON_ARRIVAL\",\"VISIT\",\"UMRAH\",\"HAJJ\",\"STUDENT\",\"BUSINESS\",\"MEDICAL\",\"WORK\",\"SEAFARER\",\"RESIDENCE\",\"OTHER\"],\"doc\":\"The visa the traveller holds for the destination.\"}";
    export const VisaTypeName = "id.waspada.events.VisaType";
    /**
     * The visa the traveller holds for the destination.
     */
    export type VisaType = "NOT_REQUIRED" | "TOURIST" | "VISA_ON_ARRIVAL" | "VISIT" | "UMRAH" | "HAJJ" | "STUDENT" | "BUSINESS" | "MEDICAL" | "WORK" | "SEAFARER" | "RESIDENCE" | "OTHER";
    export const ArrivalCategorySchema = "{\"type\":\"enum\",\"name\":\"ArrivalCategory\",\"symbols\":[\"REGULAR\",\"DEPORTED\",\"REPATRIATED\",\"EMERGENCY_TRAVEL_DOCUMENT\",\"RETURNING_MIGRANT_WORKER\"],\"doc\":\"How a citizen came home.\"}";
    export const ArrivalCategoryName = "id.waspada.events.ArrivalCategory";
    /**
     * How a citizen came home.
     */
    export type ArrivalCategory = "REGULAR" | "DEPORTED" | "REPATRIATED" | "EMERGENCY_TRAVEL_DOCUMENT" | "RETURNING_MIGRANT_WORKER";
    export const BorderCrossingEventSchema = "{\"type\":\"record\",\"name\":\"BorderCrossingEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"A traveller at a TPI (airport or seaport) or PLBN (land post) checkpoint. The pre-clearance scan at the counter comes before clearance, so an alert can reach the desk while the traveller still stands there. Topic waspada.immigration.border-crossing.v1, key NIK.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.\"},{\"name\":\"recordTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.\"},{\"name\":\"sourceAgency\",\"type\":{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"},\"doc\":\"IMIGRASI.\"},{\"name\":\"sourceSystem\",\"type\":\"string\",\"doc\":\"The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's 16-digit NIK, also the message key, so one person's events share a partition. Personal data (UU PDP 27/2022).\"},{\"name\":\"direction\",\"type\":{\"type\":\"enum\",\"name\":\"CrossingDirection\",\"symbols\":[\"DEPARTURE\",\"ARRIVAL\"]},\"doc\":\"Leaving or entering Indonesia.\"},{\"name\":\"stage\",\"type\":{\"type\":\"enum\",\"name\":\"CrossingStage\",\"symbols\":[\"PRE_CLEARANCE_SCAN\",\"CLEARED\",\"DENIED\"]},\"doc\":\"PRE_CLEARANCE_SCAN: document scanned at the counter, not yet cleared. CLEARED: stamped through. DENIED: exit or entry refused.\"},{\"name\":\"checkpointCode\",\"type\":\"string\",\"doc\":\"Checkpoint code from the reference list (IATA code for airports, SEA-... for seaports, PLBN-... for land posts).\"},{\"name\":\"checkpointType\",\"type\":{\"type\":\"enum\",\"name\":\"CheckpointType\",\"symbols\":[\"AIR\",\"SEA\",\"LAND\"]},\"doc\":\"Airport, seaport or land post.\"},{\"name\":\"counterId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The desk or counter within the checkpoint that scanned the document, so an alert goes to that desk.\"},{\"name\":\"documentType\",\"type\":{\"type\":\"enum\",\"name\":\"TravelDocumentType\",\"symbols\":[\"PASSPORT\",\"PLB\",\"EMERGENCY_TRAVEL_DOCUMENT\"]},\"doc\":\"Passport, PLB (pas lintas batas, the cross-border pass for border residents) or emergency travel document (SPLP).\"},{\"name\":\"documentNumber\",\"type\":\"string\",\"doc\":\"Number of the travel document.\"},{\"name\":\"fullName\",\"type\":\"string\",\"doc\":\"Name as printed on the document. Personal data.\"},{\"name\":\"birthDate\",\"type\":\"string\",\"doc\":\"Birth date on the document, YYYY-MM-DD. Personal data.\"},{\"name\":\"sex\",\"type\":{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]},\"doc\":\"Sex on the document.\"},{\"name\":\"countryCode\",\"type\":\"string\",\"doc\":\"Destination country on departure, origin country on arrival, ISO 3166-1 alpha-2.\"},{\"name\":\"transitCountries\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Countries of declared transit stops, ISO 3166-1 alpha-2, in order.\"},{\"name\":\"carrier\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Airline, ship operator or bus company.\"},{\"name\":\"flightOrVessel\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flight number, vessel name or vehicle plate.\"},{\"name\":\"declaredPurpose\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"TravelPurpose\",\"symbols\":[\"TOURISM\",\"UMRAH\",\"HAJJ\",\"WORK\",\"BUSINESS\",\"VISIT_FAMILY\",\"STUDY\",\"OTHER\"],\"doc\":\"Purpose of travel as the traveller declared it.\"}],\"default\":null,\"doc\":\"Purpose the traveller declared at the counter.\"},{\"name\":\"returnDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Date of the return booking shown, YYYY-MM-DD; null when the traveller shows none (one-way).\"},{\"name\":\"bookingReference\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Booking or ticket reference (PNR); travellers sharing one travel together.\"},{\"name\":\"groupReference\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Tour or pilgrimage group the traveller belongs to.\"},{\"name\":\"travelOrganizerLicence\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Licence number of the travel organiser (PPIU for umrah) of the group, if any.\"},{\"name\":\"sponsor\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Person or company named as sponsor or guarantor of the trip.\"},{\"name\":\"finalDestinationCountry\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. Where the whole itinerary ends (ISO alpha-2), from the airline's API/PNR data, when the ticket goes on beyond countryCode (a transit hub hides the real destination). Used by R01 and R02, which judge the final destination as well as the first stop.\"},{\"name\":\"bookingPartySize\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Added 2026-12. How many passengers the booking (PNR) holds, this traveller included. Used by R07 (a minor on a booking with others is not alone) and R08 (a family on one booking is not a recruited group).\"},{\"name\":\"bookingParty\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"BookingPassenger\",\"fields\":[{\"name\":\"fullName\",\"type\":\"string\",\"doc\":\"Name as on the booking.\"},{\"name\":\"documentNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Passport or other document number given for the passenger.\"},{\"name\":\"birthDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Date of birth YYYY-MM-DD, from advance passenger information.\"},{\"name\":\"nik\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The passenger's NIK when Immigration resolved it. Personal data.\"}],\"doc\":\"Another passenger on the same booking, from API/PNR data.\"}},\"default\":[],\"doc\":\"Added 2026-12. The other passengers on the booking, from the airline's API/PNR data. Used by R07 (an adult of the traveller's family card on the booking) and R08 (a family travels together; a group of strangers from one regency does not).\"},{\"name\":\"ticketPaidBy\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"TicketPayer\",\"symbols\":[\"SELF\",\"FAMILY\",\"EMPLOYER\",\"TRAVEL_AGENCY\",\"SPONSOR\",\"OTHER\"],\"doc\":\"Who paid for the ticket, from the PNR's form of payment.\"}],\"default\":null,\"doc\":\"Added 2026-12. Who paid the ticket. Used by R01: a ticket paid by a sponsor or an employer for a traveller with no placement is a sign of recruitment (brokers advance the fare and recover it from wages).\"},{\"name\":\"visaType\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"VisaType\",\"symbols\":[\"NOT_REQUIRED\",\"TOURIST\",\"VISA_ON_ARRIVAL\",\"VISIT\",\"UMRAH\",\"HAJJ\",\"STUDENT\",\"BUSINESS\",\"MEDICAL\",\"WORK\",\"SEAFARER\",\"RESIDENCE\",\"OTHER\"],\"doc\":\"The visa the traveller holds for the destination.\"}],\"default\":null,\"doc\":\"Added 2026-12. The visa shown for the destination. Used by R01 (a work visa without a KP2MI placement) and shown beside the purpose.\"},{\"name\":\"travelAgencyName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. The travel agency or tour operator that sold the trip (PPIU for umrah, with travelOrganizerLicence as its licence). Used by R09 (watchlisted agency names) and R01 (a licensed organiser's group).\"},{\"name\":\"contactPhones\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Added 2026-12. Contact phone numbers on the booking, digits with country code (628...). Used by R09: watchlists hold recruiters' phone numbers.\"},{\"name\":\"arrivalCategory\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"ArrivalCategory\",\"symbols\":[\"REGULAR\",\"DEPORTED\",\"REPATRIATED\",\"EMERGENCY_TRAVEL_DOCUMENT\",\"RETURNING_MIGRANT_WORKER\"],\"doc\":\"How a citizen came home.\"}],\"default\":null,\"doc\":\"Added 2026-12. On an ARRIVAL: regular, deported, repatriated (by the state, often from a scam compound or abuse), on an emergency travel document (SPLP) or a returning worker. Used by R12: a new departure soon after a deportation or repatriation.\"}]}";
    export const BorderCrossingEventName = "id.waspada.events.BorderCrossingEvent";
    /**
     * A traveller at a TPI (airport or seaport) or PLBN (land post) checkpoint. The pre-clearance scan at the counter comes before clearance, so an alert can reach the desk while the traveller still stands there. Topic waspada.immigration.border-crossing.v1, key NIK.
     */
    export interface BorderCrossingEvent {
        /**
         * Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.
         */
        eventId: string;
        /**
         * When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.
         */
        eventTime: number;
        /**
         * When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.
         */
        recordTime: number;
        /**
         * IMIGRASI.
         */
        sourceAgency: IdWaspadaEvents.SourceAgency;
        /**
         * The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.
         */
        sourceSystem: string;
        /**
         * The person's 16-digit NIK, also the message key, so one person's events share a partition. Personal data (UU PDP 27/2022).
         */
        nik: string;
        /**
         * Leaving or entering Indonesia.
         */
        direction: IdWaspadaEvents.CrossingDirection;
        /**
         * PRE_CLEARANCE_SCAN: document scanned at the counter, not yet cleared. CLEARED: stamped through. DENIED: exit or entry refused.
         */
        stage: IdWaspadaEvents.CrossingStage;
        /**
         * Checkpoint code from the reference list (IATA code for airports, SEA-... for seaports, PLBN-... for land posts).
         */
        checkpointCode: string;
        /**
         * Airport, seaport or land post.
         */
        checkpointType: IdWaspadaEvents.CheckpointType;
        /**
         * The desk or counter within the checkpoint that scanned the document, so an alert goes to that desk.
         *
         * Default: null
         */
        counterId: null | string;
        /**
         * Passport, PLB (pas lintas batas, the cross-border pass for border residents) or emergency travel document (SPLP).
         */
        documentType: IdWaspadaEvents.TravelDocumentType;
        /**
         * Number of the travel document.
         */
        documentNumber: string;
        /**
         * Name as printed on the document. Personal data.
         */
        fullName: string;
        /**
         * Birth date on the document, YYYY-MM-DD. Personal data.
         */
        birthDate: string;
        /**
         * Sex on the document.
         */
        sex: IdWaspadaEvents.Sex;
        /**
         * Destination country on departure, origin country on arrival, ISO 3166-1 alpha-2.
         */
        countryCode: string;
        /**
         * Countries of declared transit stops, ISO 3166-1 alpha-2, in order.
         *
         * Default: []
         */
        transitCountries: string[];
        /**
         * Airline, ship operator or bus company.
         *
         * Default: null
         */
        carrier: null | string;
        /**
         * Flight number, vessel name or vehicle plate.
         *
         * Default: null
         */
        flightOrVessel: null | string;
        /**
         * Purpose the traveller declared at the counter.
         *
         * Default: null
         */
        declaredPurpose: null | IdWaspadaEvents.TravelPurpose;
        /**
         * Date of the return booking shown, YYYY-MM-DD; null when the traveller shows none (one-way).
         *
         * Default: null
         */
        returnDate: null | string;
        /**
         * Booking or ticket reference (PNR); travellers sharing one travel together.
         *
         * Default: null
         */
        bookingReference: null | string;
        /**
         * Tour or pilgrimage group the traveller belongs to.
         *
         * Default: null
         */
        groupReference: null | string;
        /**
         * Licence number of the travel organiser (PPIU for umrah) of the group, if any.
         *
         * Default: null
         */
        travelOrganizerLicence: null | string;
        /**
         * Person or company named as sponsor or guarantor of the trip.
         *
         * Default: null
         */
        sponsor: null | string;
        /**
         * Added 2026-12. Where the whole itinerary ends (ISO alpha-2), from the airline's API/PNR data, when the ticket goes on beyond countryCode (a transit hub hides the real destination). Used by R01 and R02, which judge the final destination as well as the first stop.
         *
         * Default: null
         */
        finalDestinationCountry: null | string;
        /**
         * Added 2026-12. How many passengers the booking (PNR) holds, this traveller included. Used by R07 (a minor on a booking with others is not alone) and R08 (a family on one booking is not a recruited group).
         *
         * Default: null
         */
        bookingPartySize: null | number;
        /**
         * Added 2026-12. The other passengers on the booking, from the airline's API/PNR data. Used by R07 (an adult of the traveller's family card on the booking) and R08 (a family travels together; a group of strangers from one regency does not).
         *
         * Default: []
         */
        bookingParty: IdWaspadaEvents.BookingPassenger[];
        /**
         * Added 2026-12. Who paid the ticket. Used by R01: a ticket paid by a sponsor or an employer for a traveller with no placement is a sign of recruitment (brokers advance the fare and recover it from wages).
         *
         * Default: null
         */
        ticketPaidBy: null | IdWaspadaEvents.TicketPayer;
        /**
         * Added 2026-12. The visa shown for the destination. Used by R01 (a work visa without a KP2MI placement) and shown beside the purpose.
         *
         * Default: null
         */
        visaType: null | IdWaspadaEvents.VisaType;
        /**
         * Added 2026-12. The travel agency or tour operator that sold the trip (PPIU for umrah, with travelOrganizerLicence as its licence). Used by R09 (watchlisted agency names) and R01 (a licensed organiser's group).
         *
         * Default: null
         */
        travelAgencyName: null | string;
        /**
         * Added 2026-12. Contact phone numbers on the booking, digits with country code (628...). Used by R09: watchlists hold recruiters' phone numbers.
         *
         * Default: []
         */
        contactPhones: string[];
        /**
         * Added 2026-12. On an ARRIVAL: regular, deported, repatriated (by the state, often from a scam compound or abuse), on an emergency travel document (SPLP) or a returning worker. Used by R12: a new departure soon after a deportation or repatriation.
         *
         * Default: null
         */
        arrivalCategory: null | IdWaspadaEvents.ArrivalCategory;
    }
}

