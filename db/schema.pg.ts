import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * The PostgreSQL schema: the same tables, columns and constraints as db/schema.ts (SQLite), in
 * PostgreSQL's types — booleans as boolean, instants (epoch milliseconds) and save sequences as
 * bigint, fractions as double precision, `glob` checks as regular expressions.
 * test/db/schema-parity.test.ts keeps the two in step.
 */

/** Researcher accounts. */
export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  locale: text("locale").notNull().default("en"),
  /** Administrators of this installation may create password-reset links for any account. */
  isAdmin: boolean("is_admin").notNull().default(false),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

/** A customer value study: one market, one own offer and its competitors. */
export const studies = pgTable(
  "studies",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    titleZh: text("title_zh"),
    market: text("market").notNull().default(""),
    marketZh: text("market_zh"),
    /** Languages the questionnaire is offered in: "en", "zh-CN" or "en,zh-CN". */
    languages: text("languages").notNull().default("en,zh-CN"),
    /** Public link token: /s/:token. */
    publicToken: text("public_token").notNull().unique(),
    /** Fieldwork window (epoch ms, either end open when null): outside it the links answer "closed". */
    fieldworkOpensAt: bigint("fieldwork_opens_at", { mode: "number" }),
    fieldworkClosesAt: bigint("fieldwork_closes_at", { mode: "number" }),
    /** A public-link study can accept one response per device (a cookie). */
    onePerDevice: boolean("one_per_device").notNull().default(false),
    /**
     * Minutes after the fieldwork closes during which responses started before the close may still
     * be saved and completed (0: the close applies to them at once).
     */
    fieldworkGraceMinutes: integer("fieldwork_grace_minutes").notNull().default(0),
    /**
     * Consolidated focus-group weights adopted as the study's stated weights, as JSON
     * `{ "qualityShare": number, "weights": { [attributeCode]: number } }`; when set, the rating
     * stage does not ask for weights.
     */
    statedWeightsJson: text("stated_weights_json"),
    /** The fair-value line the report draws (method.md): weights, parity, regression or a given slope. */
    fairValueLine: text("fair_value_line", { enum: ["weights", "parity", "regression", "slope"] }).notNull().default("weights"),
    fairValueSlope: doublePrecision("fair_value_slope"),
    /** Wave new responses are stamped with; the researcher starts the next wave. */
    currentWave: integer("current_wave").notNull().default(1),
    /**
     * How the rating stage lays out the ratings (issue 15): "offer", one page per known offer;
     * "attribute", one page per attribute with every known offer on it.
     */
    ratingLayout: text("rating_layout", { enum: ["offer", "attribute"] }).notNull().default("offer"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("studies_owner_idx").on(t.ownerId),
    check("studies_title_ck", sql`length(${t.title}) between 1 and 200`),
    check("studies_fair_value_line_ck", sql`${t.fairValueLine} in ('weights', 'parity', 'regression', 'slope')`),
    check("studies_current_wave_ck", sql`${t.currentWave} >= 1`),
    check("studies_rating_layout_ck", sql`${t.ratingLayout} in ('offer', 'attribute')`),
  ],
);

/** Offers in the market: exactly one own offer per study (partial unique index). */
export const offers = pgTable(
  "offers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameZh: text("name_zh"),
    isOwn: boolean("is_own").notNull().default(false),
    /** Market share in percent (optional): bubble size on the value map, share-weighted references. */
    marketShare: doublePrecision("market_share"),
    /** Actual price (optional; one currency for the study): the fair price and the scenarios' price moves. */
    price: doublePrecision("price"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    uniqueIndex("offers_study_code_uq").on(t.studyId, t.code),
    check("offers_market_share_ck", sql`${t.marketShare} is null or ${t.marketShare} between 0 and 100`),
    check("offers_price_ck", sql`${t.price} is null or ${t.price} >= 0`),
    uniqueIndex("offers_one_own_uq").on(t.studyId).where(sql`${t.isOwn}`),
    check("offers_code_ck", sql`${t.code} ~ '^[a-z]' and length(${t.code}) <= 40`),
  ],
);

