import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { chunks, valuesList } from "../sql";
import type { MaxDiffDesign } from "../../surveys/apply-maxdiff-design";
import type { MaxDiffAnswer } from "../../surveys/read-maxdiff-answers";
import type { LadderAnswer, PriceAnswers } from "../../surveys/read-price-answers";

/** The MaxDiff design stored for a response, or null (none made yet, or no MaxDiff). */
export async function getResponseDesign(db: Db, responseId: number): Promise<MaxDiffDesign | null> {
  const [row] = await db.rows<{ json: string }>(sql`select maxdiff_json as "json" from response_designs where response_id = ${responseId}`);
  return row ? (JSON.parse(row.json) as MaxDiffDesign) : null;
}

/** Stores a response's MaxDiff design once (a design already stored is kept); returns the stored one. */
export async function saveResponseDesign(db: Db, responseId: number, design: MaxDiffDesign): Promise<MaxDiffDesign> {
  await db.run(sql`insert into response_designs (response_id, maxdiff_json) values (${responseId}, ${JSON.stringify(design)}) on conflict do nothing`);
  return (await getResponseDesign(db, responseId)) ?? design;
}

/**
 * The answers of the methods beyond the ratings of a finished response, inside its completion
 * transaction: MaxDiff tasks (items as a JSON list), Van Westendorp's prices with the
 * likelihoods, the Gabor–Granger answers.
 */
export async function insertMethodAnswers(
  tx: Db,
  responseId: number,
  answers: { maxDiff?: MaxDiffAnswer[]; prices?: PriceAnswers | null; ladder?: LadderAnswer[] },
): Promise<void> {
  for (const part of chunks(answers.maxDiff ?? [])) {
    await tx.run(
      sql`insert into response_maxdiff (response_id, kind, task, items_json, best, worst) values ${valuesList(
        part.map((t) => [responseId, t.kind, t.task, JSON.stringify(t.items), t.best, t.worst]),
      )}`,
    );
  }
  const p = answers.prices;
  if (p) {
    await tx.run(
      sql`insert into response_prices (response_id, too_cheap, cheap, expensive, too_expensive, likelihood_cheap, likelihood_expensive)
        values (${responseId}, ${p.tooCheap}, ${p.cheap}, ${p.expensive}, ${p.tooExpensive}, ${p.likelihoodCheap}, ${p.likelihoodExpensive})`,
    );
  }
  for (const part of chunks(answers.ladder ?? [])) {
    await tx.run(sql`insert into response_gabor_granger (response_id, price, buy) values ${valuesList(part.map((a) => [responseId, a.price, a.buy]))}`);
  }
}
