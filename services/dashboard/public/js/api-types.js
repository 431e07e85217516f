/**
 * The JSON the pages read, as the dashboard's and the notifier's APIs send it (see
 * services/dashboard/src and services/notifier/src). Types only: the pages import these in JSDoc,
 * so the browser never loads this file.
 */

/**
 * @typedef {'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'} Severity
 * @typedef {'NEW' | 'ESCALATED' | 'DOWNGRADED' | 'RESOLVED'} AlertKind
 * @typedef {[number, number]} Point  [epoch ms, value]
 */

/**
 * GET /api/config
 * @typedef {object} DashboardConfig
 * @property {string} notifierUrl
 * @property {string | null} traceUrlTemplate  a URL with {traceId}; null shows trace ids as text
 * @property {number} sampleIntervalMs
 * @property {number} historyMinutes
 */

/**
 * One entry of GET /api/checkpoints.
 * @typedef {object} CheckpointInfo
 * @property {string} code
 * @property {string} name
 * @property {string} kind
 * @property {string} type
 * @property {string} province
 * @property {string} regency
 * @property {string | null} regencyName
 * @property {string | null} borderCountry
 */

/** @typedef {{ checkpoints: CheckpointInfo[] }} CheckpointList */

/**
 * @typedef {object} TopicView
 * @property {string} topic
 * @property {'stream' | 'rejected' | 'dead-letter' | 'delivery-dead-letter'} kind
 * @property {boolean} exists
 * @property {number} partitions
 * @property {number} size
 * @property {number | null} rate
 * @property {Point[]} rates
 */

/** GET /api/topics @typedef {{ now: number, intervalMs: number, topics: TopicView[] }} TopicsAnswer */

/**
 * @typedef {object} GroupView
 * @property {string} groupId
 * @property {string | null} state
 * @property {number | null} members
 * @property {number} lag
 * @property {Record<string, number>} byTopic
 * @property {Point[]} points
 */

/** GET /api/lag @typedef {{ now: number, groups: GroupView[] }} LagAnswer */

/**
 * GET /api/alerts/summary: one value per minute in every series.
 * @typedef {object} AlertSummary
 * @property {number} now
 * @property {boolean} loading
 * @property {number} bucketMs
 * @property {number[]} minutes
 * @property {{ total: number[], bySeverity: Record<Severity, number[]>, byRule: Record<string, number[]>,
 *   byCheckpoint: Record<string, number[]> }} raised
 * @property {number[]} resolved
 * @property {number[]} downgraded
 * @property {{ raised: number, resolved: number, downgraded: number, bySeverity: Record<Severity, number>,
 *   byRule: Record<string, number>, byCheckpoint: Record<string, number> }} totals
 * @property {{ newAlerts: number, flapped: number, share: number }} flapping
 * @property {{ checkpoint: string, departures: number, alerted: number, perThousand: number }[]} alertBudget
 */

/**
 * @typedef {object} ServiceStatus
 * @property {string} name
 * @property {string} url
 * @property {'ready' | 'not-ready' | 'down'} state
 * @property {Record<string, string>} checks
 * @property {string | null} error
 * @property {number} checkedAt
 * @property {number} since
 */

/**
 * @typedef {object} NotifierFigures
 * @property {number} desksConnected
 * @property {Record<string, number>} desksByCheckpoint
 * @property {Record<string, number>} deliveries
 * @property {Record<string, number>} retries
 */

/**
 * @typedef {object} NotifierView
 * @property {NotifierFigures | null} current
 * @property {Point[]} desksConnected
 * @property {Record<string, Point[]>} deliveriesPerMinute
 * @property {Record<string, Point[]>} retriesPerMinute
 */

/** GET /api/services @typedef {{ now: number, services: ServiceStatus[], notifier: NotifierView }} ServicesAnswer */

/**
 * An alert on the ops page's live stream (GET /api/alerts/stream), NIK masked.
 * @typedef {object} OpsAlertEntry
 * @property {string} alertId
 * @property {string} firstAlertId
 * @property {number} revision
 * @property {AlertKind} kind
 * @property {Severity} severity
 * @property {number} score
 * @property {string[]} ruleIds
 * @property {string | null} checkpointCode
 * @property {string | null} checkpointName
 * @property {string} originRegencyCode
 * @property {string | null} originRegencyName
 * @property {string} nik
 * @property {string} eventTime
 * @property {string} alertTime
 * @property {string | null} traceId
 */

/**
 * A desk procedure table, GET /api/procedures/:version. From 2026.12.2 on its steps, actions and
 * party names are catalogue keys (`procedure.…`); earlier tables hold English sentences.
 * @typedef {object} ProcedureTable
 * @property {string} version
 * @property {string} description
 * @property {Partial<Record<string, string>>} parties  party code → its name (or key)
 * @property {Partial<Record<string, ProcedureRule>>} rules  by rule id
 */

/**
 * @typedef {object} ProcedureRule
 * @property {string[]} ask
 * @property {string[]} check
 * @property {string[]} notify
 * @property {Partial<Record<Severity, { action: string, notify: string[] }>>} severities
 */