/**
 * Quality and price attributes of a study. Every attribute is rated in the questionnaire (1-10,
 * 10 best; for price 10 = most satisfied with what it costs), so none has a direction: a "lower
 * is better" flag (`lowerIsBetter`) is for objective values given to the analysis library only
 * (docs/analysis-format.md). The column `direction` was dropped by a migration that reset and
 * audited every attribute that had "lower".
 */
export const attributes = pgTable(
  "attributes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    kind: text("kind", { enum: ["quality", "price"] }).notNull(),
    name: text("name").notNull(),
    nameZh: text("name_zh"),
    description: text("description").notNull().default(""),
    descriptionZh: text("description_zh"),
    groupName: text("group_name"),
    /** A price attribute's Kotler cost group (what the customer gives up); quality attributes keep "money". */
    costGroup: text("cost_group", { enum: ["money", "time", "energy", "psychic"] }).notNull().default("money"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    uniqueIndex("attributes_study_code_uq").on(t.studyId, t.code),
    check("attributes_kind_ck", sql`${t.kind} in ('quality', 'price')`),
    check("attributes_cost_group_ck", sql`${t.costGroup} in ('money', 'time', 'energy', 'psychic')`),
    check("attributes_code_ck", sql`${t.code} ~ '^[a-z]' and length(${t.code}) <= 40`),
  ],
);

/** Published questionnaires: frozen SurveyJS JSON and the study definition it was built from. */
export const questionnaires = pgTable(
  "questionnaires",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** focus_group: which attributes matter and their weights (Gale steps 1-2); rating: the offers rated. */
    stage: text("stage", { enum: ["focus_group", "rating"] }).notNull().default("rating"),
    version: integer("version").notNull(),
    definitionJson: text("definition_json").notNull(),
    surveyJson: text("survey_json").notNull(),
    publishedAt: bigint("published_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("questionnaires_study_stage_version_uq").on(t.studyId, t.stage, t.version),
    check("questionnaires_stage_ck", sql`${t.stage} in ('focus_group', 'rating')`),
  ],
);

/** One respondent's answers to one questionnaire version, keyed by the client-generated id. */
export const responses = pgTable(
  "responses",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    clientId: text("client_id").notNull().unique(),
    questionnaireId: integer("questionnaire_id")
      .notNull()
      .references(() => questionnaires.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["draft", "complete", "screened_out"] }).notNull().default("draft"),
    answersJson: text("answers_json").notNull().default("{}"),
    pageNo: integer("page_no").notNull().default(0),
    /** Highest client save sequence applied: older drafts arriving late are ignored. */
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    offerOrder: text("offer_order").notNull(),
    locale: text("locale").notNull().default("en"),
    qualityShare: doublePrecision("quality_share"),
    /** Personal invitation the response came through: at most one response per invitation. */
    invitationId: integer("invitation_id").references(() => respondentInvitations.id, { onDelete: "set null" }),
    /** Random id from the respondent's device cookie (duplicates flag, one response per device). */
    deviceId: text("device_id"),
    /** The study's wave when the response started. */
    wave: integer("wave").notNull().default(1),
    /** Why a response was screened out: the screening question, a full quota, or closed fieldwork. */
    screenReason: text("screen_reason", { enum: ["screening", "quota_full", "closed"] }),
    /** The researcher's decision: null follows the data-quality flags, else include or exclude. */
    review: text("review", { enum: ["include", "exclude"] }),
    /** The panel's respondent id (`?rid=`), given back in the panel's redirect URLs. */
    respondentRef: text("respondent_ref"),
    /** web, test (a panel test link) or imported. */
    origin: text("origin", { enum: ["web", "test", "imported"] }).notNull().default("web"),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    completedAt: bigint("completed_at", { mode: "number" }),
    /** The least plausible completion time (answered pages x RESPONDENT_MIN_SECONDS_PER_PAGE), set at completion. */
    minDurationMs: bigint("min_duration_ms", { mode: "number" }),
    /**
     * The data-quality flags the response had when it completed (comma-separated, '' for none;
     * null for responses completed before they were recorded): a flagged response holds no quota
     * place unless the researcher includes it.
     */
    completionFlags: text("completion_flags"),
  },
  (t) => [
    index("responses_questionnaire_status_idx").on(t.questionnaireId, t.status),
    uniqueIndex("responses_invitation_uq").on(t.invitationId),
    index("responses_device_idx").on(t.deviceId),
    check("responses_review_ck", sql`${t.review} is null or ${t.review} in ('include', 'exclude')`),
    check(
      "responses_screen_reason_ck",
      sql`${t.screenReason} is null or ${t.screenReason} in ('screening', 'quota_full', 'closed')`,
    ),
    check("responses_status_ck", sql`${t.status} in ('draft', 'complete', 'screened_out')`),
    check("responses_client_id_ck", sql`length(${t.clientId}) between 8 and 64`),
    check("responses_quality_share_ck", sql`${t.qualityShare} is null or ${t.qualityShare} between 0 and 100`),
  ],
);

