import { differenceMethod } from "./difference-method";
import type { DifferenceMethodInput, DifferenceMethodResult, OfferDef } from "./types";

/**
 * Best's difference method (`differenceMethod`) for every offer of the market, each against
 * all the other offers (its competitors), with the same weights, threshold rule, standard
 * deviations, shares and groups: the figures a team needs to compare its offer with the
 * competitors' own positions. In the order of `offers`.
 */
export function differenceMethodByOffer(
  input: Omit<DifferenceMethodInput, "ownId" | "competitorIds"> & { offers: OfferDef[] },
): Array<{ offerId: string; own: boolean; result: DifferenceMethodResult }> {
  const { offers, ...rest } = input;
  return offers.map((offer) => ({
    offerId: offer.id,
    own: offer.own,
    result: differenceMethod({ ...rest, ownId: offer.id, competitorIds: offers.filter((o) => o.id !== offer.id).map((o) => o.id) }),
  }));
}
