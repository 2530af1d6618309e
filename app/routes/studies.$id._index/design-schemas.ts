import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { ConfirmedSchema, ConfirmFieldSchema } from "~/lib/platform/confirm-field";
import { CODE_PATTERN, COST_GROUP_CODES } from "../../../surveys/study-definition";

/**
 * The design page's forms, one schema each (client-safe: validated in the browser with conform
 * and again in the action with parseWithZod). Messages are i18n keys the page translates. Empty
 * fields arrive as undefined (conform), so optional texts are `.optional()`.
 */
const key = (k: MessageKey) => k;
const required = (max: number, message: MessageKey) => z.string({ required_error: message }).trim().min(1, message).max(max, message);
const optional = (max: number, message: MessageKey) => z.string().trim().max(max, message).optional();
const code = z.string().trim().max(40, key("study.error.codeRule")).regex(CODE_PATTERN, key("study.error.codeRule")).optional();
const id = z.number({ required_error: key("study.error.rowsRequired"), invalid_type_error: key("study.error.rowsRequired") }).int().positive();
const confirmed = ConfirmFieldSchema;

export const DetailsSchema = z.object({
  intent: z.literal("details"),
  title: required(200, "study.error.titleRequired"),
  titleZh: optional(200, "study.error.titleRequired"),
  market: optional(1000, "study.error.marketLength"),
  marketZh: optional(1000, "study.error.marketLength"),
  languages: z.array(z.enum(["en", "zh-CN"]), { required_error: key("study.error.languagesRequired") }).min(1, key("study.error.languagesRequired")),
});

const offerFields = {
  name: required(120, "study.error.nameRequired"),
  nameZh: optional(120, "study.error.nameRequired"),
  code,
};
export const OfferRowSchema = z.object(offerFields);
export const AddOffersSchema = z.object({
  intent: z.literal("addOffers"),
  rows: z.array(OfferRowSchema, { required_error: key("study.error.rowsRequired") }).min(1, key("study.error.rowsRequired")).max(30),
  /** Index of the row that becomes the own offer. */
  own: z.number().int().min(0).optional(),
});
/** One offer (kept for scripts and tests that post single offers). */
export const AddOfferSchema = z.object({ intent: z.literal("addOffer"), ...offerFields, isOwn: z.boolean().default(false) });
export const UpdateOfferSchema = z.object({ intent: z.literal("updateOffer"), offerId: id, ...offerFields });
export const DeleteOfferSchema = z.object({ intent: z.literal("deleteOffer"), offerId: id, confirm: confirmed });
export const SetOwnOfferSchema = z.object({ intent: z.literal("setOwnOffer"), offerId: z.number({ required_error: key("study.error.ownInvalid") }).int().positive() });

const attributeFields = {
  name: required(120, "study.error.nameRequired"),
  nameZh: optional(120, "study.error.nameRequired"),
  description: optional(500, "study.error.descriptionLength"),
  descriptionZh: optional(500, "study.error.descriptionLength"),
  groupName: optional(60, "study.error.groupLength"),
  /** A price attribute's Kotler cost group (the page offers it on price rows only). */
  costGroup: z.enum(COST_GROUP_CODES, { errorMap: () => ({ message: key("study.error.costGroupInvalid") }) }).optional(),
  code,
};
const kind = z.enum(["quality", "price"], { required_error: key("fieldwork.error.kindQualityPrice"), invalid_type_error: key("fieldwork.error.kindQualityPrice") });
export const AttributeRowSchema = z.object({ kind, ...attributeFields });
export const AddAttributesSchema = z.object({
  intent: z.literal("addAttributes"),
  rows: z.array(AttributeRowSchema, { required_error: key("study.error.rowsRequired") }).min(1, key("study.error.rowsRequired")).max(60),
});
export const AddAttributeSchema = z.object({ intent: z.literal("addAttribute"), kind, ...attributeFields });
export const UpdateAttributeSchema = z.object({ intent: z.literal("updateAttribute"), attributeId: id, ...attributeFields });
export const DeleteAttributeSchema = z.object({ intent: z.literal("deleteAttribute"), attributeId: id, confirm: confirmed });

export const ChoiceRowSchema = z.object({
  label: required(120, "fieldwork.error.choiceInvalid"),
  labelZh: optional(120, "fieldwork.error.choiceInvalid"),
  code,
});
const questionFields = {
  code,
  kind: z.enum(["choice", "text"], { required_error: key("fieldwork.error.kindRequired"), invalid_type_error: key("fieldwork.error.kindRequired") }),
  text: required(300, "fieldwork.error.textRequired"),
  textZh: optional(300, "fieldwork.error.textRequired"),
  choices: z.array(ChoiceRowSchema).max(50, key("fieldwork.error.tooManyChoices")).default([]),
  isSegment: z.boolean().default(false),
  /** Asked right after the familiarity screen, before the ratings (issue 15). */
  askFirst: z.boolean().default(false),
};
export const AddQuestionSchema = z.object({ intent: z.literal("addProfileQuestion"), ...questionFields });
export const UpdateQuestionSchema = z.object({ intent: z.literal("updateProfileQuestion"), questionId: id, ...questionFields });
export const DeleteQuestionSchema = z.object({ intent: z.literal("deleteProfileQuestion"), questionId: id, confirm: confirmed });
export const MoveQuestionSchema = z.object({ intent: z.literal("moveProfileQuestion"), questionId: id, direction: z.enum(["up", "down"]) });