/** Normalised ratings of complete responses: one row per respondent x offer x attribute. */
export const responseRatings = pgTable(
  "response_ratings",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    offerCode: text("offer_code").notNull(),
    attributeCode: text("attribute_code").notNull(),
    score: integer("score").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.offerCode, t.attributeCode] }),
    check("response_ratings_score_ck", sql`${t.score} between 1 and 10`),
  ],
);

/** Normalised stated weights of complete responses (constant sum per set as given). */
export const responseWeights = pgTable(
  "response_weights",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    attributeCode: text("attribute_code").notNull(),
    weight: doublePrecision("weight").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.attributeCode] }),
    check("response_weights_weight_ck", sql`${t.weight} between 0 and 100`),
  ],
);

/** Per-offer answers of complete responses: known, worth what paid, overall quality, purchase. */
export const responseOffers = pgTable(
  "response_offers",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    offerCode: text("offer_code").notNull(),
    position: integer("position").notNull(),
    known: boolean("known").notNull(),
    worth: integer("worth"),
    overall: integer("overall"),
    chose: boolean("chose").notNull().default(false),
    considered: boolean("considered").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.offerCode] }),
    check("response_offers_worth_ck", sql`${t.worth} is null or ${t.worth} between 1 and 10`),
    check("response_offers_overall_ck", sql`${t.overall} is null or ${t.overall} between 1 and 10`),
  ],
);

/**
 * Researcher sessions, server side: the cookie holds a random id, the table only its SHA-256
 * (a leaked database does not give working cookies). Sign-out deletes all of a user's rows.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Per-session CSRF token, sent back in a hidden field by every researcher form. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    check("sessions_token_hash_ck", sql`length(${t.tokenHash}) = 64`),
    check("sessions_expiry_ck", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

/** Failed sign-ins of the last hour (older rows are pruned): the throttle counts them per account and per IP. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("sign_in_failures_email_idx").on(t.email, t.at), index("sign_in_failures_ip_idx").on(t.ip, t.at)],
);

/**
 * Events of the installation's security that no study owns, listed on the administrators' page:
 * bursts of failed sign-ins for an account or from an address, sign-ups tried with an existing
 * account's e-mail, sign-ups refused by the throttle. `detail` is a number (the count) or empty.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind", { enum: ["signInBurstAccount", "signInBurstAddress", "signUpExisting", "signUpBurst"] }).notNull(),
    email: text("email").notNull().default(""),
    ip: text("ip").notNull().default(""),
    detail: text("detail").notNull().default(""),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("security_events_at_idx").on(t.at)],
);

/**
 * Respondent API requests per key (public link + IP address) and fixed window, on PostgreSQL,
 * where several app instances must share the count (app/lib/platform/rate-limit.server.ts). On SQLite,
 * one process, the count stays in memory and this table is unused.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    /** epoch milliseconds at which the window starts (a multiple of the window length) */
    windowStart: bigint("window_start", { mode: "number" }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_windows_start_idx").on(t.windowStart)],
);

