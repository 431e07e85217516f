// Generated from schemas/avro/watchlist-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type WatchlistEvent = IdWaspadaEvents.WatchlistEvent;

export namespace IdWaspadaEvents {
    export const SourceAgencySchema = "{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"}";
    export const SourceAgencyName = "id.waspada.events.SourceAgency";
    /**
     * Agencies that publish to Waspada.
     */
    export type SourceAgency = "IMIGRASI" | "KP2MI" | "DUKCAPIL" | "KEMLU" | "POLRI" | "KOMDIGI";
    export const WatchlistEntryTypeSchema = "{\"type\":\"enum\",\"name\":\"WatchlistEntryType\",\"symbols\":[\"RECRUITER\",\"SPONSOR\",\"PLACEMENT_COMPANY\",\"PHONE_NUMBER\",\"SOCIAL_MEDIA_ACCOUNT\"]}";
    export const WatchlistEntryTypeName = "id.waspada.events.WatchlistEntryType";
    export type WatchlistEntryType = "RECRUITER" | "SPONSOR" | "PLACEMENT_COMPANY" | "PHONE_NUMBER" | "SOCIAL_MEDIA_ACCOUNT";
    export const LicenceStatusSchema = "{\"type\":\"enum\",\"name\":\"LicenceStatus\",\"symbols\":[\"ACTIVE\",\"SUSPENDED\",\"REVOKED\"],\"doc\":\"State of a placement company's (P3MI) licence.\"}";
    export const LicenceStatusName = "id.waspada.events.LicenceStatus";
    /**
     * State of a placement company's (P3MI) licence.
     */
    export type LicenceStatus = "ACTIVE" | "SUSPENDED" | "REVOKED";
    export const WatchlistEventSchema = "{\"type\":\"record\",\"name\":\"WatchlistEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"An entry on a watchlist: a recruiter or sponsor, a placement company (with its licence status), or a phone number or social-media account reported for fake job offers. Topic waspada.watchlist.v1, key entryId, compacted: the latest record per entry is the entry.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.\"},{\"name\":\"recordTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.\"},{\"name\":\"sourceAgency\",\"type\":{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"},\"doc\":\"Agency that listed it: POLRI, KP2MI, KOMDIGI or IMIGRASI.\"},{\"name\":\"sourceSystem\",\"type\":\"string\",\"doc\":\"The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.\"},{\"name\":\"entryId\",\"type\":\"string\",\"doc\":\"Stable id of the entry; the message key.\"},{\"name\":\"entryType\",\"type\":{\"type\":\"enum\",\"name\":\"WatchlistEntryType\",\"symbols\":[\"RECRUITER\",\"SPONSOR\",\"PLACEMENT_COMPANY\",\"PHONE_NUMBER\",\"SOCIAL_MEDIA_ACCOUNT\"]},\"doc\":\"What is listed.\"},{\"name\":\"name\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name of the person or company, matched tolerantly (spelling variants, single names, titles).\"},{\"name\":\"aliases\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Other names the entry is known by.\"},{\"name\":\"identifier\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Phone number (E.164, +62...), account handle, or company licence number.\"},{\"name\":\"licenceStatus\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"LicenceStatus\",\"symbols\":[\"ACTIVE\",\"SUSPENDED\",\"REVOKED\"],\"doc\":\"State of a placement company's (P3MI) licence.\"}],\"default\":null,\"doc\":\"For PLACEMENT_COMPANY: licence status; REVOKED is itself a signal.\"},{\"name\":\"reason\",\"type\":\"string\",\"doc\":\"Why it is listed, in the listing agency's words.\"},{\"name\":\"active\",\"type\":\"boolean\",\"doc\":\"False once the entry is withdrawn; the latest record per entry decides.\"}]}";
    export const WatchlistEventName = "id.waspada.events.WatchlistEvent";
    /**
     * An entry on a watchlist: a recruiter or sponsor, a placement company (with its licence status), or a phone number or social-media account reported for fake job offers. Topic waspada.watchlist.v1, key entryId, compacted: the latest record per entry is the entry.
     */
    export interface WatchlistEvent {
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
         * Agency that listed it: POLRI, KP2MI, KOMDIGI or IMIGRASI.
         */
        sourceAgency: IdWaspadaEvents.SourceAgency;
        /**
         * The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.
         */
        sourceSystem: string;
        /**
         * Stable id of the entry; the message key.
         */
        entryId: string;
        /**
         * What is listed.
         */
        entryType: IdWaspadaEvents.WatchlistEntryType;
        /**
         * Name of the person or company, matched tolerantly (spelling variants, single names, titles).
         *
         * Default: null
         */
        name: null | string;
        /**
         * Other names the entry is known by.
         *
         * Default: []
         */
        aliases: string[];
        /**
         * Phone number (E.164, +62...), account handle, or company licence number.
         *
         * Default: null
         */
        identifier: null | string;
        /**
         * For PLACEMENT_COMPANY: licence status; REVOKED is itself a signal.
         *
         * Default: null
         */
        licenceStatus: null | IdWaspadaEvents.LicenceStatus;
        /**
         * Why it is listed, in the listing agency's words.
         */
        reason: string;
        /**
         * False once the entry is withdrawn; the latest record per entry decides.
         */
        active: boolean;
    }
}

