// Generated from schemas/avro/alert-action.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type AlertAction = IdWaspadaEvents.AlertAction;

export namespace IdWaspadaEvents {
    export const DeskActionKindSchema = "{\"type\":\"enum\",\"name\":\"DeskActionKind\",\"symbols\":[\"ACKNOWLEDGED\",\"REFERRED\",\"DISMISSED\"]}";
    export const DeskActionKindName = "id.waspada.events.DeskActionKind";
    export type DeskActionKind = "ACKNOWLEDGED" | "REFERRED" | "DISMISSED";
    export const AlertActionSchema = "{\"type\":\"record\",\"name\":\"AlertAction\",\"namespace\":\"id.waspada.events\",\"doc\":\"What a checkpoint desk did with an alert: acknowledged it, referred the traveller to secondary inspection, or dismissed it with a reason. The audit trail of desk decisions and the outcome data that later tunes the rules. Topic waspada.desk.alert-actions.v1, key NIK.\",\"fields\":[{\"name\":\"actionId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Deterministic from the desk, the alert and the client's idempotency key, so a repeated click or a retried request records one action.\"},{\"name\":\"alertId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The alert (or follow-up) the officer acted on.\"},{\"name\":\"firstAlertId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The first alert of the situation, to join the outcome with every revision.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's NIK. Personal data.\"},{\"name\":\"checkpointCode\",\"type\":\"string\",\"doc\":\"The TPI or PLBN whose desk acted.\"},{\"name\":\"deskId\",\"type\":\"string\",\"doc\":\"The desk (one token) that acted.\"},{\"name\":\"officerId\",\"type\":\"string\",\"doc\":\"The officer who acted, as signed in at the desk.\"},{\"name\":\"action\",\"type\":{\"type\":\"enum\",\"name\":\"DeskActionKind\",\"symbols\":[\"ACKNOWLEDGED\",\"REFERRED\",\"DISMISSED\"]},\"doc\":\"ACKNOWLEDGED: seen. REFERRED: sent to secondary inspection. DISMISSED: judged a false alarm, with a reason.\"},{\"name\":\"reason\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Required for DISMISSED; optional otherwise.\"},{\"name\":\"ruleIds\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Rules that fired on the alert, for rule tuning.\"},{\"name\":\"ruleSetVersion\",\"type\":\"string\",\"doc\":\"Rule-set version that raised the alert.\"},{\"name\":\"severity\",\"type\":\"string\",\"doc\":\"The alert's severity when the officer acted.\"},{\"name\":\"actionTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the notifier recorded the action.\"}]}";
    export const AlertActionName = "id.waspada.events.AlertAction";
    /**
     * What a checkpoint desk did with an alert: acknowledged it, referred the traveller to secondary inspection, or dismissed it with a reason. The audit trail of desk decisions and the outcome data that later tunes the rules. Topic waspada.desk.alert-actions.v1, key NIK.
     */
    export interface AlertAction {
        /**
         * Deterministic from the desk, the alert and the client's idempotency key, so a repeated click or a retried request records one action.
         */
        actionId: string;
        /**
         * The alert (or follow-up) the officer acted on.
         */
        alertId: string;
        /**
         * The first alert of the situation, to join the outcome with every revision.
         */
        firstAlertId: string;
        /**
         * The person's NIK. Personal data.
         */
        nik: string;
        /**
         * The TPI or PLBN whose desk acted.
         */
        checkpointCode: string;
        /**
         * The desk (one token) that acted.
         */
        deskId: string;
        /**
         * The officer who acted, as signed in at the desk.
         */
        officerId: string;
        /**
         * ACKNOWLEDGED: seen. REFERRED: sent to secondary inspection. DISMISSED: judged a false alarm, with a reason.
         */
        action: IdWaspadaEvents.DeskActionKind;
        /**
         * Required for DISMISSED; optional otherwise.
         *
         * Default: null
         */
        reason: null | string;
        /**
         * Rules that fired on the alert, for rule tuning.
         */
        ruleIds: string[];
        /**
         * Rule-set version that raised the alert.
         */
        ruleSetVersion: string;
        /**
         * The alert's severity when the officer acted.
         */
        severity: string;
        /**
         * When the notifier recorded the action.
         */
        actionTime: number;
    }
}