/**
 * Members of a study besides its owner (`studies.owner_id` stays the one owner): editors design
 * and publish, viewers read the report.
 */
export const studyMembers = pgTable(
  "study_members",
  {
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["editor", "viewer"] }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.studyId, t.userId] }),
    index("study_members_user_idx").on(t.userId),
    check("study_members_role_ck", sql`${t.role} in ('editor', 'viewer')`),
  ],
);

/** Invitation links: the token's SHA-256, for one email and one role, used once. */
export const studyInvitations = pgTable(
  "study_invitations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    role: text("role", { enum: ["editor", "viewer"] }).notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    acceptedAt: bigint("accepted_at", { mode: "number" }),
  },
  (t) => [
    index("study_invitations_study_idx").on(t.studyId),
    check("study_invitations_role_ck", sql`${t.role} in ('editor', 'viewer')`),
  ],
);

/** Who did what to a study, and when: changes, publications, sharing. Shown to the owner. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** Null once the account is deleted; `actorEmail` keeps who it was. */
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    detail: text("detail").notNull().default(""),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("audit_events_study_idx").on(t.studyId, t.at)],
);

/**
 * Respondent profile questions the researcher defines (segment, region, company size...): asked
 * in the rating stage, answers in `response_profile`, usable as report filters and quota cells.
 * Choices: JSON `[{ "code": string, "label": string, "labelZh": string | null }]`.
 */
export const profileQuestions = pgTable(
  "profile_questions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    kind: text("kind", { enum: ["choice", "text"] }).notNull().default("choice"),
    text: text("text").notNull(),
    textZh: text("text_zh"),
    choicesJson: text("choices_json").notNull().default("[]"),
    /** Offered as a segment filter in the report. */
    isSegment: boolean("is_segment").notNull().default(true),
    /** Asked right after the familiarity screen instead of at the end (issue 15: screen early). */
    askFirst: boolean("ask_first").notNull().default(false),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    uniqueIndex("profile_questions_study_code_uq").on(t.studyId, t.code),
    check("profile_questions_kind_ck", sql`${t.kind} in ('choice', 'text')`),
    check("profile_questions_code_ck", sql`${t.code} ~ '^[a-z]' and length(${t.code}) <= 40`),
  ],
);

/** Profile answers of complete responses: a choice code, or the text given. */
export const responseProfile = pgTable(
  "response_profile",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    questionCode: text("question_code").notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionCode] }), index("response_profile_value_idx").on(t.questionCode, t.value)],
);

/** Quotas: at most `target` complete responses whose profile answer to `question_code` is `value`. */
export const quotas = pgTable(
  "quotas",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    questionCode: text("question_code").notNull(),
    value: text("value").notNull(),
    target: integer("target").notNull(),
  },
  (t) => [uniqueIndex("quotas_cell_uq").on(t.studyId, t.questionCode, t.value), check("quotas_target_ck", sql`${t.target} >= 1`)],
);

/** Personal invitation links (`/s/:publicToken?invite=:token`): one response each, resumable on any device. */
export const respondentInvitations = pgTable(
  "respondent_invitations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** Random, URL-safe; kept in clear because the researcher exports the links. */
    token: text("token").notNull().unique(),
    label: text("label").notNull().default(""),
    email: text("email"),
    /** The customer id of the study's transactions this invitation was made for (joins a response to its customer). */
    customerId: text("customer_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("respondent_invitations_study_idx").on(t.studyId), check("respondent_invitations_token_ck", sql`length(${t.token}) between 16 and 64`)],
);

/** Attributes a focus-group respondent suggested in free text, with the points they gave them (if any). */
export const responseSuggestions = pgTable(
  "response_suggestions",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    weight: doublePrecision("weight"),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.position] }),
    check("response_suggestions_weight_ck", sql`${t.weight} is null or ${t.weight} between 0 and 100`),
  ],
);

/** Dated events per offer (launches, price moves, campaigns), drawn under Q, RP and V across waves. */
export const keyEvents = pgTable(
  "key_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    /** ISO date, YYYY-MM-DD. */
    occurredOn: text("occurred_on").notNull(),
    wave: integer("wave"),
    label: text("label").notNull(),
    labelZh: text("label_zh"),
  },
  (t) => [index("key_events_study_idx").on(t.studyId), check("key_events_date_ck", sql`${t.occurredOn} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`)],
);

