/**
 * The respondent API's contract (POST /s/:token/responses, GET /s/:token/responses for a fresh
 * page proof): every request body and every answer, for the server that parses and builds them
 * (respondent-api.server.ts, respondent.server.ts, respondent-refusal.server.ts) and the page's
 * scripts that send and read them (app/components/response-sync.ts, SurveyRunner.tsx,
 * app/respondent/first-page.ts). Client-safe: no server code here. The page's scripts import its
 * TYPES only (`import type`), so zod stays out of the respondent's few-KB entry script; the
 * server parses requests with the schemas, and test/app/respondent-contract.test.ts checks real
 * answers of the built server against the answer schemas.
 */
import { z } from "zod";
import { StageSchema } from "../../../surveys/stage";
import type { SurveyJson } from "../../../surveys/build-rating-questionnaire";

/** A panel's respondent id as `?rid=` carries it: printable ASCII without spaces, at most 200 characters. */
export const RID_PATTERN = /^[\x21-\x7e]{1,200}$/;

const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "responseId requires 8-64 letters, digits, - or _");
// Any text up to 200 characters: one that is no invitation of the study gets the polite 404.
const InviteSchema = z.string().max(200, "invite requires the token of a personal link");
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
// Kept as parsed (no copy): a record schema would assign keys one by one and turn a
// "__proto__" answer into the object's prototype.
const AnswersSchema = z.custom<Record<string, unknown>>(isObject, "answers require a JSON object");

/** What every request carries (the page's `request()`), besides its intent and the page proof. */
const CommonSchema = z.object({
  responseId: ClientIdSchema,
  locale: z.enum(["en", "zh-CN"]).default("en"),
  /** Which questionnaire a NEW response starts on; an existing response keeps its own. */
  stage: StageSchema.default("rating"),
  /** A personal invitation token (`?invite=`): binds the response to it, one response each. */
  invite: InviteSchema.optional(),
  /** A panel's respondent id (`?rid=`), stored with a new response; `test` marks the panel's test link. */
  rid: z.string().regex(RID_PATTERN, "rid requires 1-200 printable characters without spaces").optional(),
  test: z.boolean().optional(),
});
const common = {
  ...CommonSchema.shape,
  /** The page proof `GET /s/:token` gave this device (page-proof.server.ts): `start`, `screen` and `complete` require it. */
  proof: z.string().max(200).optional(),
};

export const RespondentRequestSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), ...common }),
  z.object({
    intent: z.literal("draft"),
    ...common,
    answers: AnswersSchema,
    pageNo: z.number().int().min(0).max(1000),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({ intent: z.literal("complete"), ...common, answers: AnswersSchema }),
  /** After the profile questions asked first: ends the response at once when its quota cell is full. */
  z.object({ intent: z.literal("screen"), ...common, answers: AnswersSchema }),
]);
/** A request as the server has parsed it (defaults applied). */
export type RespondentRequest = z.infer<typeof RespondentRequestSchema>;
/** A request as the page sends it (locale and stage may be left out). */
export type RespondentBody = z.input<typeof RespondentRequestSchema>;
export type RespondentIntent = RespondentBody["intent"];
/** The fields every request of one page carries. */
export type RespondentCommon = z.input<typeof CommonSchema>;
/** A request body before the page proof is added (response-sync.ts's PageProof adds it). */
export type BodyWithoutProof = RespondentBody extends infer B ? (B extends unknown ? Omit<B, "proof"> : never) : never;

/** Why the respondent API refused a request; the page shows `respondent.refused.<reason>` (or its own notice). */
export const REFUSAL_REASONS = [
  "crossSite",
  "contentType",
  "bot",
  "rateLimit",
  "malformed",
  "tooLarge",
  "tooDeep",
  "proof",
  "notStarted",
  "deviceCap",
  "addressCap",
  "closed",
  "device",
  "invitation",
  "unpublished",
  "unknown",
  "conflict",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * A refusal: nothing was stored. `error` says why for a developer (English), `message` for the
 * respondent in their language, `reason` names it for the page; `redirect` is a panel
 * respondent's next address for this outcome, when there is one.
 */
export const RefusalSchema = z
  .object({
    ok: z.literal(false),
    error: z.string(),
    reason: z.enum(REFUSAL_REASONS),
    message: z.string(),
    details: z.array(z.string()).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    redirect: z.string().optional(),
  })
  .strict();
export type Refusal = z.infer<typeof RefusalSchema>;

/** Any other error answer (a body too large, a method not allowed, a server fault): `{ ok: false, error }` (http.server.ts's jsonError). */
export const ApiErrorSchema = z.object({ ok: z.literal(false), error: z.string(), details: z.array(z.string()).optional() }).strict();
export type ApiError = z.infer<typeof ApiErrorSchema>;
/** What a refused or failed request answers. */
export type RespondentFailure = Refusal | ApiError;

const ResponseStatusSchema = z.enum(["draft", "complete", "screened_out"]);
const ScreenReasonSchema = z.enum(["screening", "quota_full", "closed"]).nullable();
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;
export type ScreenReason = z.infer<typeof ScreenReasonSchema>;

/**
 * The answer to `start`: the response id to use (another than the one sent when a personal link
 * resumes its response elsewhere), the personalised questionnaire, the saved answers and page,
 * and a finished panel respondent's next address.
 */
export const StartAnswerSchema = z
  .object({
    ok: z.literal(true),
    responseId: ClientIdSchema,
    stage: StageSchema,
    status: ResponseStatusSchema,
    screenReason: ScreenReasonSchema,
    version: z.number().int().min(1),
    survey: z.custom<SurveyJson>(isObject, "survey requires a questionnaire object"),
    answers: AnswersSchema,
    pageNo: z.number().int().min(0),
    seq: z.number().int().min(0),
    redirect: z.string().nullable(),
  })
  .strict();
export type StartAnswer = z.infer<typeof StartAnswerSchema>;

/** The answer to `draft` (db/queries/responses.ts's DraftOutcome: a stale or late draft changes nothing). */
export const DraftAnswerSchema = z.object({ ok: z.literal(true), outcome: z.enum(["saved", "stale", "finished", "other-questionnaire"]) }).strict();
export type DraftAnswer = z.infer<typeof DraftAnswerSchema>;

/**
 * The answer to `complete` and `screen`: the outcome (CompleteOutcome / ScreenOutcome), the
 * response's state now, and a panel respondent's next address.
 */
export const FinishedAnswerSchema = z
  .object({
    ok: z.literal(true),
    outcome: z.enum(["completed", "already-finished", "other-questionnaire", "continue", "quota_full"]),
    status: ResponseStatusSchema.optional(),
    screenReason: ScreenReasonSchema.optional(),
    redirect: z.string().nullable().optional(),
  })
  .strict();
export type FinishedAnswer = z.infer<typeof FinishedAnswerSchema>;

/** The answer to `GET /s/:token/responses`: a fresh page proof for this device. */
export const ProofAnswerSchema = z.object({ ok: z.literal(true), proof: z.string() }).strict();
export type ProofAnswer = z.infer<typeof ProofAnswerSchema>;

/** What each intent answers when it succeeds. */
export interface AnswerOf {
  start: StartAnswer;
  draft: DraftAnswer;
  complete: FinishedAnswer;
  screen: FinishedAnswer;
}
/** What a request of an intent may answer. */
export type ReplyTo<I extends RespondentIntent> = AnswerOf[I] | RespondentFailure;
