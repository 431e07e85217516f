// Generated from schemas/avro/access-record.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type AccessRecord = IdWaspadaEvents.AccessRecord;

export namespace IdWaspadaEvents {
    export const AccessActorKindSchema = "{\"type\":\"enum\",\"name\":\"AccessActorKind\",\"symbols\":[\"DESK\",\"ANALYST\",\"SUBSCRIBER\",\"OPERATOR\"]}";
    export const AccessActorKindName = "id.waspada.events.AccessActorKind";
    export type AccessActorKind = "DESK" | "ANALYST" | "SUBSCRIBER" | "OPERATOR";
    export const AccessOperationSchema = "{\"type\":\"enum\",\"name\":\"AccessOperation\",\"symbols\":[\"VIEW_TIMELINE\",\"DESK_ACTION\",\"RECEIVE_ALERT\",\"VIEW_CASE\",\"CHANGE_CASE\",\"VIEW_NETWORK\",\"VIEW_EXEMPTION\",\"CHANGE_EXEMPTION\"]}";
    export const AccessOperationName = "id.waspada.events.AccessOperation";
    export type AccessOperation = "VIEW_TIMELINE" | "DESK_ACTION" | "RECEIVE_ALERT" | "VIEW_CASE" | "CHANGE_CASE" | "VIEW_NETWORK" | "VIEW_EXEMPTION" | "CHANGE_EXEMPTION";
    export const AccessRecordSchema = "{\"type\":\"record\",\"name\":\"AccessRecord\",\"namespace\":\"id.waspada.events\",\"doc\":\"One access to personal data: who looked at or acted on whose record, when and why (UU PDP 27/2022). Topic waspada.audit.access.v1, key NIK. Kept for the supervisory audit.\",\"fields\":[{\"name\":\"accessId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this access.\"},{\"name\":\"accessTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened.\"},{\"name\":\"service\",\"type\":\"string\",\"doc\":\"The service that served the data.\"},{\"name\":\"actorKind\",\"type\":{\"type\":\"enum\",\"name\":\"AccessActorKind\",\"symbols\":[\"DESK\",\"ANALYST\",\"SUBSCRIBER\",\"OPERATOR\"]},\"doc\":\"What kind of recipient.\"},{\"name\":\"actorId\",\"type\":\"string\",\"doc\":\"The desk, analyst account or subscriber id.\"},{\"name\":\"officerId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The person at a desk, when the actor is a desk.\"},{\"name\":\"operation\",\"type\":{\"type\":\"enum\",\"name\":\"AccessOperation\",\"symbols\":[\"VIEW_TIMELINE\",\"DESK_ACTION\",\"RECEIVE_ALERT\",\"VIEW_CASE\",\"CHANGE_CASE\",\"VIEW_NETWORK\",\"VIEW_EXEMPTION\",\"CHANGE_EXEMPTION\"]},\"doc\":\"What was done. VIEW_CASE: a case and its history shown (or listed in a work queue); CHANGE_CASE: a case opened, assigned, noted, given a due date, its status changed or closed. VIEW_NETWORK: the person shown, NIK masked, in an analyst's network of an alert, an entity or a person. VIEW_EXEMPTION: an exemption of one of the person's rules shown; CHANGE_EXEMPTION: one proposed, approved, rejected or revoked.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"Whose data. Personal data.\"},{\"name\":\"alertId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The alert that gave the reason for the access, if any.\"},{\"name\":\"purpose\",\"type\":\"string\",\"doc\":\"Why: the reason given, or the alert being handled.\"}]}";
    export const AccessRecordName = "id.waspada.events.AccessRecord";
    /**
     * One access to personal data: who looked at or acted on whose record, when and why (UU PDP 27/2022). Topic waspada.audit.access.v1, key NIK. Kept for the supervisory audit.
     */
    export interface AccessRecord {
        /**
         * Unique id of this access.
         */
        accessId: string;
        /**
         * When it happened.
         */
        accessTime: number;
        /**
         * The service that served the data.
         */
        service: string;
        /**
         * What kind of recipient.
         */
        actorKind: IdWaspadaEvents.AccessActorKind;
        /**
         * The desk, analyst account or subscriber id.
         */
        actorId: string;
        /**
         * The person at a desk, when the actor is a desk.
         *
         * Default: null
         */
        officerId: null | string;
        /**
         * What was done. VIEW_CASE: a case and its history shown (or listed in a work queue); CHANGE_CASE: a case opened, assigned, noted, given a due date, its status changed or closed. VIEW_NETWORK: the person shown, NIK masked, in an analyst's network of an alert, an entity or a person. VIEW_EXEMPTION: an exemption of one of the person's rules shown; CHANGE_EXEMPTION: one proposed, approved, rejected or revoked.
         */
        operation: IdWaspadaEvents.AccessOperation;
        /**
         * Whose data. Personal data.
         */
        nik: string;
        /**
         * The alert that gave the reason for the access, if any.
         *
         * Default: null
         */
        alertId: null | string;
        /**
         * Why: the reason given, or the alert being handled.
         */
        purpose: string;
    }
}

