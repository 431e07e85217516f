// Generated from schemas/avro/citizen-abroad-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type CitizenAbroadEvent = IdWaspadaEvents.CitizenAbroadEvent;

export namespace IdWaspadaEvents {
    export const SourceAgencySchema = "{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"}";
    export const SourceAgencyName = "id.waspada.events.SourceAgency";
    /**
     * Agencies that publish to Waspada.
     */
    export type SourceAgency = "IMIGRASI" | "KP2MI" | "DUKCAPIL" | "KEMLU" | "POLRI" | "KOMDIGI";
    export const CitizenCaseCategorySchema = "{\"type\":\"enum\",\"name\":\"CitizenCaseCategory\",\"symbols\":[\"TRAFFICKING\",\"ONLINE_SCAM_COMPOUND\",\"DETAINED\",\"UNPAID_WAGES\",\"ABUSE\",\"UNDOCUMENTED\",\"DEPORTED\",\"REPATRIATED\",\"DECEASED\",\"OTHER\"]}";
    export const CitizenCaseCategoryName = "id.waspada.events.CitizenCaseCategory";
    export type CitizenCaseCategory = "TRAFFICKING" | "ONLINE_SCAM_COMPOUND" | "DETAINED" | "UNPAID_WAGES" | "ABUSE" | "UNDOCUMENTED" | "DEPORTED" | "REPATRIATED" | "DECEASED" | "OTHER";
    export const CaseStatusSchema = "{\"type\":\"enum\",\"name\":\"CaseStatus\",\"symbols\":[\"OPEN\",\"CLOSED\"]}";
    export const CaseStatusName = "id.waspada.events.CaseStatus";
    export type CaseStatus = "OPEN" | "CLOSED";
    export const ReporterSchema = "{\"type\":\"enum\",\"name\":\"Reporter\",\"symbols\":[\"EMBASSY\",\"FAMILY\",\"NGO\",\"POLICE\",\"SELF\",\"OTHER\"]}";
    export const ReporterName = "id.waspada.events.Reporter";
    export type Reporter = "EMBASSY" | "FAMILY" | "NGO" | "POLICE" | "SELF" | "OTHER";
    export const CitizenAbroadEventSchema = "{\"type\":\"record\",\"name\":\"CitizenAbroadEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"A report about an Indonesian citizen in trouble abroad (foreign ministry, Peduli WNI). Topic waspada.kemlu.citizen-abroad.v1, key NIK (or passport:<number> when the NIK is unknown).\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.\"},{\"name\":\"recordTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.\"},{\"name\":\"sourceAgency\",\"type\":{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"},\"doc\":\"KEMLU.\"},{\"name\":\"sourceSystem\",\"type\":\"string\",\"doc\":\"The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.\"},{\"name\":\"nik\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The person's 16-digit NIK when the reporter knows it; else passportNumber identifies the person. Personal data (UU PDP 27/2022).\"},{\"name\":\"reportId\",\"type\":\"string\",\"doc\":\"Peduli WNI case number; later reports on the same case reuse it.\"},{\"name\":\"passportNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Passport number, when known; identifies the person when the NIK is not known.\"},{\"name\":\"fullName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name as reported. Personal data.\"},{\"name\":\"category\",\"type\":{\"type\":\"enum\",\"name\":\"CitizenCaseCategory\",\"symbols\":[\"TRAFFICKING\",\"ONLINE_SCAM_COMPOUND\",\"DETAINED\",\"UNPAID_WAGES\",\"ABUSE\",\"UNDOCUMENTED\",\"DEPORTED\",\"REPATRIATED\",\"DECEASED\",\"OTHER\"]},\"doc\":\"What the case is about.\"},{\"name\":\"countryCode\",\"type\":\"string\",\"doc\":\"Country where the citizen is, ISO 3166-1 alpha-2.\"},{\"name\":\"city\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"City or area abroad.\"},{\"name\":\"caseStatus\",\"type\":{\"type\":\"enum\",\"name\":\"CaseStatus\",\"symbols\":[\"OPEN\",\"CLOSED\"]},\"doc\":\"Whether the case is still being handled.\"},{\"name\":\"reportedBy\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Reporter\",\"symbols\":[\"EMBASSY\",\"FAMILY\",\"NGO\",\"POLICE\",\"SELF\",\"OTHER\"]}],\"default\":null,\"doc\":\"Who reported it.\"},{\"name\":\"companions\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"NIKs or passport numbers of other people in the same case (travelled or held together).\"},{\"name\":\"recruiterName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. The recruiter, sponsor or agent the victim named. Used by R11: a later traveller naming the same sponsor is flagged.\"},{\"name\":\"companionNames\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Added 2026-12. Names of companions the report mentions when no NIK or passport number is known. Shown to analysts.\"}]}";
    export const CitizenAbroadEventName = "id.waspada.events.CitizenAbroadEvent";
    /**
     * A report about an Indonesian citizen in trouble abroad (foreign ministry, Peduli WNI). Topic waspada.kemlu.citizen-abroad.v1, key NIK (or passport:<number> when the NIK is unknown).
     */
    export interface CitizenAbroadEvent {
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
         * KEMLU.
         */
        sourceAgency: IdWaspadaEvents.SourceAgency;
        /**
         * The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.
         */
        sourceSystem: string;
        /**
         * The person's 16-digit NIK when the reporter knows it; else passportNumber identifies the person. Personal data (UU PDP 27/2022).
         *
         * Default: null
         */
        nik: null | string;
        /**
         * Peduli WNI case number; later reports on the same case reuse it.
         */
        reportId: string;
        /**
         * Passport number, when known; identifies the person when the NIK is not known.
         *
         * Default: null
         */
        passportNumber: null | string;
        /**
         * Name as reported. Personal data.
         *
         * Default: null
         */
        fullName: null | string;
        /**
         * What the case is about.
         */
        category: IdWaspadaEvents.CitizenCaseCategory;
        /**
         * Country where the citizen is, ISO 3166-1 alpha-2.
         */
        countryCode: string;
        /**
         * City or area abroad.
         *
         * Default: null
         */
        city: null | string;
        /**
         * Whether the case is still being handled.
         */
        caseStatus: IdWaspadaEvents.CaseStatus;
        /**
         * Who reported it.
         *
         * Default: null
         */
        reportedBy: null | IdWaspadaEvents.Reporter;
        /**
         * NIKs or passport numbers of other people in the same case (travelled or held together).
         *
         * Default: []
         */
        companions: string[];
        /**
         * Added 2026-12. The recruiter, sponsor or agent the victim named. Used by R11: a later traveller naming the same sponsor is flagged.
         *
         * Default: null
         */
        recruiterName: null | string;
        /**
         * Added 2026-12. Names of companions the report mentions when no NIK or passport number is known. Shown to analysts.
         *
         * Default: []
         */
        companionNames: string[];
    }
}