/**
 * The person's joined record, from the notifier's desk timeline and the analyst's person timeline.
 * @typedef {object} TimelineEvent
 * @property {string} eventTime
 * @property {string} agency
 * @property {string} kind
 * @property {string} eventId
 * @property {string | null} alertId
 * @property {MessagePart[]} [summaryParts]  the line as catalogue keys and values (absent from an older server)
 * @property {string} summary  the same line in Bahasa Indonesia
 * @property {ExemptedRule[]} [exemptedRules]  on an alert, the rules it left out under an exemption
 *   (absent from a server that does not send them)
 */

/**
 * A text a server wrote as a catalogue key and its values.
 * @typedef {object} MessagePart
 * @property {string} key
 * @property {Record<string, string>} params
 */

/**
 * @typedef {object} PersonTimeline
 * @property {string} nik
 * @property {boolean} nikMasked
 * @property {{ fullName: string | null, birthDate: string | null, sex: string | null,
 *   addressRegencyCode: string | null, status: string } | null} identity
 * @property {TimelineEvent[]} events
 * @property {{ situation: string, severity: Severity, resolved: boolean, ruleIds: string[] }[]} situations
 */

/**
 * The notifier's answer to a desk action (POST /desks/:checkpoint/alerts/:alertId/actions).
 * @typedef {object} DeskActionAnswer
 * @property {string} action
 * @property {string} actionTime
 */

/**
 * What an API says when it refuses: a reason, and for a bad body each field's problem.
 * @typedef {{ error?: string, fields?: FieldProblem[], errors?: FieldProblem[], code?: string }} ErrorAnswer
 * @typedef {{ field: string, reason: string }} FieldProblem
 */

/** GET /api/analyst/me @typedef {{ id: string, roles: string[], mayUnmaskNik: boolean }} AnalystMe */

/**
 * Precision and recall with the four counts behind them (null where nothing was counted).
 * @typedef {object} Confusion
 * @property {number} truePositives
 * @property {number} falsePositives
 * @property {number} falseNegatives
 * @property {number} trueNegatives
 * @property {number | null} precision
 * @property {number | null} recall
 */

/**
 * One report in GET /api/analyst/backtests.
 * @typedef {object} BacktestSummary
 * @property {string} id
 * @property {string} createdAt
 * @property {string} ruleSetVersion
 * @property {string} from
 * @property {string} to
 * @property {number} records
 * @property {number} eventsPerSecond
 * @property {number} judged
 * @property {number} alerted
 * @property {Confusion & { labelled: number }} desk
 * @property {(Confusion & { labelled: number }) | null} groundTruth
 * @property {string[]} review
 */

/**
 * @typedef {object} BacktestRule
 * @property {string} ruleId
 * @property {string} title
 * @property {boolean} enabled
 * @property {number} alerted
 * @property {number} fireShare
 * @property {Confusion | null} desk
 * @property {Confusion | null} groundTruth
 */

/**
 * GET /api/analyst/backtests/:id
 * @typedef {object} BacktestReport
 * @property {string} id
 * @property {string} createdAt
 * @property {{ version: string }} ruleSet
 * @property {{ from: string, to: string }} period
 * @property {{ records: number, eventsApplied: number, eventsInPeriod: number, people: number }} input
 * @property {{ eventsPerSecond: number, seconds: { total: number } }} throughput
 * @property {{ judged: number, alerted: number }} situations
 * @property {{ labelled: number, overall: Confusion }} desk
 * @property {{ labelled: number, overall: Confusion } | null} groundTruth
 * @property {BacktestRule[]} rules
 * @property {{ ruleId: string, reasonParts?: MessagePart[], reasons: string[] }[]} review  reasons as catalogue keys (absent from older reports) and in Bahasa Indonesia
 */

/**
 * @typedef {object} EntityInfo
 * @property {string} id
 * @property {string} kind
 * @property {string} label
 * @property {string[]} names
 * @property {{ entryId: string, entryType: string, name: string | null, reason: string }[]} watchlist
 */

/** One entry of GET /api/analyst/entities/top @typedef {EntityInfo & { alerts: number, people: number }} RankedEntity */

/**
 * GET /api/analyst/alerts/:alertId/network
 * @typedef {object} AlertNetwork
 * @property {{ alertId: string, firstAlertId: string | null, nik: string, severity: Severity | null,
 *   situation: string | null }} alert
 * @property {(EntityInfo & { people: { nik: string, firstSeen: string }[], alerts: NetworkAlert[] })[]} entities
 */

/**
 * GET /api/analyst/entities/:entityId/network: nodes one step from the centre. A person is named
 * by a ref and a masked NIK, never the NIK; every edge joins a person to an entity.
 * @typedef {object} NetworkGraph
 * @property {string} centre
 * @property {string | null} alertId
 * @property {(GraphPerson | GraphEntity)[]} nodes
 * @property {{ id: string, source: string, target: string, since: string }[]} edges
 * @property {boolean} truncated
 *
 * @typedef {object} GraphPerson
 * @property {string} id  person:<ref>
 * @property {'person'} kind
 * @property {string} ref
 * @property {string} nik  masked
 * @property {string} label
 * @property {{ alertId: string, severity: Severity, situation: string, eventTime: string, href: string } | null} latestAlert
 *
 * @typedef {object} GraphEntity
 * @property {string} id
 * @property {'sponsor' | 'company' | 'booking' | 'phone' | 'organiser'} kind
 * @property {string} label
 * @property {string[]} names
 * @property {boolean} watchlisted
 * @property {number} people
 */