export const QuotasSchema = z.object({
  intent: z.literal("saveQuotas"),
  questionCode: z.string({ required_error: key("fieldwork.error.quotaQuestion") }),
  targets: z
    .array(
      z.object({
        choice: z.string(),
        target: z.number({ invalid_type_error: key("study.error.targetInvalid") }).int(key("study.error.targetInvalid")).min(1, key("study.error.targetInvalid")).max(1_000_000, key("study.error.targetInvalid")).optional(),
      }),
    )
    .max(50)
    .default([]),
});

/** How the rating stage lays out its ratings (issue 15). */
export const RatingLayoutFormSchema = z.object({
  intent: z.literal("ratingLayout"),
  ratingLayout: z.enum(["offer", "attribute"], { required_error: key("study.error.layoutRequired"), invalid_type_error: key("study.error.layoutRequired") }),
});

const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, key("fieldwork.error.dateInvalid")).optional();
export const WindowSchema = z.object({
  intent: z.literal("fieldworkSettings"),
  opensAt: wallTime,
  closesAt: wallTime,
  timeZone: z.string().max(64).default("UTC"),
  onePerDevice: z.boolean().default(false),
  /** Minutes after the close during which responses already started may still finish (issue 14). */
  graceMinutes: z.number({ message: key("fieldwork.error.graceMinutes") }).int(key("fieldwork.error.graceMinutes")).min(0, key("fieldwork.error.graceMinutes")).max(10_080, key("fieldwork.error.graceMinutes")).default(0),
});
export const OpenFieldworkSchema = z.object({ intent: z.literal("openFieldwork") });
export const CloseFieldworkSchema = z.object({ intent: z.literal("closeFieldwork"), confirm: confirmed });

/** Version 1 needs no confirmation; the service asks for it before version N+1. */
export const PublishSchema = z.object({ intent: z.literal("publish"), confirm: ConfirmedSchema.optional() });
export const PublishFocusGroupSchema = z.object({ intent: z.literal("publishFocusGroup"), confirm: ConfirmedSchema.optional() });

export const DesignSchema = z.discriminatedUnion("intent", [
  DetailsSchema,
  AddOffersSchema,
  AddOfferSchema,
  UpdateOfferSchema,
  DeleteOfferSchema,
  SetOwnOfferSchema,
  AddAttributesSchema,
  AddAttributeSchema,
  UpdateAttributeSchema,
  DeleteAttributeSchema,
  AddQuestionSchema,
  UpdateQuestionSchema,
  DeleteQuestionSchema,
  MoveQuestionSchema,
  QuotasSchema,
  RatingLayoutFormSchema,
  WindowSchema,
  OpenFieldworkSchema,
  CloseFieldworkSchema,
  PublishSchema,
  PublishFocusGroupSchema,
]);
export type DesignSubmission = z.infer<typeof DesignSchema>;
export type DesignIntent = DesignSubmission["intent"];

const INTENTS = new Set<string>(DesignSchema.options.map((o) => o.shape.intent.value));
export const isDesignIntent = (value: unknown): value is DesignIntent => typeof value === "string" && INTENTS.has(value);

/**
 * Which form on the page a submission belongs to (its notice and errors are shown there): from
 * the intent and the item's id, so a request needs no extra field.
 */
export function formIdOf(intent: DesignIntent, form: FormData): string {
  const id = (name: string) => String(form.get(name) ?? "").slice(0, 20);
  switch (intent) {
    case "addOffers":
    case "addOffer":
      return "add-offers";
    case "updateOffer":
      return `offer-${id("offerId")}`;
    case "setOwnOffer":
      return "own-offer";
    case "deleteOffer":
      return "offers";
    case "addAttributes":
    case "addAttribute":
      return "add-attributes";
    case "updateAttribute":
      return `attribute-${id("attributeId")}`;
    case "deleteAttribute":
      return "attributes";
    case "addProfileQuestion":
      return "add-question";
    case "updateProfileQuestion":
      return `question-${id("questionId")}`;
    case "deleteProfileQuestion":
    case "moveProfileQuestion":
      return "questions";
    case "saveQuotas":
      return `quotas-${String(form.get("questionCode") ?? "").slice(0, 40)}`;
    case "fieldworkSettings":
      return "window";
    case "openFieldwork":
    case "closeFieldwork":
      return "window-now";
    default:
      return intent;
  }
}
