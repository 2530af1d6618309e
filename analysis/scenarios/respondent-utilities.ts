import { aggregateWeights } from "../aggregate-weights";
import type { AttributeDef, AttributeKind, RespondentOutcome } from "../types";
import { ratingBounds } from "./rating-bounds";
import { resolveScenario } from "./resolve-scenario";
import type { AppliedChange, RespondentUtilitiesResult, ShareInput, UtilityRow } from "./types";

const KINDS: AttributeKind[] = ["quality", "price"];

/** Current ratings of the changed (offer, attribute) cells, one slot per respondent. */
type ChangedCells = Map<string, Array<number | undefined>>;

const cellKey = (offer: string, attribute: string) => `${offer}\u0000${attribute}`;

function rating(respondent: RespondentOutcome, offer: string, attribute: string): number | undefined {
  const score = respondent.ratings[offer]?.[attribute];
  return score !== undefined && Number.isFinite(score) ? score : undefined;
}

/**
 * The scenario's changes on the respondents' ratings: each rating of offer j on attribute i
 * moves by the same delta, clamped (`ratingBounds`); a `value` change is the delta
 * `value - m_{j,i}`, m the mean of the current ratings (after earlier changes), so that the
 * mean moves to the value unless the clamp bites. Price factors are skipped.
 */
function changeRatings(
  respondents: RespondentOutcome[],
  attributes: AttributeDef[],
  changes: ReturnType<typeof resolveScenario>,
): { cells: ChangedCells; applied: AppliedChange[] } {
  const cells: ChangedCells = new Map();
  const applied: AppliedChange[] = [];
  if (!changes.ok) return { cells, applied };
  for (const change of changes.changes) {
    if ("priceFactor" in change) {
      applied.push({ ...change, applied: false, skipped: "price-not-in-ratings" });
      continue;
    }
    const key = cellKey(change.offer, change.attribute);
    const current = cells.get(key) ?? respondents.map((r) => rating(r, change.offer, change.attribute));
    const rated = current.filter((s): s is number => s !== undefined);
    if (rated.length === 0) {
      applied.push({ ...change, applied: false, skipped: "not-rated" });
      continue;
    }
    const from = rated.reduce((s, x) => s + x, 0) / rated.length;
    const delta = "delta" in change ? change.delta : change.value - from;
    const [low, high] = ratingBounds(attributes.find((a) => a.id === change.attribute));
    let clamped = 0;
    const next = current.map((s) => {
      if (s === undefined) return undefined;
      const moved = Math.min(high, Math.max(low, s + delta));
      if (moved !== s + delta) clamped += 1;
      return moved;
    });
    cells.set(key, next);
    const after = next.filter((s): s is number => s !== undefined);
    applied.push({ ...change, applied: true, from, to: after.reduce((s, x) => s + x, 0) / after.length, clamped });
  }
  return { cells, applied };
}

/**
 * Respondent-level utilities of the share of preference (docs/method.md §9 (c)), for the base
 * and for the scenario:
 *
 * `u_{r,j} = (q_r A^Q_{r,j} + (100 - q_r) A^P_{r,j}) / 100`, with
 * `A^k_{r,j} = Σ_i w_{r,i} s_{r,j,i} / Σ_i w_{r,i}` over the attributes i of kind k that r
 * rated for j and weighted above 0 (with every attribute rated, Σ w = 100 and this is
 * `Σ_i w_{r,i} s_{r,j,i} / 100`). When r rated j on no attribute of one kind, u is the other
 * kind's A alone (`(π_Q A^Q + π_P A^P) / (π_Q + π_P)` over the kinds present, π_Q = q_r,
 * π_P = 100 - q_r, kinds with π = 0 left out).
 * - w_{r,i}: r's points normalised to 100 per kind (`aggregateWeights` of r alone); a kind r
 *   gave no points uses the respondents' mean weights (`aggregateWeights` of all).
 * - q_r: r's quality share, else the respondents' mean q; "no-quality-share" when nobody gave one.
 * - K_r, the offers r knows: those of `offers` for which u can be formed. Respondents who know
 *   none are left out (counted). `chose` is kept when it is in K_r.
 * - lowerIsBetter attributes hold objective data, not 1..10 ratings: left out of u (listed).
 * - Scenario: the changes of `resolveScenario` act on every rating of the offer and attribute
 *   (`changeRatings`): a delta is added to each rating and clamped to 1..10; a value moves
 *   each rating by `value - m_{j,i}`; price factors are skipped ("price-not-in-ratings").
 *
 * Unavailable: "no-offers", "no-respondents", "no-quality-share", or an invalid scenario.
 */