/**
 * @typedef {object} NetworkAlert
 * @property {string} alertId
 * @property {string} latestAlertId
 * @property {string} nik
 * @property {Severity} severity
 * @property {AlertKind} kind
 * @property {string} situation
 * @property {string[]} ruleIds
 * @property {string} eventTime
 */

/**
 * A rule set version in GET /api/analyst/rulesets.
 * @typedef {object} RuleSetVersion
 * @property {string} version
 * @property {'PROPOSED' | 'APPROVED' | 'REJECTED' | 'LIVE' | 'RETIRED'} status
 * @property {string} contentSha256
 * @property {string} proposedBy
 * @property {{ changeId: string, step: string, actorId: string, actorRoles: string[], stepTime: string,
 *   comment: string | null }[]} steps
 */

/** @typedef {{ live: string | null, versions: RuleSetVersion[] }} RuleSetList */

/**
 * GET /api/analyst/rulesets/live: what an edit starts from (the shipped file until a version goes live).
 * @typedef {object} LiveRuleSet
 * @property {'lifecycle' | 'file'} source
 * @property {string} version
 * @property {string} contentSha256
 * @property {string} content
 * @property {{ at: string, by: string, comment: string | null } | null} live
 * @property {Record<string, string[]>} countryGroups
 */

/**
 * POST /api/analyst/rulesets/validate
 * @typedef {object} RuleSetCheck
 * @property {boolean} valid
 * @property {string} against
 * @property {{ path: string, message: string }[]} problems
 * @property {{ path: string, kind: 'changed' | 'added' | 'removed', live?: unknown, proposed?: unknown }[]} changes
 */

/**
 * A situation as one side of a shadow difference.
 * @typedef {{ nik: string, situation: string, severity: Severity, rules: string[] }} AlertSide
 */

/**
 * GET /api/analyst/rulesets/:version/diff
 * @typedef {object} ShadowDiff
 * @property {string} version
 * @property {string[]} liveVersions
 * @property {string} from
 * @property {string} to
 * @property {AlertSide[]} onlyNew
 * @property {AlertSide[]} dropped
 * @property {{ live: AlertSide, shadow: AlertSide }[]} severityChanged
 * @property {number} unchanged
 * @property {number} liveAlerts
 * @property {number} shadowAlerts
 * @property {number | null} shadowBehind
 */

export {};

/**
 * A backtest or shadow request and how far the job worker has got with it (POST and GET
 * /api/analyst/rule-jobs). `draft` is a backtest of content not yet proposed.
 * @typedef {object} RuleJob
 * @property {string} jobId
 * @property {'BACKTEST' | 'SHADOW_START' | 'SHADOW_STOP'} kind
 * @property {'REQUESTED' | 'RUNNING' | 'DONE' | 'FAILED'} status
 * @property {string} requestedBy
 * @property {string} requestedAt
 * @property {string | null} ruleSetVersion
 * @property {boolean} draft
 * @property {string | null} from
 * @property {string | null} to
 * @property {number} attempts
 * @property {string | null} startedAt
 * @property {string | null} endedAt
 * @property {{ phase: 'read' | 'judge', done: number, total: number } | null} progress
 * @property {string | null} reportId  the backtest report (GET /api/analyst/backtests/:id) once DONE
 * @property {string | null} error
 */

/**
 * GET /api/analyst/rule-jobs: the newest jobs first, and the version the last shadow request asked for.
 * @typedef {{ jobs: RuleJob[], shadow: string | null }} RuleJobList
 */

/**
 * One exemption of a rule for a person (GET and POST /api/analyst/exemptions): the NIK masked
 * unless the reader's role may see it, times ISO.
 * @typedef {object} Exemption
 * @property {string} exemptionId
 * @property {string} nik
 * @property {string} ruleId
 * @property {string} validFrom
 * @property {string} validUntil  the end of the period, not included
 * @property {string} reason
 * @property {ExemptionStatus} status
 * @property {string} proposedBy
 * @property {string | null} decidedBy
 * @property {boolean} inForce  approved, and now inside its period
 * @property {{ step: ExemptionStatus, actorId: string, stepTime: string, reason: string | null }[]} steps
 *
 * @typedef {'PROPOSED' | 'APPROVED' | 'REJECTED' | 'REVOKED'} ExemptionStatus
 */

/** GET /api/analyst/exemptions, newest first @typedef {{ exemptions: Exemption[] }} ExemptionList */

/**
 * A rule that fired on an alert and was left out under an approved exemption (RiskAlert
 * exemptedRules): validUntil is epoch ms in the desk's alerts, ISO where a view converted it.
 * @typedef {{ ruleId: string, exemptionId: string, validUntil: number | string }} ExemptedRule
 */