/** The firm's functions for the what/who matrix (sales, R&D, service...). */
export const firmFunctions = pgTable(
  "firm_functions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    nameZh: text("name_zh"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [index("firm_functions_study_idx").on(t.studyId)],
);

/** What/who cells: how strongly a function drives an attribute (9 strong, 3 medium, 1 weak, 0 none). */
export const whatWhoCells = pgTable(
  "what_who_cells",
  {
    functionId: integer("function_id")
      .notNull()
      .references(() => firmFunctions.id, { onDelete: "cascade" }),
    attributeId: integer("attribute_id")
      .notNull()
      .references(() => attributes.id, { onDelete: "cascade" }),
    strength: integer("strength").notNull(),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.attributeId] }), check("what_who_cells_strength_ck", sql`${t.strength} in (0, 1, 3, 9)`)],
);

/** Read-only report links: the token's SHA-256; revoked links stop working at once. */
export const shareLinks = pgTable(
  "share_links",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** The researcher's name for the link ("board deck", "agency"), so links can be told apart. */
    label: text("label"),
    /** The token's last characters (never enough to use it), shown beside the label. */
    tokenTail: text("token_tail"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [index("share_links_study_idx").on(t.studyId)],
);

/** One-time password-reset links an administrator creates (no mail server): the token's SHA-256. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    usedAt: bigint("used_at", { mode: "number" }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** One upload of a study's transactions (customers' value to the firm): what was read and how. */
export const customerImports = pgTable(
  "customer_imports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    mode: text("mode", { enum: ["replace", "append"] }).notNull(),
    rowCount: integer("row_count").notNull(),
    dateOrder: text("date_order", { enum: ["day-first", "month-first"] }),
    decimalSeparator: text("decimal_separator"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("customer_imports_study_idx").on(t.studyId),
    check("customer_imports_mode_ck", sql`${t.mode} in ('replace', 'append')`),
    check("customer_imports_date_order_ck", sql`${t.dateOrder} is null or ${t.dateOrder} in ('day-first', 'month-first')`),
    check("customer_imports_separator_ck", sql`${t.decimalSeparator} is null or ${t.decimalSeparator} in ('.', ',')`),
  ],
);

/** The transactions of a study, as read from its imports (method.md §11). */
export const customerTransactions = pgTable(
  "customer_transactions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    importId: integer("import_id")
      .notNull()
      .references(() => customerImports.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    date: text("date").notNull(),
    amount: doublePrecision("amount").notNull(),
    margin: doublePrecision("margin"),
    marginRate: doublePrecision("margin_rate"),
    cost: doublePrecision("cost"),
    account: text("account"),
  },
  (t) => [index("customer_transactions_study_idx").on(t.studyId), index("customer_transactions_import_idx").on(t.importId)],
);

/** The parameters of a study's customer analysis (one row per study; absent = the defaults). */
export const customerSettings = pgTable(
  "customer_settings",
  {
    studyId: integer("study_id")
      .primaryKey()
      .references(() => studies.id, { onDelete: "cascade" }),
    analysisDate: text("analysis_date"),
    discountRate: doublePrecision("discount_rate").notNull().default(0.1),
    retention: doublePrecision("retention"),
    cost: doublePrecision("cost").notNull().default(0),
    horizonYears: integer("horizon_years"),
    defaultMarginRate: doublePrecision("default_margin_rate"),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    check("customer_settings_discount_ck", sql`${t.discountRate} > -1`),
    check("customer_settings_retention_ck", sql`${t.retention} is null or ${t.retention} between 0 and 1`),
    check("customer_settings_horizon_ck", sql`${t.horizonYears} is null or ${t.horizonYears} between 1 and 1000`),
  ],
);

/**
 * A study's research methods (docs/method.md §7, §8; surveys/study-methods.ts): per stage and
 * kind the importance question (100-point split or MaxDiff), items per MaxDiff task, and the
 * rating stage's optional price research block with its prices. One row per study; absent =
 * points everywhere and no price research. Published questionnaires keep their own copy.
 */
export const studyMethods = pgTable(
  "study_methods",
  {
    studyId: integer("study_id")
      .primaryKey()
      .references(() => studies.id, { onDelete: "cascade" }),
    focusGroupQuality: text("focus_group_quality", { enum: ["points", "maxdiff"] }).notNull().default("points"),
    focusGroupPrice: text("focus_group_price", { enum: ["points", "maxdiff"] }).notNull().default("points"),
    ratingQuality: text("rating_quality", { enum: ["points", "maxdiff"] }).notNull().default("points"),
    ratingPrice: text("rating_price", { enum: ["points", "maxdiff"] }).notNull().default("points"),
    maxDiffPerTask: integer("maxdiff_per_task").notNull().default(4),
    priceResearch: boolean("price_research").notNull().default(false),
    priceCurrency: text("price_currency").notNull().default(""),
    /** Van Westendorp's answers must lie in [price_min, price_max] */
    priceMin: doublePrecision("price_min"),
    priceMax: doublePrecision("price_max"),
    /** Newton–Miller–Smith's purchase likelihoods asked */
    priceLikelihoods: boolean("price_likelihoods").notNull().default(true),
    /** Gabor–Granger ladder: JSON list of ascending prices, [] for none */
    priceLadderJson: text("price_ladder_json").notNull().default("[]"),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    check(
      "study_methods_importance_ck",
      sql`${t.focusGroupQuality} in ('points', 'maxdiff') and ${t.focusGroupPrice} in ('points', 'maxdiff') and ${t.ratingQuality} in ('points', 'maxdiff') and ${t.ratingPrice} in ('points', 'maxdiff')`,
    ),
    check("study_methods_per_task_ck", sql`${t.maxDiffPerTask} between 3 and 6`),
    check("study_methods_currency_ck", sql`length(${t.priceCurrency}) <= 12`),
    check(
      "study_methods_prices_ck",
      sql`(${t.priceMin} is null or ${t.priceMin} >= 0) and (${t.priceMax} is null or ${t.priceMax} > coalesce(${t.priceMin}, 0))`,
    ),
    check("study_methods_block_ck", sql`not ${t.priceResearch} or (${t.priceMin} is not null and ${t.priceMax} is not null)`),
  ],
);

/** A respondent's MaxDiff design, made when the response starts (seeded by its client id): kind -> tasks -> attribute codes in screen order. */
export const responseDesigns = pgTable("response_designs", {
  responseId: integer("response_id")
    .primaryKey()
    .references(() => responses.id, { onDelete: "cascade" }),
  maxDiffJson: text("maxdiff_json").notNull(),
});

/** MaxDiff answers of complete responses: per kind and task, the items shown (JSON list), the most and the least important. */
export const responseMaxDiff = pgTable(
  "response_maxdiff",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["quality", "price"] }).notNull(),
    task: integer("task").notNull(),
    itemsJson: text("items_json").notNull(),
    best: text("best").notNull(),
    worst: text("worst").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.kind, t.task] }),
    check("response_maxdiff_kind_ck", sql`${t.kind} in ('quality', 'price')`),
    check("response_maxdiff_task_ck", sql`${t.task} >= 1`),
    check("response_maxdiff_best_worst_ck", sql`${t.best} <> ${t.worst}`),
  ],
);

