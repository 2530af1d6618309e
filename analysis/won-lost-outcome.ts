import type { RespondentOutcome, WonLostOutcome } from "./types";

/**
 * The won/lost group of one respondent (method.md "The tools" (d)); `wonLost` counts them and
 * the raw data export names them, so both follow this one rule:
 * - "won": `chose` is the own offer;
 * - "lost": `chose` is a competitor and `considered` includes the own offer;
 * - "bought-competitor-without-considering-own": `chose` is a competitor and `considered` is
 *   given (not empty) without the own offer. The questionnaire asks the considered set with the
 *   purchase and counts the bought offer in it, so an answered set is never empty;
 * - "bought-competitor-consideration-unknown": `chose` is a competitor and `considered` is
 *   missing or empty (answers to questionnaires that asked it as an optional question, left
 *   unanswered): neither lost nor "without considering own" can be claimed;
 * - "no-purchase": no `chose`.
 */
export function wonLostOutcome(respondent: Pick<RespondentOutcome, "chose" | "considered">, ownId: string): WonLostOutcome {
  const { chose, considered } = respondent;
  if (chose === undefined) return "no-purchase";
  if (chose === ownId) return "won";
  if (considered?.includes(ownId) === true) return "lost";
  if (considered !== undefined && considered.length > 0) return "bought-competitor-without-considering-own";
  return "bought-competitor-consideration-unknown";
}
