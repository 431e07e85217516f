// Generated from schemas/avro/risk-alert.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type RiskAlert = IdWaspadaEvents.RiskAlert;

export namespace IdWaspadaEvents {
    export const AlertKindSchema = "{\"type\":\"enum\",\"name\":\"AlertKind\",\"symbols\":[\"NEW\",\"ESCALATED\",\"DOWNGRADED\",\"RESOLVED\"]}";
    export const AlertKindName = "id.waspada.events.AlertKind";
    export type AlertKind = "NEW" | "ESCALATED" | "DOWNGRADED" | "RESOLVED";
    export const SexSchema = "{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}";
    export const SexName = "id.waspada.events.Sex";
    export type Sex = "MALE" | "FEMALE";
    export const AlertPersonSchema = "{\"type\":\"record\",\"name\":\"AlertPerson\",\"fields\":[{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The 16-digit NIK. Personal data.\"},{\"name\":\"fullName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name from Dukcapil, else from the travel document. Personal data.\"},{\"name\":\"birthDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Birth date, YYYY-MM-DD, from Dukcapil, else from the NIK. Personal data.\"},{\"name\":\"sex\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}],\"default\":null,\"doc\":\"Sex from Dukcapil, else from the NIK.\"},{\"name\":\"ageYears\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Age in whole years on the day of the situation.\"},{\"name\":\"originRegencyCode\",\"type\":\"string\",\"doc\":\"Kemendagri code of the regency that issued the NIK (the first four digits).\"},{\"name\":\"originRegencyName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name of that regency.\"}]}";
    export const AlertPersonName = "id.waspada.events.AlertPerson";
    export interface AlertPerson {
        /**
         * The 16-digit NIK. Personal data.
         */
        nik: string;
        /**
         * Name from Dukcapil, else from the travel document. Personal data.
         *
         * Default: null
         */
        fullName: null | string;
        /**
         * Birth date, YYYY-MM-DD, from Dukcapil, else from the NIK. Personal data.
         *
         * Default: null
         */
        birthDate: null | string;
        /**
         * Sex from Dukcapil, else from the NIK.
         *
         * Default: null
         */
        sex: null | IdWaspadaEvents.Sex;
        /**
         * Age in whole years on the day of the situation.
         *
         * Default: null
         */
        ageYears: null | number;
        /**
         * Kemendagri code of the regency that issued the NIK (the first four digits).
         */
        originRegencyCode: string;
        /**
         * Name of that regency.
         *
         * Default: null
         */
        originRegencyName: null | string;
    }
    export const AlertTargetSchema = "{\"type\":\"record\",\"name\":\"AlertTarget\",\"fields\":[{\"name\":\"checkpointCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The TPI or PLBN where the person stands; the desk to push to.\"},{\"name\":\"counterId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The counter that scanned the document.\"},{\"name\":\"regencyCode\",\"type\":\"string\",\"doc\":\"The regency that follows up: the origin regency, or where the passport office stands.\"}]}";
    export const AlertTargetName = "id.waspada.events.AlertTarget";
    export interface AlertTarget {
        /**
         * The TPI or PLBN where the person stands; the desk to push to.
         *
         * Default: null
         */
        checkpointCode: null | string;
        /**
         * The counter that scanned the document.
         *
         * Default: null
         */
        counterId: null | string;
        /**
         * The regency that follows up: the origin regency, or where the passport office stands.
         */
        regencyCode: string;
    }
    export const AlertSeveritySchema = "{\"type\":\"enum\",\"name\":\"AlertSeverity\",\"symbols\":[\"LOW\",\"MEDIUM\",\"HIGH\",\"CRITICAL\"]}";
    export const AlertSeverityName = "id.waspada.events.AlertSeverity";
    export type AlertSeverity = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
    export const RuleReasonSchema = "{\"type\":\"record\",\"name\":\"RuleReason\",\"fields\":[{\"name\":\"text\",\"type\":\"string\",\"doc\":\"The reason in Bahasa Indonesia, built from messageKey and params with the reference data's country names, for recipients that do not render keys.\"},{\"name\":\"evidence\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Event ids behind the reason, from any agency topic.\"},{\"name\":\"messageKey\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Key of the reason in the message catalogue (@waspada/messages), for example R02.hub: pages render it in the reader's language from params. Null on alerts written before the field existed; text is then all there is.\"},{\"name\":\"params\",\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{},\"doc\":\"Values of the key's placeholders: country codes (ISO 3166 alpha-2), days (YYYY-MM-DD), symbols of closed lists, counts and codes, never words of one language.\"}]}";
    export const RuleReasonName = "id.waspada.events.RuleReason";
    export interface RuleReason {
        /**
         * The reason in Bahasa Indonesia, built from messageKey and params with the reference data's country names, for recipients that do not render keys.
         */
        text: string;
        /**
         * Event ids behind the reason, from any agency topic.
         */
        evidence: string[];
        /**
         * Key of the reason in the message catalogue (@waspada/messages), for example R02.hub: pages render it in the reader's language from params. Null on alerts written before the field existed; text is then all there is.
         *
         * Default: null
         */
        messageKey: null | string;
        /**
         * Values of the key's placeholders: country codes (ISO 3166 alpha-2), days (YYYY-MM-DD), symbols of closed lists, counts and codes, never words of one language.
         *
         * Default: {}
         */
        params: {
            [index: string]: string;
        };
    }
    export const FiredRuleSchema = "{\"type\":\"record\",\"name\":\"FiredRule\",\"fields\":[{\"name\":\"ruleId\",\"type\":\"string\",\"doc\":\"Stable rule id, for example R01.\"},{\"name\":\"title\",\"type\":\"string\",\"doc\":\"Short name of the rule.\"},{\"name\":\"severity\",\"type\":\"AlertSeverity\",\"doc\":\"The severity this rule alone carries.\"},{\"name\":\"score\",\"type\":\"int\",\"doc\":\"What this rule added to the score.\"},{\"name\":\"reasons\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"RuleReason\",\"fields\":[{\"name\":\"text\",\"type\":\"string\",\"doc\":\"The reason in Bahasa Indonesia, built from messageKey and params with the reference data's country names, for recipients that do not render keys.\"},{\"name\":\"evidence\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Event ids behind the reason, from any agency topic.\"},{\"name\":\"messageKey\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Key of the reason in the message catalogue (@waspada/messages), for example R02.hub: pages render it in the reader's language from params. Null on alerts written before the field existed; text is then all there is.\"},{\"name\":\"params\",\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{},\"doc\":\"Values of the key's placeholders: country codes (ISO 3166 alpha-2), days (YYYY-MM-DD), symbols of closed lists, counts and codes, never words of one language.\"}]}},\"doc\":\"Why it fired.\"}]}";
    export const FiredRuleName = "id.waspada.events.FiredRule";
    export interface FiredRule {
        /**
         * Stable rule id, for example R01.
         */
        ruleId: string;
        /**
         * Short name of the rule.
         */
        title: string;
        /**
         * The severity this rule alone carries.
         */
        severity: IdWaspadaEvents.AlertSeverity;
        /**
         * What this rule added to the score.
         */
        score: number;
        /**
         * Why it fired.
         */
        reasons: IdWaspadaEvents.RuleReason[];
    }
    export const RecommendedActionSchema = "{\"type\":\"enum\",\"name\":\"RecommendedAction\",\"symbols\":[\"REFER_SECONDARY_INSPECTION\",\"INTERVIEW\",\"NOTIFY_ORIGIN_REGENCY\",\"VICTIM_SUPPORT\",\"VERIFY_IDENTITY\"]}";
    export const RecommendedActionName = "id.waspada.events.RecommendedAction";
    export type RecommendedAction = "REFER_SECONDARY_INSPECTION" | "INTERVIEW" | "NOTIFY_ORIGIN_REGENCY" | "VICTIM_SUPPORT" | "VERIFY_IDENTITY";
    export const ExemptedRuleSchema = "{\"type\":\"record\",\"name\":\"ExemptedRule\",\"fields\":[{\"name\":\"ruleId\",\"type\":\"string\",\"doc\":\"The rule that fired and was left out.\"},{\"name\":\"exemptionId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The approved exemption on waspada.rules.exemptions.v1.\"},{\"name\":\"validUntil\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the exemption ends.\"}]}";
    export const ExemptedRuleName = "id.waspada.events.ExemptedRule";
    export interface ExemptedRule {
        /**
         * The rule that fired and was left out.
         */
        ruleId: string;
        /**
         * The approved exemption on waspada.rules.exemptions.v1.
         */
        exemptionId: string;
        /**
         * When the exemption ends.
         */
        validUntil: number;
    }
    export const RiskAlertSchema = "{\"type\":\"record\",\"name\":\"RiskAlert\",\"namespace\":\"id.waspada.events\",\"doc\":\"A risk alert about one person in one situation (a departure, a report abroad, a run of passport applications), or a follow-up that escalates, downgrades or resolves it. Topic waspada.risk.alerts.v1, key NIK. Personal data (UU PDP 27/2022): each recipient gets only the fields its profile allows.\",\"fields\":[{\"name\":\"alertId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Deterministic id: the same person, situation and revision always give the same id, so a replay or a crash never makes a second alert.\"},{\"name\":\"firstAlertId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Id of the first alert of this situation; equal to alertId on a NEW alert. Follow-ups reference it.\"},{\"name\":\"revision\",\"type\":\"int\",\"doc\":\"0 for the first alert of the situation, then 1, 2, ... for each follow-up.\"},{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"AlertKind\",\"symbols\":[\"NEW\",\"ESCALATED\",\"DOWNGRADED\",\"RESOLVED\"]},\"doc\":\"NEW: first alert of the situation. ESCALATED or DOWNGRADED: the score changed after new or late events. RESOLVED: later evidence explains it (for example a late placement record).\"},{\"name\":\"situation\",\"type\":\"string\",\"doc\":\"What the alert is about, stable across revisions: departure:<checkpoint>:<date>, report:<reportId>, documents, overstay:<checkpoint>:<date>.\"},{\"name\":\"person\",\"type\":{\"type\":\"record\",\"name\":\"AlertPerson\",\"fields\":[{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The 16-digit NIK. Personal data.\"},{\"name\":\"fullName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name from Dukcapil, else from the travel document. Personal data.\"},{\"name\":\"birthDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Birth date, YYYY-MM-DD, from Dukcapil, else from the NIK. Personal data.\"},{\"name\":\"sex\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Sex\",\"symbols\":[\"MALE\",\"FEMALE\"]}],\"default\":null,\"doc\":\"Sex from Dukcapil, else from the NIK.\"},{\"name\":\"ageYears\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Age in whole years on the day of the situation.\"},{\"name\":\"originRegencyCode\",\"type\":\"string\",\"doc\":\"Kemendagri code of the regency that issued the NIK (the first four digits).\"},{\"name\":\"originRegencyName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name of that regency.\"}]},\"doc\":\"Who the alert is about.\"},{\"name\":\"target\",\"type\":{\"type\":\"record\",\"name\":\"AlertTarget\",\"fields\":[{\"name\":\"checkpointCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The TPI or PLBN where the person stands; the desk to push to.\"},{\"name\":\"counterId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The counter that scanned the document.\"},{\"name\":\"regencyCode\",\"type\":\"string\",\"doc\":\"The regency that follows up: the origin regency, or where the passport office stands.\"}]},\"doc\":\"Where to act.\"},{\"name\":\"severity\",\"type\":{\"type\":\"enum\",\"name\":\"AlertSeverity\",\"symbols\":[\"LOW\",\"MEDIUM\",\"HIGH\",\"CRITICAL\"]},\"doc\":\"How urgent.\"},{\"name\":\"score\",\"type\":\"int\",\"doc\":\"Combined score of the rules that fired, 0-100 (0 on RESOLVED).\"},{\"name\":\"rules\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"FiredRule\",\"fields\":[{\"name\":\"ruleId\",\"type\":\"string\",\"doc\":\"Stable rule id, for example R01.\"},{\"name\":\"title\",\"type\":\"string\",\"doc\":\"Short name of the rule.\"},{\"name\":\"severity\",\"type\":\"AlertSeverity\",\"doc\":\"The severity this rule alone carries.\"},{\"name\":\"score\",\"type\":\"int\",\"doc\":\"What this rule added to the score.\"},{\"name\":\"reasons\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"RuleReason\",\"fields\":[{\"name\":\"text\",\"type\":\"string\",\"doc\":\"The reason in Bahasa Indonesia, built from messageKey and params with the reference data's country names, for recipients that do not render keys.\"},{\"name\":\"evidence\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Event ids behind the reason, from any agency topic.\"},{\"name\":\"messageKey\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Key of the reason in the message catalogue (@waspada/messages), for example R02.hub: pages render it in the reader's language from params. Null on alerts written before the field existed; text is then all there is.\"},{\"name\":\"params\",\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{},\"doc\":\"Values of the key's placeholders: country codes (ISO 3166 alpha-2), days (YYYY-MM-DD), symbols of closed lists, counts and codes, never words of one language.\"}]}},\"doc\":\"Why it fired.\"}]}},\"doc\":\"The rules that fired, with their reasons and evidence; empty on RESOLVED.\"},{\"name\":\"recommendedActions\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"RecommendedAction\",\"symbols\":[\"REFER_SECONDARY_INSPECTION\",\"INTERVIEW\",\"NOTIFY_ORIGIN_REGENCY\",\"VICTIM_SUPPORT\",\"VERIFY_IDENTITY\"]}},\"doc\":\"What to do, most urgent first.\"},{\"name\":\"ruleSetVersion\",\"type\":\"string\",\"doc\":\"Version of the rule set that decided.\"},{\"name\":\"triggerEventId\",\"type\":\"string\",\"doc\":\"The event that caused this alert or follow-up (or the timer, for an absence).\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Event time of the situation: the scan, the report, the due time of the absence.\"},{\"name\":\"alertTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the processor decided.\"},{\"name\":\"procedureVersion\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Version of the standard desk procedure table (packages/risk-rules/procedures/) the rule set names: what every desk asks, checks and notifies for each rule at this severity. Null from rule sets that name none, and on alerts written before the field existed.\"},{\"name\":\"exemptedRules\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"ExemptedRule\",\"fields\":[{\"name\":\"ruleId\",\"type\":\"string\",\"doc\":\"The rule that fired and was left out.\"},{\"name\":\"exemptionId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The approved exemption on waspada.rules.exemptions.v1.\"},{\"name\":\"validUntil\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the exemption ends.\"}]}},\"default\":[],\"doc\":\"Rules that fired on this situation but were left out of its score and severity under an approved exemption for this person: named so that the desk and the analysts see what was not counted. Empty for alerts written before exemptions existed.\"}]}";
    export const RiskAlertName = "id.waspada.events.RiskAlert";
    /**
     * A risk alert about one person in one situation (a departure, a report abroad, a run of passport applications), or a follow-up that escalates, downgrades or resolves it. Topic waspada.risk.alerts.v1, key NIK. Personal data (UU PDP 27/2022): each recipient gets only the fields its profile allows.
     */
    export interface RiskAlert {
        /**
         * Deterministic id: the same person, situation and revision always give the same id, so a replay or a crash never makes a second alert.
         */
        alertId: string;
        /**
         * Id of the first alert of this situation; equal to alertId on a NEW alert. Follow-ups reference it.
         */
        firstAlertId: string;
        /**
         * 0 for the first alert of the situation, then 1, 2, ... for each follow-up.
         */
        revision: number;
        /**
         * NEW: first alert of the situation. ESCALATED or DOWNGRADED: the score changed after new or late events. RESOLVED: later evidence explains it (for example a late placement record).
         */
        kind: IdWaspadaEvents.AlertKind;
        /**
         * What the alert is about, stable across revisions: departure:<checkpoint>:<date>, report:<reportId>, documents, overstay:<checkpoint>:<date>.
         */
        situation: string;
        /**
         * Who the alert is about.
         */
        person: IdWaspadaEvents.AlertPerson;
        /**
         * Where to act.
         */
        target: IdWaspadaEvents.AlertTarget;
        /**
         * How urgent.
         */
        severity: IdWaspadaEvents.AlertSeverity;
        /**
         * Combined score of the rules that fired, 0-100 (0 on RESOLVED).
         */
        score: number;
        /**
         * The rules that fired, with their reasons and evidence; empty on RESOLVED.
         */
        rules: IdWaspadaEvents.FiredRule[];
        /**
         * What to do, most urgent first.
         */
        recommendedActions: IdWaspadaEvents.RecommendedAction[];
        /**
         * Version of the rule set that decided.
         */
        ruleSetVersion: string;
        /**
         * The event that caused this alert or follow-up (or the timer, for an absence).
         */
        triggerEventId: string;
        /**
         * Event time of the situation: the scan, the report, the due time of the absence.
         */
        eventTime: number;
        /**
         * When the processor decided.
         */
        alertTime: number;
        /**
         * Version of the standard desk procedure table (packages/risk-rules/procedures/) the rule set names: what every desk asks, checks and notifies for each rule at this severity. Null from rule sets that name none, and on alerts written before the field existed.
         *
         * Default: null
         */
        procedureVersion: null | string;
        /**
         * Rules that fired on this situation but were left out of its score and severity under an approved exemption for this person: named so that the desk and the analysts see what was not counted. Empty for alerts written before exemptions existed.
         *
         * Default: []
         */
        exemptedRules: IdWaspadaEvents.ExemptedRule[];
    }
}

