// Generated from schemas/avro/rule-exemption.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type RuleExemption = IdWaspadaEvents.RuleExemption;

export namespace IdWaspadaEvents {
    export const RuleExemptionStepSchema = "{\"type\":\"enum\",\"name\":\"RuleExemptionStep\",\"symbols\":[\"PROPOSED\",\"APPROVED\",\"REJECTED\",\"REVOKED\"]}";
    export const RuleExemptionStepName = "id.waspada.events.RuleExemptionStep";
    export type RuleExemptionStep = "PROPOSED" | "APPROVED" | "REJECTED" | "REVOKED";
    export const RuleExemptionSchema = "{\"type\":\"record\",\"name\":\"RuleExemption\",\"namespace\":\"id.waspada.events\",\"doc\":\"One step in the life of an exemption: a rule that is not to alert on one person for a period, with a reason, proposed by one analyst and approved by a supervisor who is not the proposer, or rejected, or revoked. Topic waspada.rules.exemptions.v1 (one partition, kept forever), key the exemption id. The processors fold the topic and leave an approved exemption's rule out of the person's judgements whose event time falls in the period; the alert names what was left out.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique per step.\"},{\"name\":\"exemptionId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The exemption this step is about.\"},{\"name\":\"step\",\"type\":{\"type\":\"enum\",\"name\":\"RuleExemptionStep\",\"symbols\":[\"PROPOSED\",\"APPROVED\",\"REJECTED\",\"REVOKED\"]},\"doc\":\"PROPOSED with the person, rule, period and reason. APPROVED by a supervisor other than the proposer: from then on it holds. REJECTED by a supervisor, with a reason. REVOKED by a supervisor or the proposer, with a reason: it holds no longer.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's NIK. Personal data.\"},{\"name\":\"ruleId\",\"type\":\"string\",\"doc\":\"The rule left out (R01 ... of the rule set).\"},{\"name\":\"validFrom\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"The first moment of event time the exemption covers.\"},{\"name\":\"validUntil\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"The end of the period (excluded); at most 180 days after its start.\"},{\"name\":\"reason\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"PROPOSED: why the rule should not alert on this person (what was checked, with which agency). REJECTED and REVOKED: why not. May hold personal data.\"},{\"name\":\"actorId\",\"type\":\"string\",\"doc\":\"The analyst account that took the step.\"},{\"name\":\"actorRoles\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"The account's roles when it took the step.\"},{\"name\":\"stepTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the step was taken.\"}]}";
    export const RuleExemptionName = "id.waspada.events.RuleExemption";
    /**
     * One step in the life of an exemption: a rule that is not to alert on one person for a period, with a reason, proposed by one analyst and approved by a supervisor who is not the proposer, or rejected, or revoked. Topic waspada.rules.exemptions.v1 (one partition, kept forever), key the exemption id. The processors fold the topic and leave an approved exemption's rule out of the person's judgements whose event time falls in the period; the alert names what was left out.
     */
    export interface RuleExemption {
        /**
         * Unique per step.
         */
        eventId: string;
        /**
         * The exemption this step is about.
         */
        exemptionId: string;
        /**
         * PROPOSED with the person, rule, period and reason. APPROVED by a supervisor other than the proposer: from then on it holds. REJECTED by a supervisor, with a reason. REVOKED by a supervisor or the proposer, with a reason: it holds no longer.
         */
        step: IdWaspadaEvents.RuleExemptionStep;
        /**
         * The person's NIK. Personal data.
         */
        nik: string;
        /**
         * The rule left out (R01 ... of the rule set).
         */
        ruleId: string;
        /**
         * The first moment of event time the exemption covers.
         */
        validFrom: number;
        /**
         * The end of the period (excluded); at most 180 days after its start.
         */
        validUntil: number;
        /**
         * PROPOSED: why the rule should not alert on this person (what was checked, with which agency). REJECTED and REVOKED: why not. May hold personal data.
         *
         * Default: null
         */
        reason: null | string;
        /**
         * The analyst account that took the step.
         */
        actorId: string;
        /**
         * The account's roles when it took the step.
         */
        actorRoles: string[];
        /**
         * When the step was taken.
         */
        stepTime: number;
    }
}