/** Van Westendorp's four prices of complete responses, in order, and the Newton–Miller–Smith likelihoods (1..5) when asked. */
export const responsePrices = pgTable(
  "response_prices",
  {
    responseId: integer("response_id")
      .primaryKey()
      .references(() => responses.id, { onDelete: "cascade" }),
    tooCheap: doublePrecision("too_cheap").notNull(),
    cheap: doublePrecision("cheap").notNull(),
    expensive: doublePrecision("expensive").notNull(),
    tooExpensive: doublePrecision("too_expensive").notNull(),
    likelihoodCheap: integer("likelihood_cheap"),
    likelihoodExpensive: integer("likelihood_expensive"),
  },
  (t) => [
    check(
      "response_prices_order_ck",
      sql`${t.tooCheap} >= 0 and ${t.tooCheap} <= ${t.cheap} and ${t.cheap} <= ${t.expensive} and ${t.expensive} <= ${t.tooExpensive}`,
    ),
    check(
      "response_prices_likelihood_ck",
      sql`(${t.likelihoodCheap} is null or ${t.likelihoodCheap} between 1 and 5) and (${t.likelihoodExpensive} is null or ${t.likelihoodExpensive} between 1 and 5)`,
    ),
  ],
);

/** Gabor–Granger answers of complete responses: would buy at this ladder price or not (the prices asked). */
export const responseGaborGranger = pgTable(
  "response_gabor_granger",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    price: doublePrecision("price").notNull(),
    buy: boolean("buy").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.price] }), check("response_gabor_granger_price_ck", sql`${t.price} >= 0`)],
);
/**
 * Finished responses of a study in commit order (db/schema.ts). On PostgreSQL a finishing
 * transaction writes a pending place (negative `seq`, no lock) that the feed's reader places
 * after commit (migration 0012_feed_sequencer).
 */
