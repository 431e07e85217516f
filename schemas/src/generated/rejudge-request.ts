// Generated from schemas/avro/rejudge-request.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type RejudgeRequest = IdWaspadaEvents.RejudgeRequest;

export namespace IdWaspadaEvents {
    export const RejudgeCauseSchema = "{\"type\":\"enum\",\"name\":\"RejudgeCause\",\"symbols\":[\"COMPANION_SCANNED\",\"WATCHLIST_CHANGED\",\"EXEMPTION_CHANGED\"],\"doc\":\"Why the person is judged again.\"}";
    export const RejudgeCauseName = "id.waspada.events.RejudgeCause";
    /**
     * Why the person is judged again.
     */
    export type RejudgeCause = "COMPANION_SCANNED" | "WATCHLIST_CHANGED" | "EXEMPTION_CHANGED";
    export const RejudgeRequestSchema = "{\"type\":\"record\",\"name\":\"RejudgeRequest\",\"namespace\":\"id.waspada.events\",\"doc\":\"Waspada's own: knowledge about one person arrived through someone else's record (a companion on the same booking, family card or sponsor reached the counter; a watchlist entry names a sponsor, phone or agency the person travelled with), so the person's recent departures are judged again. Written by the risk processor in the transaction of the window that learnt it, read back by the processor that owns the person's partition. Topic waspada.risk.rejudge.v1, key NIK.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"UUID v5 of the cause and the person, so the same knowledge never asks twice.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the knowledge became true (the companion's scan, the watchlist entry): what the person's departures are judged again as of.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person to judge again. Personal data (UU PDP 27/2022).\"},{\"name\":\"cause\",\"type\":{\"type\":\"enum\",\"name\":\"RejudgeCause\",\"symbols\":[\"COMPANION_SCANNED\",\"WATCHLIST_CHANGED\",\"EXEMPTION_CHANGED\"],\"doc\":\"Why the person is judged again.\"},\"doc\":\"A companion (same booking, family card or sponsor) reached the counter after this person, or a watchlist entry matches what this person travelled with, or an exemption of one of the person's rules was approved or revoked (waspada.rules.exemptions.v1).\"},{\"name\":\"causeEventId\",\"type\":\"string\",\"doc\":\"The event behind it: the companion's crossing or the watchlist entry's version.\"},{\"name\":\"situationsFrom\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Departures at or after this time, up to eventTime, are judged again.\"}]}";
    export const RejudgeRequestName = "id.waspada.events.RejudgeRequest";
    /**
     * Waspada's own: knowledge about one person arrived through someone else's record (a companion on the same booking, family card or sponsor reached the counter; a watchlist entry names a sponsor, phone or agency the person travelled with), so the person's recent departures are judged again. Written by the risk processor in the transaction of the window that learnt it, read back by the processor that owns the person's partition. Topic waspada.risk.rejudge.v1, key NIK.
     */
    export interface RejudgeRequest {
        /**
         * UUID v5 of the cause and the person, so the same knowledge never asks twice.
         */
        eventId: string;
        /**
         * When the knowledge became true (the companion's scan, the watchlist entry): what the person's departures are judged again as of.
         */
        eventTime: number;
        /**
         * The person to judge again. Personal data (UU PDP 27/2022).
         */
        nik: string;
        /**
         * A companion (same booking, family card or sponsor) reached the counter after this person, or a watchlist entry matches what this person travelled with, or an exemption of one of the person's rules was approved or revoked (waspada.rules.exemptions.v1).
         */
        cause: IdWaspadaEvents.RejudgeCause;
        /**
         * The event behind it: the companion's crossing or the watchlist entry's version.
         */
        causeEventId: string;
        /**
         * Departures at or after this time, up to eventTime, are judged again.
         */
        situationsFrom: number;
    }
}

