// Generated from schemas/avro/passport-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type PassportEvent = IdWaspadaEvents.PassportEvent;

export namespace IdWaspadaEvents {
    export const SourceAgencySchema = "{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"}";
    export const SourceAgencyName = "id.waspada.events.SourceAgency";
    /**
     * Agencies that publish to Waspada.
     */
    export type SourceAgency = "IMIGRASI" | "KP2MI" | "DUKCAPIL" | "KEMLU" | "POLRI" | "KOMDIGI";
    export const PassportEventTypeSchema = "{\"type\":\"enum\",\"name\":\"PassportEventType\",\"symbols\":[\"APPLICATION_SUBMITTED\",\"INTERVIEWED\",\"ISSUED\",\"REFUSED\",\"DEFERRED\",\"REVOKED\",\"REPORTED_LOST\"]}";
    export const PassportEventTypeName = "id.waspada.events.PassportEventType";
    export type PassportEventType = "APPLICATION_SUBMITTED" | "INTERVIEWED" | "ISSUED" | "REFUSED" | "DEFERRED" | "REVOKED" | "REPORTED_LOST";
    export const SexSchema = "{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}";
    export const SexName = "id.waspada.events.Sex";
    export type Sex = "MALE" | "FEMALE";
    export const TravelPurposeSchema = "{\"type\":\"enum\",\"name\":\"TravelPurpose\",\"symbols\":[\"TOURISM\",\"UMRAH\",\"HAJJ\",\"WORK\",\"BUSINESS\",\"VISIT_FAMILY\",\"STUDY\",\"OTHER\"],\"doc\":\"Purpose of travel as the traveller declared it.\"}";
    export const TravelPurposeName = "id.waspada.events.TravelPurpose";
    /**
     * Purpose of travel as the traveller declared it.
     */
    export type TravelPurpose = "TOURISM" | "UMRAH" | "HAJJ" | "WORK" | "BUSINESS" | "VISIT_FAMILY" | "STUDY" | "OTHER";
    export const PassportDecisionReasonSchema = "{\"type\":\"enum\",\"name\":\"PassportDecisionReason\",\"symbols\":[\"SUSPECTED_NON_PROCEDURAL_WORK\",\"INCOMPLETE_DOCUMENTS\",\"IDENTITY_DOUBT\",\"FORGED_DOCUMENT\",\"COURT_ORDER\",\"OTHER\"]}";
    export const PassportDecisionReasonName = "id.waspada.events.PassportDecisionReason";
    export type PassportDecisionReason = "SUSPECTED_NON_PROCEDURAL_WORK" | "INCOMPLETE_DOCUMENTS" | "IDENTITY_DOUBT" | "FORGED_DOCUMENT" | "COURT_ORDER" | "OTHER";
    export const IssuedDocumentTypeSchema = "{\"type\":\"enum\",\"name\":\"IssuedDocumentType\",\"symbols\":[\"PASSPORT\",\"PLB\"],\"doc\":\"Ordinary or electronic passport, or a border pass.\"}";
    export const IssuedDocumentTypeName = "id.waspada.events.IssuedDocumentType";
    /**
     * Ordinary or electronic passport, or a border pass.
     */
    export type IssuedDocumentType = "PASSPORT" | "PLB";
    export const PassportEventSchema = "{\"type\":\"record\",\"name\":\"PassportEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"A step in a person's passport lifecycle at an immigration office (SIMKIM). Topic waspada.immigration.passport.v1, key NIK.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.\"},{\"name\":\"recordTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.\"},{\"name\":\"sourceAgency\",\"type\":{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"},\"doc\":\"IMIGRASI.\"},{\"name\":\"sourceSystem\",\"type\":\"string\",\"doc\":\"The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's 16-digit NIK, also the message key, so one person's events share a partition. Personal data (UU PDP 27/2022).\"},{\"name\":\"eventType\",\"type\":{\"type\":\"enum\",\"name\":\"PassportEventType\",\"symbols\":[\"APPLICATION_SUBMITTED\",\"INTERVIEWED\",\"ISSUED\",\"REFUSED\",\"DEFERRED\",\"REVOKED\",\"REPORTED_LOST\"]},\"doc\":\"Which step: application submitted, interviewed, passport issued, application refused or deferred, passport revoked or reported lost.\"},{\"name\":\"applicationId\",\"type\":\"string\",\"doc\":\"The office's application number; ties the steps of one application together.\"},{\"name\":\"officeCode\",\"type\":\"string\",\"doc\":\"Code of the immigration office (Kantor Imigrasi) handling it.\"},{\"name\":\"officeRegencyCode\",\"type\":\"string\",\"doc\":\"Kemendagri code (4 digits) of the regency or city the office stands in: a new application at another office after a refusal is a signal.\"},{\"name\":\"passportNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Passport number, once issued (ISSUED, REVOKED, REPORTED_LOST).\"},{\"name\":\"fullName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name on the application. Personal data.\"},{\"name\":\"birthDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Birth date on the application, YYYY-MM-DD. Personal data.\"},{\"name\":\"sex\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}],\"default\":null,\"doc\":\"Sex on the application.\"},{\"name\":\"declaredPurpose\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"TravelPurpose\",\"symbols\":[\"TOURISM\",\"UMRAH\",\"HAJJ\",\"WORK\",\"BUSINESS\",\"VISIT_FAMILY\",\"STUDY\",\"OTHER\"],\"doc\":\"Purpose of travel as the traveller declared it.\"}],\"default\":null,\"doc\":\"Purpose of travel declared on the application.\"},{\"name\":\"destinationCountry\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Destination declared on the application, ISO 3166-1 alpha-2.\"},{\"name\":\"decisionReason\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"PassportDecisionReason\",\"symbols\":[\"SUSPECTED_NON_PROCEDURAL_WORK\",\"INCOMPLETE_DOCUMENTS\",\"IDENTITY_DOUBT\",\"FORGED_DOCUMENT\",\"COURT_ORDER\",\"OTHER\"]}],\"default\":null,\"doc\":\"Why an application was refused or deferred or a passport revoked. SUSPECTED_NON_PROCEDURAL_WORK is the refusal immigration offices give for suspected illegal work abroad.\"},{\"name\":\"documentType\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"IssuedDocumentType\",\"symbols\":[\"PASSPORT\",\"PLB\"],\"doc\":\"Ordinary or electronic passport, or a border pass.\"}],\"default\":null,\"doc\":\"Added 2026-12. What the record is about: a passport (null means a passport, as before) or a PLB (pas lintas batas), the border pass residents of border districts use at their own post. A PLB number is checked as a PLB number.\"},{\"name\":\"plbBorderPosts\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Added 2026-12. On a PLB: the PLBN checkpoint codes where it may be used (the post of the holder's own border). Used by R10: a PLB used at another border.\"},{\"name\":\"plbAgreedArea\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. On a PLB: the area across the border the holder may visit under the border-crossing agreement (for example the border districts of Sarawak). Shown to the desk.\"},{\"name\":\"plbAllowedStayDays\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Added 2026-12. On a PLB: the days a holder may stay across the border per crossing. Used by R10's overstay check in place of the rule set's default.\"}]}";
    export const PassportEventName = "id.waspada.events.PassportEvent";
    /**
     * A step in a person's passport lifecycle at an immigration office (SIMKIM). Topic waspada.immigration.passport.v1, key NIK.
     */
    export interface PassportEvent {
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
         * Which step: application submitted, interviewed, passport issued, application refused or deferred, passport revoked or reported lost.
         */
        eventType: IdWaspadaEvents.PassportEventType;
        /**
         * The office's application number; ties the steps of one application together.
         */
        applicationId: string;
        /**
         * Code of the immigration office (Kantor Imigrasi) handling it.
         */
        officeCode: string;
        /**
         * Kemendagri code (4 digits) of the regency or city the office stands in: a new application at another office after a refusal is a signal.
         */
        officeRegencyCode: string;
        /**
         * Passport number, once issued (ISSUED, REVOKED, REPORTED_LOST).
         *
         * Default: null
         */
        passportNumber: null | string;
        /**
         * Name on the application. Personal data.
         *
         * Default: null
         */
        fullName: null | string;
        /**
         * Birth date on the application, YYYY-MM-DD. Personal data.
         *
         * Default: null
         */
        birthDate: null | string;
        /**
         * Sex on the application.
         *
         * Default: null
         */
        sex: null | IdWaspadaEvents.Sex;
        /**
         * Purpose of travel declared on the application.
         *
         * Default: null
         */
        declaredPurpose: null | IdWaspadaEvents.TravelPurpose;
        /**
         * Destination declared on the application, ISO 3166-1 alpha-2.
         *
         * Default: null
         */
        destinationCountry: null | string;
        /**
         * Why an application was refused or deferred or a passport revoked. SUSPECTED_NON_PROCEDURAL_WORK is the refusal immigration offices give for suspected illegal work abroad.
         *
         * Default: null
         */
        decisionReason: null | IdWaspadaEvents.PassportDecisionReason;
        /**
         * Added 2026-12. What the record is about: a passport (null means a passport, as before) or a PLB (pas lintas batas), the border pass residents of border districts use at their own post. A PLB number is checked as a PLB number.
         *
         * Default: null
         */
        documentType: null | IdWaspadaEvents.IssuedDocumentType;
        /**
         * Added 2026-12. On a PLB: the PLBN checkpoint codes where it may be used (the post of the holder's own border). Used by R10: a PLB used at another border.
         *
         * Default: []
         */
        plbBorderPosts: string[];
        /**
         * Added 2026-12. On a PLB: the area across the border the holder may visit under the border-crossing agreement (for example the border districts of Sarawak). Shown to the desk.
         *
         * Default: null
         */
        plbAgreedArea: null | string;
        /**
         * Added 2026-12. On a PLB: the days a holder may stay across the border per crossing. Used by R10's overstay check in place of the rule set's default.
         *
         * Default: null
         */
        plbAllowedStayDays: null | number;
    }
}