export const responseFeed = pgTable(
  "response_feed",
  {
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.seq] }), uniqueIndex("response_feed_response_uq").on(t.responseId)],
);

/** Personal API tokens (db/schema.ts). */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_scope_ck", sql`${t.scope} in ('read', 'write')`),
    check("api_tokens_token_hash_ck", sql`length(${t.tokenHash}) = 64`),
    check("api_tokens_name_ck", sql`length(${t.name}) between 1 and 80`),
  ],
);

/** A study's webhook endpoints (db/schema.ts). */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    events: text("events").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("webhook_endpoints_study_idx").on(t.studyId), check("webhook_endpoints_url_ck", sql`length(${t.url}) between 8 and 2000`)],
);

/** The webhook outbox and delivery log (db/schema.ts). */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    dedupeKey: text("dedupe_key"),
    payloadJson: text("payload_json").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    leaseUntil: bigint("lease_until", { mode: "number" }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    replayOf: integer("replay_of"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    uniqueIndex("webhook_deliveries_dedupe_uq").on(t.endpointId, t.dedupeKey),
    check("webhook_deliveries_status_ck", sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);

/** Each attempt to deliver a webhook (db/schema.ts). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: bigint("at", { mode: "number" }).notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);

/** Panel redirect URLs per study (db/schema.ts). */
export const panelRedirects = pgTable("panel_redirects", {
  studyId: integer("study_id")
    .primaryKey()
    .references(() => studies.id, { onDelete: "cascade" }),
  completeUrl: text("complete_url"),
  screenedOutUrl: text("screened_out_url"),
  quotaFullUrl: text("quota_full_url"),
  closedUrl: text("closed_url"),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

/**
 * Market shares per offer and wave (percent), as the researcher enters them: value leads share
 * (docs/method.md §10). `offers.market_share` stays the current share (bubbles, share fit).
 */
export const marketShares = pgTable(
  "market_shares",
  {
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    wave: integer("wave").notNull(),
    share: doublePrecision("share").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.wave] }),
    index("market_shares_study_idx").on(t.studyId),
    check("market_shares_wave_ck", sql`${t.wave} >= 1`),
    check("market_shares_share_ck", sql`${t.share} between 0 and 100`),
  ],
);

/**
 * Saved what-if scenarios (docs/method.md §9): the changes and the competitor responses as JSON
 * (`analysis/scenarios` `ScenarioChange[]`, `ScenarioResponse[]`, offer and attribute codes);
 * one name per study.
 */
export const scenarios = pgTable(
  "scenarios",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    changesJson: text("changes_json").notNull(),
    respondJson: text("respond_json").notNull().default("[]"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("scenarios_study_name_uq").on(t.studyId, t.name),
    check("scenarios_name_ck", sql`length(${t.name}) between 1 and 80`),
  ],
);
