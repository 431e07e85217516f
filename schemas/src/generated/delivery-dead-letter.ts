// Generated from schemas/avro/delivery-dead-letter.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type DeliveryDeadLetter = IdWaspadaEvents.DeliveryDeadLetter;

export namespace IdWaspadaEvents {
    export const DeliveryDeadLetterSchema = "{\"type\":\"record\",\"name\":\"DeliveryDeadLetter\",\"namespace\":\"id.waspada.events\",\"doc\":\"An alert a webhook subscriber did not accept after the last retry, with the original alert bytes, so a redelivery sends it again under the subscriber's current profile. Topic waspada.delivery.<subscriber>.dead-letter.v1, key alert id.\",\"fields\":[{\"name\":\"subscriberId\",\"type\":\"string\",\"doc\":\"The subscriber that did not accept it.\"},{\"name\":\"alertId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The alert, also the idempotency key of every attempt.\"},{\"name\":\"attempts\",\"type\":\"int\",\"doc\":\"How many times delivery was tried.\"},{\"name\":\"firstAttemptAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the first attempt was made.\"},{\"name\":\"lastAttemptAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the notifier gave up.\"},{\"name\":\"lastStatus\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"HTTP status of the last answer; null when there was none (refused, timed out).\"},{\"name\":\"lastError\",\"type\":\"string\",\"doc\":\"Why the last attempt failed, in words an operator can act on.\"},{\"name\":\"sourceTopic\",\"type\":\"string\",\"doc\":\"Where the alert was read.\"},{\"name\":\"sourcePartition\",\"type\":\"int\",\"doc\":\"Its partition.\"},{\"name\":\"sourceOffset\",\"type\":\"long\",\"doc\":\"Its offset.\"},{\"name\":\"originalPayload\",\"type\":\"bytes\",\"doc\":\"The alert record exactly as read from the alerts topic.\"}]}";
    export const DeliveryDeadLetterName = "id.waspada.events.DeliveryDeadLetter";
    /**
     * An alert a webhook subscriber did not accept after the last retry, with the original alert bytes, so a redelivery sends it again under the subscriber's current profile. Topic waspada.delivery.<subscriber>.dead-letter.v1, key alert id.
     */
    export interface DeliveryDeadLetter {
        /**
         * The subscriber that did not accept it.
         */
        subscriberId: string;
        /**
         * The alert, also the idempotency key of every attempt.
         */
        alertId: string;
        /**
         * How many times delivery was tried.
         */
        attempts: number;
        /**
         * When the first attempt was made.
         */
        firstAttemptAt: number;
        /**
         * When the notifier gave up.
         */
        lastAttemptAt: number;
        /**
         * HTTP status of the last answer; null when there was none (refused, timed out).
         *
         * Default: null
         */
        lastStatus: null | number;
        /**
         * Why the last attempt failed, in words an operator can act on.
         */
        lastError: string;
        /**
         * Where the alert was read.
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
         * The alert record exactly as read from the alerts topic.
         */
        originalPayload: Buffer;
    }
}

