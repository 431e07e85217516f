// Generated from schemas/avro/identity-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type IdentityEvent = IdWaspadaEvents.IdentityEvent;

export namespace IdWaspadaEvents {
    export const SourceAgencySchema = "{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"}";
    export const SourceAgencyName = "id.waspada.events.SourceAgency";
    /**
     * Agencies that publish to Waspada.
     */
    export type SourceAgency = "IMIGRASI" | "KP2MI" | "DUKCAPIL" | "KEMLU" | "POLRI" | "KOMDIGI";
    export const IdentityEventTypeSchema = "{\"type\":\"enum\",\"name\":\"IdentityEventType\",\"symbols\":[\"SNAPSHOT\",\"CHANGED\",\"DECEASED\",\"DEACTIVATED\",\"DUPLICATE_FLAGGED\"]}";
    export const IdentityEventTypeName = "id.waspada.events.IdentityEventType";
    export type IdentityEventType = "SNAPSHOT" | "CHANGED" | "DECEASED" | "DEACTIVATED" | "DUPLICATE_FLAGGED";
    export const SexSchema = "{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}";
    export const SexName = "id.waspada.events.Sex";
    export type Sex = "MALE" | "FEMALE";
    export const FamilyRelationshipSchema = "{\"type\":\"enum\",\"name\":\"FamilyRelationship\",\"symbols\":[\"HEAD\",\"SPOUSE\",\"CHILD\",\"PARENT\",\"IN_LAW\",\"GRANDCHILD\",\"OTHER_RELATIVE\",\"OTHER\"],\"doc\":\"Relationship to the head of the family card.\"}";
    export const FamilyRelationshipName = "id.waspada.events.FamilyRelationship";
    /**
     * Relationship to the head of the family card.
     */
    export type FamilyRelationship = "HEAD" | "SPOUSE" | "CHILD" | "PARENT" | "IN_LAW" | "GRANDCHILD" | "OTHER_RELATIVE" | "OTHER";
    export const MaritalStatusSchema = "{\"type\":\"enum\",\"name\":\"MaritalStatus\",\"symbols\":[\"SINGLE\",\"MARRIED\",\"DIVORCED\",\"WIDOWED\"],\"doc\":\"Status in SIAK.\"}";
    export const MaritalStatusName = "id.waspada.events.MaritalStatus";
    /**
     * Status in SIAK.
     */
    export type MaritalStatus = "SINGLE" | "MARRIED" | "DIVORCED" | "WIDOWED";
    export const IdentityEventSchema = "{\"type\":\"record\",\"name\":\"IdentityEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"The Dukcapil civil-registry record behind a NIK: a snapshot, a change, or a status (deceased, deactivated, duplicate). Topic waspada.dukcapil.identity.v1, key NIK.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.\"},{\"name\":\"recordTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.\"},{\"name\":\"sourceAgency\",\"type\":{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"},\"doc\":\"DUKCAPIL.\"},{\"name\":\"sourceSystem\",\"type\":\"string\",\"doc\":\"The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's 16-digit NIK, also the message key, so one person's events share a partition. Personal data (UU PDP 27/2022).\"},{\"name\":\"eventType\",\"type\":{\"type\":\"enum\",\"name\":\"IdentityEventType\",\"symbols\":[\"SNAPSHOT\",\"CHANGED\",\"DECEASED\",\"DEACTIVATED\",\"DUPLICATE_FLAGGED\"]},\"doc\":\"SNAPSHOT: the full record. CHANGED: the fields in changedFields have new values. DECEASED, DEACTIVATED, DUPLICATE_FLAGGED: the NIK's status.\"},{\"name\":\"fullName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Registered name. Personal data.\"},{\"name\":\"birthDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Registered birth date, YYYY-MM-DD. Personal data.\"},{\"name\":\"sex\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}],\"default\":null,\"doc\":\"Registered sex.\"},{\"name\":\"birthPlace\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Registered place of birth.\"},{\"name\":\"addressRegencyCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Kemendagri code (4 digits) of the regency or city of the registered address: where local government follows up.\"},{\"name\":\"changedFields\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Names of the fields a CHANGED event updates.\"},{\"name\":\"duplicateOfNik\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"For DUPLICATE_FLAGGED: the other NIK registered for the same person.\"},{\"name\":\"familyCardNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. The Kartu Keluarga number (16 digits) the person is listed on. Used by R07 and R08: family members travel on one booking.\"},{\"name\":\"familyRelationship\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"FamilyRelationship\",\"symbols\":[\"HEAD\",\"SPOUSE\",\"CHILD\",\"PARENT\",\"IN_LAW\",\"GRANDCHILD\",\"OTHER_RELATIVE\",\"OTHER\"],\"doc\":\"Relationship to the head of the family card.\"}],\"default\":null,\"doc\":\"Added 2026-12. The person's relationship to the head of the family card. Shown to the desk.\"},{\"name\":\"maritalStatus\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"MaritalStatus\",\"symbols\":[\"SINGLE\",\"MARRIED\",\"DIVORCED\",\"WIDOWED\"],\"doc\":\"Status in SIAK.\"}],\"default\":null,\"doc\":\"Added 2026-12. Marital status. Shown to the desk.\"},{\"name\":\"occupation\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. Occupation as recorded by Dukcapil (free text, for example PELAJAR/MAHASISWA, PETANI, MENGURUS RUMAH TANGGA). Shown to the desk.\"}]}";
    export const IdentityEventName = "id.waspada.events.IdentityEvent";
    /**
     * The Dukcapil civil-registry record behind a NIK: a snapshot, a change, or a status (deceased, deactivated, duplicate). Topic waspada.dukcapil.identity.v1, key NIK.
     */
    export interface IdentityEvent {
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
         * DUKCAPIL.
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
         * SNAPSHOT: the full record. CHANGED: the fields in changedFields have new values. DECEASED, DEACTIVATED, DUPLICATE_FLAGGED: the NIK's status.
         */
        eventType: IdWaspadaEvents.IdentityEventType;
        /**
         * Registered name. Personal data.
         *
         * Default: null
         */
        fullName: null | string;
        /**
         * Registered birth date, YYYY-MM-DD. Personal data.
         *
         * Default: null
         */
        birthDate: null | string;
        /**
         * Registered sex.
         *
         * Default: null
         */
        sex: null | IdWaspadaEvents.Sex;
        /**
         * Registered place of birth.
         *
         * Default: null
         */
        birthPlace: null | string;
        /**
         * Kemendagri code (4 digits) of the regency or city of the registered address: where local government follows up.
         *
         * Default: null
         */
        addressRegencyCode: null | string;
        /**
         * Names of the fields a CHANGED event updates.
         *
         * Default: []
         */
        changedFields: string[];
        /**
         * For DUPLICATE_FLAGGED: the other NIK registered for the same person.
         *
         * Default: null
         */
        duplicateOfNik: null | string;
        /**
         * Added 2026-12. The Kartu Keluarga number (16 digits) the person is listed on. Used by R07 and R08: family members travel on one booking.
         *
         * Default: null
         */
        familyCardNumber: null | string;
        /**
         * Added 2026-12. The person's relationship to the head of the family card. Shown to the desk.
         *
         * Default: null
         */
        familyRelationship: null | IdWaspadaEvents.FamilyRelationship;
        /**
         * Added 2026-12. Marital status. Shown to the desk.
         *
         * Default: null
         */
        maritalStatus: null | IdWaspadaEvents.MaritalStatus;
        /**
         * Added 2026-12. Occupation as recorded by Dukcapil (free text, for example PELAJAR/MAHASISWA, PETANI, MENGURUS RUMAH TANGGA). Shown to the desk.
         *
         * Default: null
         */
        occupation: null | string;
    }
}

