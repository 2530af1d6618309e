/**
 * The one place that makes question names. They are also the export variable names, so they
 * must stay stable: `rating_<offer>_<attribute>`, `worth_<offer>`, `overall_<offer>`,
 * `profile_<code>`; the focus-group stage adds `matters_<kind>`, `points_<attribute>`,
 * `suggestion_<n>` and `suggestion_<n>_points`.
 */
export const questionNames = {
  knownOffers: "known_offers",
  weights: (kind: "quality" | "price") => `weights_${kind}`,
  weightsTotal: (kind: "quality" | "price") => `weights_${kind}_total`,
  qualityShare: "quality_share",
  priceShare: "price_share",
  rating: (offer: string, attribute: string) => `rating_${offer}_${attribute}`,
  overall: (offer: string) => `overall_${offer}`,
  worth: (offer: string) => `worth_${offer}`,
  lastPurchase: "last_purchase",
  consideredOffers: "considered_offers",
  offerPage: (offer: string) => `offer_${offer}`,
  /** Page of one attribute across the known offers (layout "one attribute, all offers"). */
  attributePage: (attribute: string) => `attribute_${attribute}`,
  profile: (code: string) => `profile_${code}`,
  /** Focus group: which listed attributes of a kind matter (a list of attribute codes). */
  matters: (kind: "quality" | "price") => `matters_${kind}`,
  /** Focus group: points (of 100 within its kind) of an attribute that matters. */
  points: (attribute: string) => `points_${attribute}`,
  pointsTotal: (kind: "quality" | "price") => `points_${kind}_total`,
  /** Focus group: the n-th (1-based) suggested new attribute, and its optional points. */
  suggestion: (n: number) => `suggestion_${n}`,
  suggestionPoints: (n: number) => `suggestion_${n}_points`,
  /** MaxDiff: the page of task t (1-based) of a kind, its "most important" and "least important" answers (attribute codes). */
  maxDiffPage: (kind: "quality" | "price", task: number) => `maxdiff_${kind}_${task}`,
  maxDiffMost: (kind: "quality" | "price", task: number) => `maxdiff_${kind}_${task}_most`,
  maxDiffLeast: (kind: "quality" | "price", task: number) => `maxdiff_${kind}_${task}_least`,
  /** Price research: Van Westendorp's four prices of the own offer. */
  priceTooCheap: "price_too_cheap",
  priceCheap: "price_cheap",
  priceExpensive: "price_expensive",
  priceTooExpensive: "price_too_expensive",
  /** Newton–Miller–Smith: purchase likelihood 1..5 at the respondent's cheap and expensive prices. */
  priceLikelyCheap: "price_likely_cheap",
  priceLikelyExpensive: "price_likely_expensive",
  /** Gabor–Granger: "yes" or "no" at the n-th (1-based) price of the ladder. */
  priceLadder: (n: number) => `price_ladder_${n}`,
} as const;

/** Pages of the layout "one attribute, all offers" that hold one question per offer. */
export const OVERALL_PAGE = "overall";
export const WORTH_PAGE = "worth";
/** The profile questions asked right after the familiarity screen, and the rest at the end. */
export const PROFILE_FIRST_PAGE = "profile_first";
export const PROFILE_PAGE = "profile";

/** Value of the "none of these" choice in purchase questions. */
export const NONE_OFFER = "none";

/**
 * Value of the exclusive "I only considered what I bought" answer of `considered_offers` (an
 * underscore, so no offer code can take it).
 */
export const ONLY_BOUGHT = "only_bought";

/** Value of the "don't know" choice of every 1-10 rating: no rating is stored for it. */
export const DONT_KNOW = "dk";

/** Pages of the price research block. */
export const PRICE_PAGE = "price_research";
export const PRICE_LIKELIHOOD_PAGE = "price_likelihood";
export const PRICE_LADDER_PAGE = "price_ladder";

/** Answers of a Gabor–Granger question. */
export const BUY_YES = "yes";
export const BUY_NO = "no";

/** How many new attributes a focus-group respondent may suggest. */
export const MAX_SUGGESTIONS = 5;
