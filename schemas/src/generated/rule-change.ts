// Generated from schemas/avro/rule-change.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type RuleChange = IdWaspadaEvents.RuleChange;

export namespace IdWaspadaEvents {
    export const RuleChangeStepSchema = "{\"type\":\"enum\",\"name\":\"RuleChangeStep\",\"symbols\":[\"PROPOSED\",\"APPROVED\",\"REJECTED\",\"LIVE\"]}";
    export const RuleChangeStepName = "id.waspada.events.RuleChangeStep";
    export type RuleChangeStep = "PROPOSED" | "APPROVED" | "REJECTED" | "LIVE";
    export const RuleChangeSchema = "{\"type\":\"record\",\"name\":\"RuleChange\",\"namespace\":\"id.waspada.events\",\"doc\":\"One step in the life of a rule-set version: proposed, approved by a second person, rejected, or put live. Topic waspada.rules.changes.v1 (one partition, kept forever), key the rule-set version. The state of every version is the fold of this topic in order (foldRuleChanges in @waspada/risk-rules).\",\"fields\":[{\"name\":\"changeId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"UUID v5 of the version, the step and the content hash: a retried step has the same id, and the fold takes each id once.\"},{\"name\":\"version\",\"type\":\"string\",\"doc\":\"The rule-set version this step is about, as in the rule set's own version field (2026.11.2).\"},{\"name\":\"step\",\"type\":{\"type\":\"enum\",\"name\":\"RuleChangeStep\",\"symbols\":[\"PROPOSED\",\"APPROVED\",\"REJECTED\",\"LIVE\"]},\"doc\":\"PROPOSED: a new version with its content. APPROVED: a supervisor other than the proposer approved that content. REJECTED: turned down, with a reason. LIVE: processors are to run it from now on (the previous live version is retired).\"},{\"name\":\"actorId\",\"type\":\"string\",\"doc\":\"The analyst account that took the step.\"},{\"name\":\"actorRoles\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"The account's roles when it took the step (analyst, investigator, supervisor): what entitled it to.\"},{\"name\":\"stepTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the step was taken.\"},{\"name\":\"comment\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Why: the proposal's summary, the reviewer's comment, the reason for a rejection (required there).\"},{\"name\":\"contentSha256\",\"type\":\"string\",\"doc\":\"Hex SHA-256 of the rule-set file's bytes as proposed. Every later step names the hash it was taken on, so content changed after review cannot be approved or put live.\"},{\"name\":\"content\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The rule-set JSON itself, on PROPOSED only: the topic alone is enough to run any version that was ever proposed.\"}]}";
    export const RuleChangeName = "id.waspada.events.RuleChange";
    /**
     * One step in the life of a rule-set version: proposed, approved by a second person, rejected, or put live. Topic waspada.rules.changes.v1 (one partition, kept forever), key the rule-set version. The state of every version is the fold of this topic in order (foldRuleChanges in @waspada/risk-rules).
     */
    export interface RuleChange {
        /**
         * UUID v5 of the version, the step and the content hash: a retried step has the same id, and the fold takes each id once.
         */
        changeId: string;
        /**
         * The rule-set version this step is about, as in the rule set's own version field (2026.11.2).
         */
        version: string;
        /**
         * PROPOSED: a new version with its content. APPROVED: a supervisor other than the proposer approved that content. REJECTED: turned down, with a reason. LIVE: processors are to run it from now on (the previous live version is retired).
         */
        step: IdWaspadaEvents.RuleChangeStep;
        /**
         * The analyst account that took the step.
         */
        actorId: string;
        /**
         * The account's roles when it took the step (analyst, investigator, supervisor): what entitled it to.
         */
        actorRoles: string[];
        /**
         * When the step was taken.
         */
        stepTime: number;
        /**
         * Why: the proposal's summary, the reviewer's comment, the reason for a rejection (required there).
         *
         * Default: null
         */
        comment: null | string;
        /**
         * Hex SHA-256 of the rule-set file's bytes as proposed. Every later step names the hash it was taken on, so content changed after review cannot be approved or put live.
         */
        contentSha256: string;
        /**
         * The rule-set JSON itself, on PROPOSED only: the topic alone is enough to run any version that was ever proposed.
         *
         * Default: null
         */
        content: null | string;
    }
}

