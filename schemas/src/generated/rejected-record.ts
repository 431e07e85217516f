// Generated from schemas/avro/rejected-record.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type RejectedRecord = IdWaspadaEvents.RejectedRecord;

export namespace IdWaspadaEvents {
    export const IntakeChannelSchema = "{\"type\":\"enum\",\"name\":\"IntakeChannel\",\"symbols\":[\"HTTP\",\"FILE\",\"SIMULATOR\"]}";
    export const IntakeChannelName = "id.waspada.events.IntakeChannel";
    export type IntakeChannel = "HTTP" | "FILE" | "SIMULATOR";
    export const FieldErrorSchema = "{\"type\":\"record\",\"name\":\"FieldError\",\"fields\":[{\"name\":\"field\",\"type\":\"string\",\"doc\":\"Dotted path of the refused field, or (record).\"},{\"name\":\"reason\",\"type\":\"string\",\"doc\":\"Why, in words an operator can act on.\"}]}";
    export const FieldErrorName = "id.waspada.events.FieldError";
    export interface FieldError {
        /**
         * Dotted path of the refused field, or (record).
         */
        field: string;
        /**
         * Why, in words an operator can act on.
         */
        reason: string;
    }
    export const RejectedRecordSchema = "{\"type\":\"record\",\"name\":\"RejectedRecord\",\"namespace\":\"id.waspada.events\",\"doc\":\"A record a producer refused, kept with its original bytes and the reasons so nothing is lost and it can be corrected and re-sent. Topic waspada.producers.rejected.v1.\",\"fields\":[{\"name\":\"rejectionId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Id of this rejection.\"},{\"name\":\"receivedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the producer received the record.\"},{\"name\":\"producer\",\"type\":\"string\",\"doc\":\"The producer service that refused it, for example passport-producer.\"},{\"name\":\"channel\",\"type\":{\"type\":\"enum\",\"name\":\"IntakeChannel\",\"symbols\":[\"HTTP\",\"FILE\",\"SIMULATOR\"]},\"doc\":\"How the record arrived.\"},{\"name\":\"sourceName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"File name and line, or the HTTP request id.\"},{\"name\":\"contentType\",\"type\":\"string\",\"doc\":\"Media type of originalPayload, for example application/json or text/csv.\"},{\"name\":\"errors\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"FieldError\",\"fields\":[{\"name\":\"field\",\"type\":\"string\",\"doc\":\"Dotted path of the refused field, or (record).\"},{\"name\":\"reason\",\"type\":\"string\",\"doc\":\"Why, in words an operator can act on.\"}]}},\"doc\":\"Every reason the record was refused.\"},{\"name\":\"originalPayload\",\"type\":\"bytes\",\"doc\":\"The record exactly as received.\"}]}";
    export const RejectedRecordName = "id.waspada.events.RejectedRecord";
    /**
     * A record a producer refused, kept with its original bytes and the reasons so nothing is lost and it can be corrected and re-sent. Topic waspada.producers.rejected.v1.
     */
    export interface RejectedRecord {
        /**
         * Id of this rejection.
         */
        rejectionId: string;
        /**
         * When the producer received the record.
         */
        receivedAt: number;
        /**
         * The producer service that refused it, for example passport-producer.
         */
        producer: string;
        /**
         * How the record arrived.
         */
        channel: IdWaspadaEvents.IntakeChannel;
        /**
         * File name and line, or the HTTP request id.
         *
         * Default: null
         */
        sourceName: null | string;
        /**
         * Media type of originalPayload, for example application/json or text/csv.
         */
        contentType: string;
        /**
         * Every reason the record was refused.
         */
        errors: IdWaspadaEvents.FieldError[];
        /**
         * The record exactly as received.
         */
        originalPayload: Buffer;
    }
}

