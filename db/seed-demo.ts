import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema";
import { createUser } from "./queries/users";
import { createStudy } from "./queries/studies";
import { addOffer } from "./queries/offers";
import { addAttribute, type AttributeFields } from "./queries/attributes";
import { publishQuestionnaire } from "./queries/questionnaires";
import { completeResponse } from "./queries/responses";
import { getStudyDefinition } from "./queries/study-definition";
import { buildRatingQuestionnaire } from "../surveys/build-rating-questionnaire";
import { offerOrder } from "../surveys/offer-order";
import { questionNames as q } from "../surveys/question-names";
import { readRatingResponse } from "../surveys/read-rating-response";
import { seededRandom } from "../surveys/seeded-random";
import { seedDemoReport } from "./seed-demo-report";

export const DEMO_EMAIL = "demo@valuemap.example";
export const DEMO_PASSWORD = "valuemap-demo-2026";
export const DEMO_TOKEN = "demo";

const OFFERS = [
  { code: "aster", name: "Aster", nameZh: "紫菀", isOwn: true },
  { code: "birch", name: "Birch", nameZh: "白桦", isOwn: false },
  { code: "cedar", name: "Cedar", nameZh: "雪松", isOwn: false },
];

type Attr = Omit<AttributeFields, "groupName" | "direction"> & { groupName: string };
const ATTRIBUTES: Attr[] = [
  { code: "reliability", kind: "quality", name: "Reliability", nameZh: "可靠性", description: "Works every morning, rarely needs repair", descriptionZh: "每天都能正常使用，很少需要维修", groupName: "product" },
  { code: "taste", kind: "quality", name: "Coffee taste", nameZh: "咖啡口感", description: "Crema, temperature, consistency", descriptionZh: "油脂、温度、稳定性", groupName: "product" },
  { code: "ease", kind: "quality", name: "Ease of use", nameZh: "易用性", description: "Quick to learn, quick to clean", descriptionZh: "容易上手，清洁方便", groupName: "product" },
  { code: "service", kind: "quality", name: "After-sales service", nameZh: "售后服务", description: "Help and repairs when needed", descriptionZh: "需要时的帮助与维修", groupName: "service" },
  { code: "design", kind: "quality", name: "Design", nameZh: "外观设计", description: "Looks good in the kitchen", descriptionZh: "放在厨房里好看", groupName: "image" },
  { code: "purchase", kind: "price", name: "Purchase price", nameZh: "购买价格", description: "", descriptionZh: "", groupName: "monetary" },
  { code: "running", kind: "price", name: "Running costs", nameZh: "使用成本", description: "Capsules or beans, descaling, parts", descriptionZh: "咖啡胶囊或咖啡豆、除垢、配件", groupName: "monetary" },
  { code: "terms", kind: "price", name: "Payment terms", nameZh: "付款条件", description: "Instalments, trade-in, warranty extension", descriptionZh: "分期付款、以旧换新、延长保修", groupName: "monetary" },
];

/** Latent mean rating of each offer on each attribute, and the latent weights the demo draws around. */
const LATENT: Record<string, number[]> = {
  aster: [8.2, 7.6, 7.9, 8.3, 6.4, 5.8, 7.2, 7.0],
  birch: [7.1, 8.0, 6.8, 6.2, 7.8, 6.9, 6.1, 6.5],
  cedar: [6.3, 6.1, 7.2, 6.0, 6.6, 8.3, 7.4, 6.8],
};
const QUALITY_WEIGHTS = [30, 25, 15, 20, 10];
const PRICE_WEIGHTS = [55, 30, 15];

/** Integer points summing exactly to 100, drawn around the latent weights. */
function constantSum(latent: number[], rnd: () => number): number[] {
  const raw = latent.map((w) => Math.max(1, w * (0.6 + 0.8 * rnd())));
  const total = raw.reduce((s, v) => s + v, 0);
  const points = raw.map((v) => Math.round((v / total) * 100));
  points[0]! += 100 - points.reduce((s, v) => s + v, 0);
  return points;
}