export function respondentUtilities(respondents: RespondentOutcome[], input: ShareInput): RespondentUtilitiesResult {
  const { offers } = input;
  if (offers.length === 0) return { ok: false, reason: "no-offers" };
  const resolved =
    input.scenario !== undefined ? resolveScenario(input.scenario, offers, input.attributes) : null;
  if (resolved !== null && !resolved.ok) return resolved;

  const attributes = input.attributes.filter((a) => a.lowerIsBetter !== true);
  const excludedAttributes = input.attributes.filter((a) => a.lowerIsBetter === true).map((a) => a.id);
  const market = aggregateWeights(respondents, attributes);
  if (respondents.length === 0) return { ok: false, reason: "no-respondents" };
  // q_r falls back to the mean q, which is null only when no respondent gave a usable q.
  if (market.qualityShare === null) return { ok: false, reason: "no-quality-share" };
  const { cells, applied } =
    resolved !== null ? changeRatings(respondents, input.attributes, resolved) : { cells: new Map(), applied: [] };

  const rows: UtilityRow[] = [];
  let noKnownOffer = 0;
  for (const [index, respondent] of respondents.entries()) {
    const own = aggregateWeights([respondent], attributes);
    const q: number = own.qualityShare ?? market.qualityShare;
    const weightOf = (kind: AttributeKind, id: string) =>
      (own.n[kind] > 0 ? own.weights[id] : market.weights[id]) ?? 0;
    const utility = (offer: string, scenario: boolean): number | null => {
      let sum = 0;
      let mass = 0;
      for (const kind of KINDS) {
        const share = kind === "quality" ? q : 100 - q;
        if (share <= 0) continue;
        let weighted = 0;
        let weights = 0;
        for (const attribute of attributes) {
          if (attribute.kind !== kind) continue;
          const w = weightOf(kind, attribute.id);
          const changed = scenario ? cells.get(cellKey(offer, attribute.id)) : undefined;
          const s = changed !== undefined ? changed[index] : rating(respondent, offer, attribute.id);
          if (w <= 0 || s === undefined) continue;
          weighted += w * s;
          weights += w;
        }
        if (weights <= 0) continue;
        sum += (share * weighted) / weights;
        mass += share;
      }
      return mass > 0 ? sum / mass : null;
    };

    const known: number[] = [];
    const base: number[] = [];
    const changed: number[] = [];
    for (const [o, offer] of offers.entries()) {
      const u = utility(offer.id, false);
      if (u === null) continue;
      known.push(o);
      base.push(u);
      changed.push(utility(offer.id, true) ?? u);
    }
    if (known.length === 0) {
      noKnownOffer += 1;
      continue;
    }
    const chosen = respondent.chose === undefined ? -1 : offers.findIndex((o) => o.id === respondent.chose);
    const position = known.indexOf(chosen);
    rows.push({
      id: respondent.id,
      known,
      base,
      scenario: changed,
      chose: position >= 0 ? position : null,
      choseUnknown: respondent.chose !== undefined && position < 0,
    });
  }
  if (rows.length === 0) return { ok: false, reason: "no-respondents" };
  return { ok: true, offers: offers.map((o) => o.id), rows, changes: applied, excludedAttributes, skipped: { noKnownOffer } };
}
