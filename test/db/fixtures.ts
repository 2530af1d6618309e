import type { Db } from "../../db/client";
import { createUser } from "../../db/queries/users";
import { createStudy, type Study } from "../../db/queries/studies";
import { addOffer } from "../../db/queries/offers";
import { addAttribute } from "../../db/queries/attributes";
import { publishQuestionnaire, type Questionnaire } from "../../db/queries/questionnaires";
import type { User } from "../../db/queries/users";
import type { RatingResponse } from "../../surveys/read-rating-response";

export const NOW = 1_790_000_000_000;

export async function addUser(db: Db, email: string): Promise<User> {
  const user = await createUser(db, { email, passwordHash: "not-a-real-hash", now: NOW });
  if (!user) throw new Error(`user ${email} not created`);
  return user;
}

/**
 * A study with offers alpha (own), beta, gamma; quality attributes speed, comfort; price
 * attribute fare; and one published questionnaire (its JSON content does not matter to the DB).
 */
export async function addStudy(db: Db, args: { ownerId: number; token: string; title?: string }): Promise<{
  study: Study;
  questionnaire: Questionnaire;
}> {
  const study = await createStudy(db, {
    ownerId: args.ownerId,
    publicToken: args.token,
    title: args.title ?? "Commuter rail",
    titleZh: null,
    market: "",
    marketZh: null,
    languages: "en",
    now: NOW,
  });
  await addOffer(db, { studyId: study.id, fields: { code: "alpha", name: "Alpha", nameZh: null, isOwn: true } });
  await addOffer(db, { studyId: study.id, fields: { code: "beta", name: "Beta", nameZh: null, isOwn: false } });
  await addOffer(db, { studyId: study.id, fields: { code: "gamma", name: "Gamma", nameZh: null, isOwn: false } });
  const attr = async (code: string, kind: "quality" | "price") =>
    await addAttribute(db, {
      studyId: study.id,
      fields: { code, kind, name: code, nameZh: null, description: "", descriptionZh: null, groupName: null, direction: "higher" },
    });
  await attr("speed", "quality");
  await attr("comfort", "quality");
  await attr("fare", "price");
  const questionnaire = await publishQuestionnaire(db, { studyId: study.id, definitionJson: "{}", surveyJson: "{}", now: NOW });
  return { study, questionnaire };
}

/** A complete result knowing alpha and beta (hand-written, not produced by the reader). */
export function completeResult(overrides: Partial<RatingResponse> = {}): RatingResponse {
  return {
    status: "complete",
    known: ["alpha", "beta"],
    qualityShare: 60,
    weights: [
      { attribute: "speed", weight: 70 },
      { attribute: "comfort", weight: 30 },
      { attribute: "fare", weight: 100 },
    ],
    ratings: [
      { offer: "alpha", attribute: "speed", score: 8 },
      { offer: "alpha", attribute: "comfort", score: 6 },
      { offer: "alpha", attribute: "fare", score: 5 },
      { offer: "beta", attribute: "speed", score: 7 },
      { offer: "beta", attribute: "comfort", score: 9 },
      { offer: "beta", attribute: "fare", score: 4 },
    ],
    offers: [
      { offer: "alpha", known: true, worth: 7, overall: 8, chose: true, considered: true },
      { offer: "beta", known: true, worth: 6, overall: 7, chose: false, considered: true },
      { offer: "gamma", known: false, worth: null, overall: null, chose: false, considered: false },
    ],
    ...overrides,
  };
}

/** A screened-out result: knows only the own offer. */
export function screenedOutResult(): RatingResponse {
  return {
    status: "screened_out",
    known: ["alpha"],
    qualityShare: null,
    weights: [],
    ratings: [],
    offers: [
      { offer: "alpha", known: true, worth: null, overall: null, chose: false, considered: false },
      { offer: "beta", known: false, worth: null, overall: null, chose: false, considered: false },
      { offer: "gamma", known: false, worth: null, overall: null, chose: false, considered: false },
    ],
  };
}
