// Generated from schemas/avro/dead-letter-record.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type DeadLetterRecord = IdWaspadaEvents.DeadLetterRecord;

export namespace IdWaspadaEvents {
    export const DeadLetterStageSchema = "{\"type\":\"enum\",\"name\":\"DeadLetterStage\",\"symbols\":[\"DECODE\",\"VALIDATE\",\"APPLY\",\"RULE\"]}";
    export const DeadLetterStageName = "id.waspada.events.DeadLetterStage";
    export type DeadLetterStage = "DECODE" | "VALIDATE" | "APPLY" | "RULE";
    export const DeadLetterErrorSchema = "{\"type\":\"record\",\"name\":\"DeadLetterError\",\"fields\":[{\"name\":\"field\",\"type\":\"string\",\"doc\":\"Dotted path of the field at fault, or (record).\"},{\"name\":\"reason\",\"type\":\"string\",\"doc\":\"Why, in words an operator can act on.\"}]}";
    export const DeadLetterErrorName = "id.waspada.events.DeadLetterError";
    export interface DeadLetterError {
        /**
         * Dotted path of the field at fault, or (record).
         */
        field: string;
        /**
         * Why, in words an operator can act on.
         */
        reason: string;
    }
    export const DeadLetterRecordSchema = "{\"type\":\"record\",\"name\":\"DeadLetterRecord\",\"namespace\":\"id.waspada.events\",\"doc\":\"A record a stream processor could not decode or apply, kept with its original bytes, where it came from, and why, so nothing is lost and it can be replayed once fixed. Topic waspada.risk.dead-letter.v1.\",\"fields\":[{\"name\":\"deadLetterId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Deterministic id from the source position, so a retried batch does not make a second copy.\"},{\"name\":\"failedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the processor gave up on the record.\"},{\"name\":\"service\",\"type\":\"string\",\"doc\":\"The service that refused it, for example risk-processor.\"},{\"name\":\"stage\",\"type\":{\"type\":\"enum\",\"name\":\"DeadLetterStage\",\"symbols\":[\"DECODE\",\"VALIDATE\",\"APPLY\",\"RULE\"]},\"doc\":\"DECODE: not Avro of a known schema. VALIDATE: decoded but not a usable event. APPLY: state update failed. RULE: a rule threw.\"},{\"name\":\"sourceTopic\",\"type\":\"string\",\"doc\":\"Topic the record was read from.\"},{\"name\":\"sourcePartition\",\"type\":\"int\",\"doc\":\"Its partition.\"},{\"name\":\"sourceOffset\",\"type\":\"long\",\"doc\":\"Its offset.\"},{\"name\":\"sourceKey\",\"type\":[\"null\",\"bytes\"],\"doc\":\"The original message key.\",\"default\":null},{\"name\":\"errors\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"DeadLetterError\",\"fields\":[{\"name\":\"field\",\"type\":\"string\",\"doc\":\"Dotted path of the field at fault, or (record).\"},{\"name\":\"reason\",\"type\":\"string\",\"doc\":\"Why, in words an operator can act on.\"}]}},\"doc\":\"Every reason.\"},{\"name\":\"originalPayload\",\"type\":[\"null\",\"bytes\"],\"doc\":\"The message value exactly as read (null for a tombstone).\",\"default\":null}]}";
    export const DeadLetterRecordName = "id.waspada.events.DeadLetterRecord";
    /**
     * A record a stream processor could not decode or apply, kept with its original bytes, where it came from, and why, so nothing is lost and it can be replayed once fixed. Topic waspada.risk.dead-letter.v1.
     */
    export interface DeadLetterRecord {
        /**
         * Deterministic id from the source position, so a retried batch does not make a second copy.
         */
        deadLetterId: string;
        /**
         * When the processor gave up on the record.
         */
        failedAt: number;
        /**
         * The service that refused it, for example risk-processor.
         */
        service: string;
        /**
         * DECODE: not Avro of a known schema. VALIDATE: decoded but not a usable event. APPLY: state update failed. RULE: a rule threw.
         */
        stage: IdWaspadaEvents.DeadLetterStage;
        /**
         * Topic the record was read from.
         */
        sourceTopic: string;
        /**
         * Its partition.
         */
        sourcePartition: number;
        /**
         * Its offset.
         */
        sourceOffset: number;
        /**
         * The original message key.
         *
         * Default: null
         */
        sourceKey: null | Buffer;
        /**
         * Every reason.
         */
        errors: IdWaspadaEvents.DeadLetterError[];
        /**
         * The message value exactly as read (null for a tombstone).
         *
         * Default: null
         */
        originalPayload: null | Buffer;
    }
}