/** Plausible SurveyJS answers of one synthetic respondent. */
function demoAnswers(rnd: () => number): Record<string, unknown> {
  const known = OFFERS.map((o) => o.code).filter((c) => (c === "aster" ? rnd() < 0.96 : rnd() < 0.75));
  const answers: Record<string, unknown> = { [q.knownOffers]: known };
  const quality = ATTRIBUTES.filter((a) => a.kind === "quality");
  const price = ATTRIBUTES.filter((a) => a.kind === "price");
  const qw = constantSum(QUALITY_WEIGHTS, rnd);
  const pw = constantSum(PRICE_WEIGHTS, rnd);
  answers[q.weights("quality")] = Object.fromEntries(quality.map((a, i) => [a.code, qw[i]]));
  answers[q.weights("price")] = Object.fromEntries(price.map((a, i) => [a.code, pw[i]]));
  answers[q.qualityShare] = 5 * Math.round((45 + rnd() * 30) / 5);
  const mood = (rnd() - 0.5) * 1.5;
  for (const offer of known) {
    const scores = ATTRIBUTES.map((a, i) => {
      const s = Math.round(LATENT[offer]![i]! + mood + (rnd() - 0.5) * 3);
      answers[q.rating(offer, a.code)] = Math.min(10, Math.max(1, s));
      return Math.min(10, Math.max(1, s));
    });
    const overall = scores.slice(0, 5).reduce((s, v) => s + v, 0) / 5;
    answers[q.overall(offer)] = Math.round(overall);
    answers[q.worth(offer)] = Math.min(10, Math.max(1, Math.round(overall + (rnd() - 0.5) * 2)));
  }
  answers[q.lastPurchase] = known[Math.floor(rnd() * known.length)] ?? "none";
  answers[q.consideredOffers] = known.filter(() => rnd() < 0.7);
  return answers;
}

/**
 * Seeds the demo account and study on an empty database: three offers, five quality and three
 * price attributes, a published questionnaire at /s/demo and 64 synthetic respondents (a few
 * screened out) sent through the same reader and transaction as real submissions.
 */
export function seedDemo(db: Db, args: { passwordHash: (password: string) => string; now: number }): boolean {
  const existing = db.select({ n: sql<number>`count(*)` }).from(users).get();
  if ((existing?.n ?? 0) > 0) return false;
  const user = createUser(db, { email: DEMO_EMAIL, passwordHash: args.passwordHash(DEMO_PASSWORD), now: args.now });
  if (!user) return false;
  const study = createStudy(db, {
    ownerId: user.id,
    publicToken: DEMO_TOKEN,
    title: "Home espresso machines 2026",
    titleZh: "2026 家用意式咖啡机",
    market: "Mid-price home espresso machines bought in the last three years.",
    marketZh: "近三年购买的中端家用意式咖啡机。",
    languages: "en,zh-CN",
    now: args.now,
  });
  for (const o of OFFERS) addOffer(db, { studyId: study.id, fields: o });
  for (const a of ATTRIBUTES) addAttribute(db, { studyId: study.id, fields: { ...a, direction: "higher" } });
  const definition = getStudyDefinition(db, study);
  const questionnaire = publishQuestionnaire(db, {
    studyId: study.id,
    definitionJson: JSON.stringify(definition),
    surveyJson: JSON.stringify(buildRatingQuestionnaire(definition)),
    now: args.now,
  });
  const rnd = seededRandom(20261123);
  for (let i = 1; i <= 64; i++) {
    const answers = demoAnswers(rnd);
    const read = readRatingResponse(definition, answers);
    if (!read.ok) throw new Error(`demo respondent ${i}: ${read.errors.join("; ")}`);
    const clientId = `demo-respondent-${String(i).padStart(3, "0")}`;
    completeResponse(db, {
      clientId,
      questionnaireId: questionnaire.id,
      offerOrder: offerOrder(definition.offers.map((o) => o.code), clientId),
      answersJson: JSON.stringify(answers),
      result: read.value,
      locale: i % 3 === 0 ? "zh-CN" : "en",
      now: args.now - (64 - i) * 3_600_000,
    });
  }
  seedDemoReport(db, { studyId: study.id, now: args.now });
  return true;
}
