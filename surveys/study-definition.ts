import { z } from "zod";
import { StudyMethodsSchema } from "./study-methods";

/**
 * Offer and attribute codes become parts of question and variable names (`rating_<offer>_<attribute>`).
 * Readable snake_case: a lower-case letter, then lower-case letters and digits, words joined by
 * single underscores (`battery_replacement_cost`), at most 40 characters. Names are never split
 * at "_" (readers build each name from the codes); that no two names of a study coincide is
 * checked before publishing (`questionNameClashes`). Codes of earlier studies (no underscores)
 * still match.
 */
export const CODE_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const CodeSchema = z
  .string()
  .max(40, "code takes at most 40 characters")
  .regex(CODE_PATTERN, "code requires a lower-case letter, then lower-case letters or digits, words joined by single underscores (at most 40)");

/** Kotler's cost groups of a price attribute (`attributes.cost_group`), in reading order. */
export const COST_GROUP_CODES = ["money", "time", "energy", "psychic"] as const;
export type CostGroupCode = (typeof COST_GROUP_CODES)[number];

export const LanguageSchema = z.enum(["en", "zh-CN"]);
export type Language = z.infer<typeof LanguageSchema>;

export const OfferDefinitionSchema = z.object({
  code: CodeSchema,
  name: z.string().trim().min(1).max(120),
  nameZh: z.string().trim().max(120).nullish(),
  own: z.boolean(),
});
export type OfferDefinition = z.infer<typeof OfferDefinitionSchema>;

/**
 * A rated attribute. Ratings are oriented (1-10, 10 best; for price attributes 10 = most
 * satisfied with what it costs), so there is no direction. Definitions frozen before it was
 * removed may still carry `direction`: like every unknown key it is dropped when parsed.
 */
export const AttributeDefinitionSchema = z.object({
  code: CodeSchema,
  kind: z.enum(["quality", "price"]),
  name: z.string().trim().min(1).max(120),
  nameZh: z.string().trim().max(120).nullish(),
  description: z.string().trim().max(500).default(""),
  descriptionZh: z.string().trim().max(500).nullish(),
  group: z.string().trim().max(60).nullish(),
  /**
   * A price attribute's Kotler cost group (what the customer gives up: money, time, energy,
   * worry). Absent: "money" (definitions frozen before it existed, and every money attribute, so
   * that those compare equal).
   */
  costGroup: z.enum(["time", "energy", "psychic"]).optional(),
});
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;

export const ProfileChoiceSchema = z.object({
  code: CodeSchema,
  label: z.string().trim().min(1).max(120),
  labelZh: z.string().trim().max(120).nullish(),
});

/** A respondent profile question the researcher defines (segment, region, company size...). */
export const ProfileQuestionDefinitionSchema = z.object({
  code: CodeSchema,
  kind: z.enum(["choice", "text"]),
  text: z.string().trim().min(1).max(300),
  textZh: z.string().trim().max(300).nullish(),
  /** Choices of a `choice` question (empty for `text`). */
  choices: z.array(ProfileChoiceSchema).max(50).default([]),
  /** Offered as a segment filter in the report. */
  isSegment: z.boolean().default(true),
  /**
   * Asked right after the familiarity screen instead of at the end, so a full quota cell screens
   * the respondent out before the long part. Questions that carry a quota are moved there at
   * start whatever this says (`applyScreenEarly`).
   */
  askFirst: z.boolean().optional(),
});
export type ProfileQuestionDefinition = z.infer<typeof ProfileQuestionDefinitionSchema>;

/**
 * Weights adopted from the focus-group stage: the quality share of 100 points and, per
 * attribute code, the points within its kind (quality codes sum to 100, price codes sum to 100).
 */
export const StatedWeightsSchema = z.object({
  qualityShare: z.number().min(0).max(100),
  weights: z.record(CodeSchema, z.number().min(0).max(100)),
});
export type StatedWeights = z.infer<typeof StatedWeightsSchema>;

export const RatingLayoutSchema = z.enum(["offer", "attribute"]);
export type RatingLayout = z.infer<typeof RatingLayoutSchema>;

/** What a questionnaire is built from; frozen with every published version. */
export const StudyDefinitionSchema = z.object({
  title: z.string().trim().min(1).max(200),
  titleZh: z.string().trim().max(200).nullish(),
  market: z.string().trim().max(1000).default(""),
  marketZh: z.string().trim().max(1000).nullish(),
  languages: z.array(LanguageSchema).min(1),
  offers: z.array(OfferDefinitionSchema),
  attributes: z.array(AttributeDefinitionSchema),
  /** Asked in the rating stage; answers become segment filters and quota cells. */
  profileQuestions: z.array(ProfileQuestionDefinitionSchema).default([]),
  /** When set, the rating stage does not ask for weights (they came from the focus group). */
  statedWeights: StatedWeightsSchema.nullish(),
  /**
   * How the rating stage lays out the ratings: `offer`, one page per known offer (every
   * attribute of it); `attribute`, one page per attribute (every known offer on it), then the
   * overall quality and the worth of every offer (absent: `offer`). Either way the offers follow the respondent's
   * stored offer order.
   */
  ratingLayout: RatingLayoutSchema.optional(),
  /** MaxDiff instead of points, and the price research block (study-methods.ts); absent: neither. */
  methods: StudyMethodsSchema.nullish(),
});
export type StudyDefinition = z.infer<typeof StudyDefinitionSchema>;
