// Generated from schemas/avro/rule-job-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type RuleJobEvent = IdWaspadaEvents.RuleJobEvent;

export namespace IdWaspadaEvents {
    export const RuleJobKindSchema = "{\"type\":\"enum\",\"name\":\"RuleJobKind\",\"symbols\":[\"BACKTEST\",\"SHADOW_START\",\"SHADOW_STOP\"]}";
    export const RuleJobKindName = "id.waspada.events.RuleJobKind";
    export type RuleJobKind = "BACKTEST" | "SHADOW_START" | "SHADOW_STOP";
    export const RuleJobStepSchema = "{\"type\":\"enum\",\"name\":\"RuleJobStep\",\"symbols\":[\"REQUESTED\",\"STARTED\",\"PROGRESS\",\"DONE\",\"FAILED\"]}";
    export const RuleJobStepName = "id.waspada.events.RuleJobStep";
    export type RuleJobStep = "REQUESTED" | "STARTED" | "PROGRESS" | "DONE" | "FAILED";
    export const RuleJobEventSchema = "{\"type\":\"record\",\"name\":\"RuleJobEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"One step of a rule job an analyst started from the browser: a backtest of a period, or a shadow run started or stopped. Topic waspada.rules.jobs.v1 (one partition), key the job id. The dashboard appends REQUESTED; the risk processor's job worker takes requests in order and appends STARTED, PROGRESS, DONE or FAILED. A job's state is the fold of its events; the job list is the fold of the topic.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique per event.\"},{\"name\":\"jobId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The job this step belongs to; a backtest's report is named after it.\"},{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"RuleJobKind\",\"symbols\":[\"BACKTEST\",\"SHADOW_START\",\"SHADOW_STOP\"]},\"doc\":\"BACKTEST: judge a period of history under a rule set in memory and write a report. SHADOW_START: run a proposed version beside the live one on the live stream (one shadow at a time; it replaces the one running). SHADOW_STOP: stop the shadow run.\"},{\"name\":\"step\",\"type\":{\"type\":\"enum\",\"name\":\"RuleJobStep\",\"symbols\":[\"REQUESTED\",\"STARTED\",\"PROGRESS\",\"DONE\",\"FAILED\"]},\"doc\":\"REQUESTED by an analyst; STARTED when the worker takes it; PROGRESS while a backtest reads and judges (about once a second); DONE with the report id, or once the shadow runs or has stopped; FAILED with the reason.\"},{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the step was taken.\"},{\"name\":\"actorId\",\"type\":\"string\",\"doc\":\"REQUESTED: the analyst account that asked. Other steps: the worker instance that took the step.\"},{\"name\":\"ruleSetVersion\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The rule-set version the job runs: a version proposed on the rule-changes topic, or the draft's own version when the content is given. Null for SHADOW_STOP.\"},{\"name\":\"ruleSetContent\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"On a BACKTEST request only: a draft's rule-set JSON, backtested before it is proposed. Null means the version is taken from the rule-changes topic.\"},{\"name\":\"periodFrom\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"BACKTEST: the first moment of the period judged.\"},{\"name\":\"periodTo\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"BACKTEST: the end of the period judged (excluded).\"},{\"name\":\"phase\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"PROGRESS: read (agency records read from Kafka) or judge (events applied and judged).\"},{\"name\":\"done\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"PROGRESS: how much of the phase is done.\"},{\"name\":\"total\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"PROGRESS: the phase's size.\"},{\"name\":\"reportId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"BACKTEST DONE: the report's id in the backtests directory (/analyst/backtests).\"},{\"name\":\"error\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"FAILED: why, in words an analyst can act on (no personal data).\"}]}";
    export const RuleJobEventName = "id.waspada.events.RuleJobEvent";
    /**
     * One step of a rule job an analyst started from the browser: a backtest of a period, or a shadow run started or stopped. Topic waspada.rules.jobs.v1 (one partition), key the job id. The dashboard appends REQUESTED; the risk processor's job worker takes requests in order and appends STARTED, PROGRESS, DONE or FAILED. A job's state is the fold of its events; the job list is the fold of the topic.
     */
    export interface RuleJobEvent {
        /**
         * Unique per event.
         */
        eventId: string;
        /**
         * The job this step belongs to; a backtest's report is named after it.
         */
        jobId: string;
        /**
         * BACKTEST: judge a period of history under a rule set in memory and write a report. SHADOW_START: run a proposed version beside the live one on the live stream (one shadow at a time; it replaces the one running). SHADOW_STOP: stop the shadow run.
         */
        kind: IdWaspadaEvents.RuleJobKind;
        /**
         * REQUESTED by an analyst; STARTED when the worker takes it; PROGRESS while a backtest reads and judges (about once a second); DONE with the report id, or once the shadow runs or has stopped; FAILED with the reason.
         */
        step: IdWaspadaEvents.RuleJobStep;
        /**
         * When the step was taken.
         */
        at: number;
        /**
         * REQUESTED: the analyst account that asked. Other steps: the worker instance that took the step.
         */
        actorId: string;
        /**
         * The rule-set version the job runs: a version proposed on the rule-changes topic, or the draft's own version when the content is given. Null for SHADOW_STOP.
         *
         * Default: null
         */
        ruleSetVersion: null | string;
        /**
         * On a BACKTEST request only: a draft's rule-set JSON, backtested before it is proposed. Null means the version is taken from the rule-changes topic.
         *
         * Default: null
         */
        ruleSetContent: null | string;
        /**
         * BACKTEST: the first moment of the period judged.
         *
         * Default: null
         */
        periodFrom: null | number;
        /**
         * BACKTEST: the end of the period judged (excluded).
         *
         * Default: null
         */
        periodTo: null | number;
        /**
         * PROGRESS: read (agency records read from Kafka) or judge (events applied and judged).
         *
         * Default: null
         */
        phase: null | string;
        /**
         * PROGRESS: how much of the phase is done.
         *
         * Default: null
         */
        done: null | number;
        /**
         * PROGRESS: the phase's size.
         *
         * Default: null
         */
        total: null | number;
        /**
         * BACKTEST DONE: the report's id in the backtests directory (/analyst/backtests).
         *
         * Default: null
         */
        reportId: null | string;
        /**
         * FAILED: why, in words an analyst can act on (no personal data).
         *
         * Default: null
         */
        error: null | string;
    }
}

