// Generated from schemas/avro/case-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type CaseEvent = IdWaspadaEvents.CaseEvent;

export namespace IdWaspadaEvents {
    export const CaseActorKindSchema = "{\"type\":\"enum\",\"name\":\"CaseActorKind\",\"symbols\":[\"DESK\",\"ANALYST\"]}";
    export const CaseActorKindName = "id.waspada.events.CaseActorKind";
    export type CaseActorKind = "DESK" | "ANALYST";
    export const CaseActorSchema = "{\"type\":\"record\",\"name\":\"CaseActor\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"CaseActorKind\",\"symbols\":[\"DESK\",\"ANALYST\"]},\"doc\":\"DESK: a checkpoint desk's referral opened the case. ANALYST: an analyst account acted.\"},{\"name\":\"id\",\"type\":\"string\",\"doc\":\"The desk id or analyst account id.\"},{\"name\":\"officerId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The officer at the desk, when the actor is a desk.\"}]}";
    export const CaseActorName = "id.waspada.events.CaseActor";
    export interface CaseActor {
        /**
         * DESK: a checkpoint desk's referral opened the case. ANALYST: an analyst account acted.
         */
        kind: IdWaspadaEvents.CaseActorKind;
        /**
         * The desk id or analyst account id.
         */
        id: string;
        /**
         * The officer at the desk, when the actor is a desk.
         *
         * Default: null
         */
        officerId: null | string;
    }
    export const CaseChangeSchema = "{\"type\":\"enum\",\"name\":\"CaseChange\",\"symbols\":[\"OPENED\",\"ASSIGNED\",\"STATUS_CHANGED\",\"NOTE_ADDED\",\"DUE_DATE_SET\",\"CLOSED\"]}";
    export const CaseChangeName = "id.waspada.events.CaseChange";
    export type CaseChange = "OPENED" | "ASSIGNED" | "STATUS_CHANGED" | "NOTE_ADDED" | "DUE_DATE_SET" | "CLOSED";
    export const CaseOpeningSchema = "{\"type\":\"enum\",\"name\":\"CaseOpening\",\"symbols\":[\"DESK_REFERRAL\",\"BY_HAND\"]}";
    export const CaseOpeningName = "id.waspada.events.CaseOpening";
    export type CaseOpening = "DESK_REFERRAL" | "BY_HAND";
    export const CaseAssigneeKindSchema = "{\"type\":\"enum\",\"name\":\"CaseAssigneeKind\",\"symbols\":[\"DESK\",\"REGENCY_OFFICE\",\"BP3MI\",\"SATGAS_TPPO\",\"KEMLU\"]}";
    export const CaseAssigneeKindName = "id.waspada.events.CaseAssigneeKind";
    export type CaseAssigneeKind = "DESK" | "REGENCY_OFFICE" | "BP3MI" | "SATGAS_TPPO" | "KEMLU";
    export const CaseAssigneeSchema = "{\"type\":\"record\",\"name\":\"CaseAssignee\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"CaseAssigneeKind\",\"symbols\":[\"DESK\",\"REGENCY_OFFICE\",\"BP3MI\",\"SATGAS_TPPO\",\"KEMLU\"]},\"doc\":\"DESK: a checkpoint desk; REGENCY_OFFICE: a regency's office (Disnaker, social services); BP3MI: a province's migrant-worker protection office; SATGAS_TPPO: the anti-trafficking task force (police); KEMLU: the foreign ministry.\"},{\"name\":\"code\",\"type\":\"string\",\"doc\":\"Which one: the checkpoint code (DESK), the Kemendagri regency code (REGENCY_OFFICE), the province code (BP3MI, SATGAS_TPPO), or the mission or directorate (KEMLU).\"}]}";
    export const CaseAssigneeName = "id.waspada.events.CaseAssignee";
    export interface CaseAssignee {
        /**
         * DESK: a checkpoint desk; REGENCY_OFFICE: a regency's office (Disnaker, social services); BP3MI: a province's migrant-worker protection office; SATGAS_TPPO: the anti-trafficking task force (police); KEMLU: the foreign ministry.
         */
        kind: IdWaspadaEvents.CaseAssigneeKind;
        /**
         * Which one: the checkpoint code (DESK), the Kemendagri regency code (REGENCY_OFFICE), the province code (BP3MI, SATGAS_TPPO), or the mission or directorate (KEMLU).
         */
        code: string;
    }
    export const CaseStatusSchema = "{\"type\":\"enum\",\"name\":\"CaseStatus\",\"symbols\":[\"OPEN\",\"IN_PROGRESS\",\"CLOSED\"]}";
    export const CaseStatusName = "id.waspada.events.CaseStatus";
    export type CaseStatus = "OPEN" | "IN_PROGRESS" | "CLOSED";
    export const CaseOutcomeSchema = "{\"type\":\"enum\",\"name\":\"CaseOutcome\",\"symbols\":[\"TRAFFICKING_CONFIRMED\",\"NON_PROCEDURAL_DEPARTURE_PREVENTED\",\"CLEARED_LEGITIMATE\"]}";
    export const CaseOutcomeName = "id.waspada.events.CaseOutcome";
    export type CaseOutcome = "TRAFFICKING_CONFIRMED" | "NON_PROCEDURAL_DEPARTURE_PREVENTED" | "CLEARED_LEGITIMATE";
    export const CaseEventSchema = "{\"type\":\"record\",\"name\":\"CaseEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"One change to a follow-up case: opened from an alert (by a desk referral or by hand), assigned to an agency, its status changed, a note added, a due date set, or closed with an outcome. The case topic is the source of truth: the work queues are a projection of it. Topic waspada.cases.v1, key NIK, so one person's cases stay in order.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this change; deterministic where a retry could repeat it (an opening from a desk action is named by the action).\"},{\"name\":\"caseId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The case, derived from firstAlertId: one situation has one case however often it is referred.\"},{\"name\":\"firstAlertId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The first alert of the situation the case follows up.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's NIK. Personal data.\"},{\"name\":\"originRegencyCode\",\"type\":\"string\",\"doc\":\"Kemendagri code of the regency that issued the NIK (its first four digits): the regency office that follows up in the home village.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the change was made.\"},{\"name\":\"actor\",\"type\":{\"type\":\"record\",\"name\":\"CaseActor\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"CaseActorKind\",\"symbols\":[\"DESK\",\"ANALYST\"]},\"doc\":\"DESK: a checkpoint desk's referral opened the case. ANALYST: an analyst account acted.\"},{\"name\":\"id\",\"type\":\"string\",\"doc\":\"The desk id or analyst account id.\"},{\"name\":\"officerId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The officer at the desk, when the actor is a desk.\"}]},\"doc\":\"Who made the change.\"},{\"name\":\"change\",\"type\":{\"type\":\"enum\",\"name\":\"CaseChange\",\"symbols\":[\"OPENED\",\"ASSIGNED\",\"STATUS_CHANGED\",\"NOTE_ADDED\",\"DUE_DATE_SET\",\"CLOSED\"]},\"doc\":\"What changed; the fields below that belong to it are set, the others are null.\"},{\"name\":\"alertId\",\"type\":[\"null\",{\"type\":\"string\",\"logicalType\":\"uuid\"}],\"default\":null,\"doc\":\"OPENED: the alert (or follow-up) the case was opened from.\"},{\"name\":\"openedBy\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"CaseOpening\",\"symbols\":[\"DESK_REFERRAL\",\"BY_HAND\"]}],\"default\":null,\"doc\":\"OPENED: DESK_REFERRAL when a desk referred the traveller to secondary inspection, BY_HAND when an analyst opened it from the alert.\"},{\"name\":\"sourceActionId\",\"type\":[\"null\",{\"type\":\"string\",\"logicalType\":\"uuid\"}],\"default\":null,\"doc\":\"OPENED by DESK_REFERRAL: the desk action (waspada.desk.alert-actions.v1) that opened it.\"},{\"name\":\"checkpointCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"OPENED: the TPI or PLBN where the alert was handled, if any.\"},{\"name\":\"assignee\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"CaseAssignee\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"CaseAssigneeKind\",\"symbols\":[\"DESK\",\"REGENCY_OFFICE\",\"BP3MI\",\"SATGAS_TPPO\",\"KEMLU\"]},\"doc\":\"DESK: a checkpoint desk; REGENCY_OFFICE: a regency's office (Disnaker, social services); BP3MI: a province's migrant-worker protection office; SATGAS_TPPO: the anti-trafficking task force (police); KEMLU: the foreign ministry.\"},{\"name\":\"code\",\"type\":\"string\",\"doc\":\"Which one: the checkpoint code (DESK), the Kemendagri regency code (REGENCY_OFFICE), the province code (BP3MI, SATGAS_TPPO), or the mission or directorate (KEMLU).\"}]}],\"default\":null,\"doc\":\"OPENED and ASSIGNED: who follows the case up from now on.\"},{\"name\":\"status\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"CaseStatus\",\"symbols\":[\"OPEN\",\"IN_PROGRESS\",\"CLOSED\"]}],\"default\":null,\"doc\":\"STATUS_CHANGED: the new status (OPEN or IN_PROGRESS; a case is closed by CLOSED with an outcome).\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"NOTE_ADDED: the note; CLOSED: an optional closing remark. May hold personal data.\"},{\"name\":\"dueDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"DUE_DATE_SET: the day (YYYY-MM-DD, Western Indonesia time) the follow-up is due; null clears it.\"},{\"name\":\"outcome\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"CaseOutcome\",\"symbols\":[\"TRAFFICKING_CONFIRMED\",\"NON_PROCEDURAL_DEPARTURE_PREVENTED\",\"CLEARED_LEGITIMATE\"]}],\"default\":null,\"doc\":\"CLOSED: what the follow-up found. The backtest reads it as a label beside the desks' actions.\"}]}";
    export const CaseEventName = "id.waspada.events.CaseEvent";
    /**
     * One change to a follow-up case: opened from an alert (by a desk referral or by hand), assigned to an agency, its status changed, a note added, a due date set, or closed with an outcome. The case topic is the source of truth: the work queues are a projection of it. Topic waspada.cases.v1, key NIK, so one person's cases stay in order.
     */
    export interface CaseEvent {
        /**
         * Unique id of this change; deterministic where a retry could repeat it (an opening from a desk action is named by the action).
         */
        eventId: string;
        /**
         * The case, derived from firstAlertId: one situation has one case however often it is referred.
         */
        caseId: string;
        /**
         * The first alert of the situation the case follows up.
         */
        firstAlertId: string;
        /**
         * The person's NIK. Personal data.
         */
        nik: string;
        /**
         * Kemendagri code of the regency that issued the NIK (its first four digits): the regency office that follows up in the home village.
         */
        originRegencyCode: string;
        /**
         * When the change was made.
         */
        eventTime: number;
        /**
         * Who made the change.
         */
        actor: IdWaspadaEvents.CaseActor;
        /**
         * What changed; the fields below that belong to it are set, the others are null.
         */
        change: IdWaspadaEvents.CaseChange;
        /**
         * OPENED: the alert (or follow-up) the case was opened from.
         *
         * Default: null
         */
        alertId: null | string;
        /**
         * OPENED: DESK_REFERRAL when a desk referred the traveller to secondary inspection, BY_HAND when an analyst opened it from the alert.
         *
         * Default: null
         */
        openedBy: null | IdWaspadaEvents.CaseOpening;
        /**
         * OPENED by DESK_REFERRAL: the desk action (waspada.desk.alert-actions.v1) that opened it.
         *
         * Default: null
         */
        sourceActionId: null | string;
        /**
         * OPENED: the TPI or PLBN where the alert was handled, if any.
         *
         * Default: null
         */
        checkpointCode: null | string;
        /**
         * OPENED and ASSIGNED: who follows the case up from now on.
         *
         * Default: null
         */
        assignee: null | IdWaspadaEvents.CaseAssignee;
        /**
         * STATUS_CHANGED: the new status (OPEN or IN_PROGRESS; a case is closed by CLOSED with an outcome).
         *
         * Default: null
         */
        status: null | IdWaspadaEvents.CaseStatus;
        /**
         * NOTE_ADDED: the note; CLOSED: an optional closing remark. May hold personal data.
         *
         * Default: null
         */
        note: null | string;
        /**
         * DUE_DATE_SET: the day (YYYY-MM-DD, Western Indonesia time) the follow-up is due; null clears it.
         *
         * Default: null
         */
        dueDate: null | string;
        /**
         * CLOSED: what the follow-up found. The backtest reads it as a label beside the desks' actions.
         *
         * Default: null
         */
        outcome: null | IdWaspadaEvents.CaseOutcome;
    }
}

