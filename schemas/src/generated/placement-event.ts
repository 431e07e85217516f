// Generated from schemas/avro/placement-event.avsc by `npm run generate -w @waspada/schemas`. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type PlacementEvent = IdWaspadaEvents.PlacementEvent;

export namespace IdWaspadaEvents {
    export const SourceAgencySchema = "{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"}";
    export const SourceAgencyName = "id.waspada.events.SourceAgency";
    /**
     * Agencies that publish to Waspada.
     */
    export type SourceAgency = "IMIGRASI" | "KP2MI" | "DUKCAPIL" | "KEMLU" | "POLRI" | "KOMDIGI";
    export const PlacementEventTypeSchema = "{\"type\":\"enum\",\"name\":\"PlacementEventType\",\"symbols\":[\"WORKER_REGISTERED\",\"JOB_ORDER_MATCHED\",\"TRAINING_COMPLETED\",\"EPMI_CARD_ISSUED\",\"DEPARTURE_SCHEDULED\",\"DEPARTED\",\"PLACEMENT_CANCELLED\"]}";
    export const PlacementEventTypeName = "id.waspada.events.PlacementEventType";
    export type PlacementEventType = "WORKER_REGISTERED" | "JOB_ORDER_MATCHED" | "TRAINING_COMPLETED" | "EPMI_CARD_ISSUED" | "DEPARTURE_SCHEDULED" | "DEPARTED" | "PLACEMENT_CANCELLED";
    export const LicenceStatusSchema = "{\"type\":\"enum\",\"name\":\"LicenceStatus\",\"symbols\":[\"ACTIVE\",\"SUSPENDED\",\"REVOKED\"],\"doc\":\"State of a placement company's (P3MI) licence.\"}";
    export const LicenceStatusName = "id.waspada.events.LicenceStatus";
    /**
     * State of a placement company's (P3MI) licence.
     */
    export type LicenceStatus = "ACTIVE" | "SUSPENDED" | "REVOKED";
    export const WorkSectorSchema = "{\"type\":\"enum\",\"name\":\"WorkSector\",\"symbols\":[\"DOMESTIC_WORKER\",\"CAREGIVER\",\"PLANTATION\",\"MANUFACTURING\",\"CONSTRUCTION\",\"FISHERIES\",\"HOSPITALITY\",\"OTHER\"]}";
    export const WorkSectorName = "id.waspada.events.WorkSector";
    export type WorkSector = "DOMESTIC_WORKER" | "CAREGIVER" | "PLANTATION" | "MANUFACTURING" | "CONSTRUCTION" | "FISHERIES" | "HOSPITALITY" | "OTHER";
    export const PlacementSchemeSchema = "{\"type\":\"enum\",\"name\":\"PlacementScheme\",\"symbols\":[\"P3MI\",\"G_TO_G\",\"P_TO_P\",\"INDEPENDENT\",\"COMPANY_OWN_INTEREST\"],\"doc\":\"The placement scheme under UU 18/2017.\"}";
    export const PlacementSchemeName = "id.waspada.events.PlacementScheme";
    /**
     * The placement scheme under UU 18/2017.
     */
    export type PlacementScheme = "P3MI" | "G_TO_G" | "P_TO_P" | "INDEPENDENT" | "COMPANY_OWN_INTEREST";
    export const PlacementEventSchema = "{\"type\":\"record\",\"name\":\"PlacementEvent\",\"namespace\":\"id.waspada.events\",\"doc\":\"A step of a migrant worker's procedural placement (KP2MI SISKOP2MI). Topic waspada.kp2mi.placement.v1, key NIK.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.\"},{\"name\":\"recordTime\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.\"},{\"name\":\"sourceAgency\",\"type\":{\"type\":\"enum\",\"name\":\"SourceAgency\",\"symbols\":[\"IMIGRASI\",\"KP2MI\",\"DUKCAPIL\",\"KEMLU\",\"POLRI\",\"KOMDIGI\"],\"doc\":\"Agencies that publish to Waspada.\"},\"doc\":\"KP2MI.\"},{\"name\":\"sourceSystem\",\"type\":\"string\",\"doc\":\"The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.\"},{\"name\":\"nik\",\"type\":\"string\",\"doc\":\"The person's 16-digit NIK, also the message key, so one person's events share a partition. Personal data (UU PDP 27/2022).\"},{\"name\":\"eventType\",\"type\":{\"type\":\"enum\",\"name\":\"PlacementEventType\",\"symbols\":[\"WORKER_REGISTERED\",\"JOB_ORDER_MATCHED\",\"TRAINING_COMPLETED\",\"EPMI_CARD_ISSUED\",\"DEPARTURE_SCHEDULED\",\"DEPARTED\",\"PLACEMENT_CANCELLED\"]},\"doc\":\"Which step of the placement process.\"},{\"name\":\"placementId\",\"type\":\"string\",\"doc\":\"SISKOP2MI placement id; ties the steps of one placement together.\"},{\"name\":\"p3miId\",\"type\":\"string\",\"doc\":\"Licence id of the placement company (P3MI).\"},{\"name\":\"p3miName\",\"type\":\"string\",\"doc\":\"Name of the placement company.\"},{\"name\":\"p3miLicenceStatus\",\"type\":{\"type\":\"enum\",\"name\":\"LicenceStatus\",\"symbols\":[\"ACTIVE\",\"SUSPENDED\",\"REVOKED\"],\"doc\":\"State of a placement company's (P3MI) licence.\"},\"doc\":\"The placement company's licence status when the step was recorded.\"},{\"name\":\"destinationCountry\",\"type\":\"string\",\"doc\":\"Country of placement, ISO 3166-1 alpha-2.\"},{\"name\":\"employer\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Employer abroad.\"},{\"name\":\"sector\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"WorkSector\",\"symbols\":[\"DOMESTIC_WORKER\",\"CAREGIVER\",\"PLANTATION\",\"MANUFACTURING\",\"CONSTRUCTION\",\"FISHERIES\",\"HOSPITALITY\",\"OTHER\"]}],\"default\":null,\"doc\":\"Sector of the job.\"},{\"name\":\"scheduledDepartureDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Planned departure, YYYY-MM-DD (DEPARTURE_SCHEDULED).\"},{\"name\":\"departureCheckpointCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Checkpoint the worker is scheduled to leave through.\"},{\"name\":\"epmiCardNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Number of the e-PMI card (EPMI_CARD_ISSUED).\"},{\"name\":\"cancellationReason\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Why the placement was cancelled (PLACEMENT_CANCELLED).\"},{\"name\":\"scheme\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"PlacementScheme\",\"symbols\":[\"P3MI\",\"G_TO_G\",\"P_TO_P\",\"INDEPENDENT\",\"COMPANY_OWN_INTEREST\"],\"doc\":\"The placement scheme under UU 18/2017.\"}],\"default\":null,\"doc\":\"Added 2026-12. The scheme: through a licensed company (P3MI), government to government, private to private, independent (mandiri) or a company placing its own staff. Shown to the desk; R09's licence check applies to P3MI placements.\"},{\"name\":\"jobTitle\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. The job order's title. Shown to the desk.\"},{\"name\":\"contractEndDate\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added 2026-12. When the work contract ends (YYYY-MM-DD). A worker who departed under a placement and comes home on leave before this date goes back to the same employer: R01, R06 and R08 treat the placement as under way until then.\"}]}";
    export const PlacementEventName = "id.waspada.events.PlacementEvent";
    /**
     * A step of a migrant worker's procedural placement (KP2MI SISKOP2MI). Topic waspada.kp2mi.placement.v1, key NIK.
     */
    export interface PlacementEvent {
        /**
         * Unique id of this event (UUID). A record sent twice keeps its id, so consumers drop the copy.
         */
        eventId: string;
        /**
         * When it happened (epoch milliseconds, UTC): the scan, the decision, the report. Rules order a person's events by this time.
         */
        eventTime: number;
        /**
         * When the agency's system recorded it. Later than eventTime when an agency sends late; the gap is how late.
         */
        recordTime: number;
        /**
         * KP2MI.
         */
        sourceAgency: IdWaspadaEvents.SourceAgency;
        /**
         * The agency system the record came from, for example SIMKIM, SISKOP2MI, SIAK, PEDULI_WNI.
         */
        sourceSystem: string;
        /**
         * The person's 16-digit NIK, also the message key, so one person's events share a partition. Personal data (UU PDP 27/2022).
         */
        nik: string;
        /**
         * Which step of the placement process.
         */
        eventType: IdWaspadaEvents.PlacementEventType;
        /**
         * SISKOP2MI placement id; ties the steps of one placement together.
         */
        placementId: string;
        /**
         * Licence id of the placement company (P3MI).
         */
        p3miId: string;
        /**
         * Name of the placement company.
         */
        p3miName: string;
        /**
         * The placement company's licence status when the step was recorded.
         */
        p3miLicenceStatus: IdWaspadaEvents.LicenceStatus;
        /**
         * Country of placement, ISO 3166-1 alpha-2.
         */
        destinationCountry: string;
        /**
         * Employer abroad.
         *
         * Default: null
         */
        employer: null | string;
        /**
         * Sector of the job.
         *
         * Default: null
         */
        sector: null | IdWaspadaEvents.WorkSector;
        /**
         * Planned departure, YYYY-MM-DD (DEPARTURE_SCHEDULED).
         *
         * Default: null
         */
        scheduledDepartureDate: null | string;
        /**
         * Checkpoint the worker is scheduled to leave through.
         *
         * Default: null
         */
        departureCheckpointCode: null | string;
        /**
         * Number of the e-PMI card (EPMI_CARD_ISSUED).
         *
         * Default: null
         */
        epmiCardNumber: null | string;
        /**
         * Why the placement was cancelled (PLACEMENT_CANCELLED).
         *
         * Default: null
         */
        cancellationReason: null | string;
        /**
         * Added 2026-12. The scheme: through a licensed company (P3MI), government to government, private to private, independent (mandiri) or a company placing its own staff. Shown to the desk; R09's licence check applies to P3MI placements.
         *
         * Default: null
         */
        scheme: null | IdWaspadaEvents.PlacementScheme;
        /**
         * Added 2026-12. The job order's title. Shown to the desk.
         *
         * Default: null
         */
        jobTitle: null | string;
        /**
         * Added 2026-12. When the work contract ends (YYYY-MM-DD). A worker who departed under a placement and comes home on leave before this date goes back to the same employer: R01, R06 and R08 treat the placement as under way until then.
         *
         * Default: null
         */
        contractEndDate: null | string;
    }
}

