import { count, eq } from "drizzle-orm";
import type { Db } from "./client";
import { createUser } from "./queries/users";
import { createStudy } from "./queries/studies";
import { addOffer } from "./queries/offers";
import { addAttribute, type AttributeFields } from "./queries/attributes";
import { publishQuestionnaire } from "./queries/questionnaires";
import { completeFocusGroupResponse, completeResponse } from "./queries/responses";
import { getStudyDefinition } from "./queries/study-definition";
import { buildFocusGroupQuestionnaire } from "../surveys/build-focus-group-questionnaire";
import { buildRatingQuestionnaire } from "../surveys/build-rating-questionnaire";
import { offerOrder } from "../surveys/offer-order";
import { DONT_KNOW, ONLY_BOUGHT, questionNames as q } from "../surveys/question-names";
import { readFocusGroupResponse } from "../surveys/read-focus-group-response";
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

type Attr = Omit<AttributeFields, "groupName"> & { groupName: string };
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

/** The demo's profile question (a segment filter and quota cell). */
const SEGMENT = {
  code: "segment",
  kind: "choice" as const,
  text: "Where do you mostly use your espresso machine?",
  textZh: "您主要在哪里使用意式咖啡机？",
  choices: [
    { code: "home", label: "At home (home barista)", labelZh: "在家（家庭咖啡师）" },
    { code: "office", label: "In a small office", labelZh: "在小型办公室" },
  ],
  isSegment: true,
};

/** Suggestions the focus group typed, by respondent (1-based); points optional. */
const SUGGESTIONS: Record<number, Array<[string, number | null]>> = {
  2: [["Noise level", 10]],
  5: [["Milk frothing", 15], ["Warm-up time", null]],
  8: [["Noise level", null]],
  11: [["Size on the counter", 5]],
};

/** Focus-group answers: which attributes matter, points among those, the split, suggestions. */
function focusGroupAnswers(n: number, rnd: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [kind, latent] of [["quality", QUALITY_WEIGHTS], ["price", PRICE_WEIGHTS]] as const) {
    const attrs = ATTRIBUTES.filter((a) => a.kind === kind);
    // The first attribute of each kind always matters; the others to most people.
    const matters = attrs.filter((_, i) => i === 0 || rnd() < 0.8);
    const points = constantSum(matters.map((a) => latent[attrs.indexOf(a)]!), rnd);
    answers[q.matters(kind)] = matters.map((a) => a.code);
    matters.forEach((a, i) => (answers[q.points(a.code)] = points[i]));
  }
  answers[q.qualityShare] = 5 * Math.round((45 + rnd() * 30) / 5);
  (SUGGESTIONS[n] ?? []).forEach(([text, points], i) => {
    answers[q.suggestion(i + 1)] = text;
    if (points !== null) answers[q.suggestionPoints(i + 1)] = points;
  });
  return answers;
}

/** Plausible SurveyJS answers of one synthetic respondent. */
function demoAnswers(rnd: () => number, extra: () => number): Record<string, unknown> {
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
  const bought = known[Math.floor(rnd() * known.length)];
  answers[q.lastPurchase] = bought ?? "none";
  // The other offers seriously considered (one draw per known offer, as before): the bought one
  // counts by itself and is not listed; nothing else ticked is "I only considered what I bought".
  const considered = known.filter((offer) => rnd() < 0.7 && offer !== bought);
  if (bought !== undefined) answers[q.consideredOffers] = considered.length > 0 ? considered : [ONLY_BOUGHT];
  // A separate stream for what came later (don't know, the segment), so the ratings stay as they were.
  for (const offer of known) {
    for (const a of ATTRIBUTES) if (extra() < 0.04) answers[q.rating(offer, a.code)] = DONT_KNOW;
  }
  answers[q.profile(SEGMENT.code)] = extra() < 0.65 ? "home" : "office";
  return answers;
}

/**
 * Seeds the demo account and study on an empty database: three offers, five quality and three
 * price attributes, a profile question (segment: home or office), a published focus-group
 * questionnaire at /s/demo?stage=focus-group with 12 complete focus-group responses (a few with
 * suggestions), a published rating questionnaire at /s/demo and 64 synthetic respondents (a few
 * screened out, some "don't know" ratings, device ids, waves 1 and 2; the study is in wave 2)
 * sent through the same readers and transactions as real submissions.
 */
export async function seedDemo(db: Db, args: { passwordHash: (password: string) => string; now: number }): Promise<boolean> {
  const { users, studies, profileQuestions, questionnaires } = db.t;
  const [existing] = await db.q.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return false;
  const user = await createUser(db, { email: DEMO_EMAIL, passwordHash: args.passwordHash(DEMO_PASSWORD), now: args.now });
  if (!user) return false;
  const study = await createStudy(db, {
    ownerId: user.id,
    publicToken: DEMO_TOKEN,
    title: "Home espresso machines 2026",
    titleZh: "2026 家用意式咖啡机",
    market: "Mid-price home espresso machines bought in the last three years.",
    marketZh: "近三年购买的中端家用意式咖啡机。",
    languages: "en,zh-CN",
    now: args.now,
  });
  for (const o of OFFERS) await addOffer(db, { studyId: study.id, fields: o });
  for (const a of ATTRIBUTES) await addAttribute(db, { studyId: study.id, fields: a });
  await db.q
    .insert(profileQuestions)
    .values({ studyId: study.id, code: SEGMENT.code, kind: SEGMENT.kind, text: SEGMENT.text, textZh: SEGMENT.textZh, choicesJson: JSON.stringify(SEGMENT.choices), isSegment: true });
  const definition = await getStudyDefinition(db, study);

  // Focus group first (Gale steps 1-2), three weeks before the rating stage.
  const [focusGroup] = await db.q
    .insert(questionnaires)
    .values({
      studyId: study.id,
      stage: "focus_group",
      version: 1,
      definitionJson: JSON.stringify(definition),
      surveyJson: JSON.stringify(buildFocusGroupQuestionnaire(definition)),
      publishedAt: args.now - 21 * 86_400_000,
    })
    .returning();
  const fgRnd = seededRandom(20261101);
  for (let n = 1; n <= 12; n++) {
    const answers = focusGroupAnswers(n, fgRnd);
    const read = readFocusGroupResponse(definition, answers);
    if (!read.ok) throw new Error(`demo focus-group respondent ${n}: ${read.errors.join("; ")}`);
    await completeFocusGroupResponse(db, {
      clientId: `demo-focus-group-${String(n).padStart(2, "0")}`,
      questionnaireId: focusGroup!.id,
      offerOrder: [],
      answersJson: JSON.stringify(answers),
      result: read.value,
      locale: n % 4 === 0 ? "zh-CN" : "en",
      deviceId: `demo-fg-device-${String(n).padStart(2, "0")}`,
      now: args.now - (21 * 24 - n) * 3_600_000,
    });
  }

  const questionnaire = await publishQuestionnaire(db, {
    studyId: study.id,
    definitionJson: JSON.stringify(definition),
    surveyJson: JSON.stringify(buildRatingQuestionnaire(definition)),
    now: args.now,
  });
  const rnd = seededRandom(20261123);
  const extra = seededRandom(20261124);
  for (let i = 1; i <= 64; i++) {
    const answers = demoAnswers(rnd, extra);
    const read = readRatingResponse(definition, answers);
    if (!read.ok) throw new Error(`demo respondent ${i}: ${read.errors.join("; ")}`);
    const clientId = `demo-respondent-${String(i).padStart(3, "0")}`;
    await completeResponse(db, {
      clientId,
      questionnaireId: questionnaire.id,
      offerOrder: offerOrder(definition.offers.map((o) => o.code), clientId),
      answersJson: JSON.stringify(answers),
      result: read.value,
      locale: i % 3 === 0 ? "zh-CN" : "en",
      // One device answered twice (respondents 40 and 41): the duplicate flag has something to show.
      deviceId: `demo-device-${String(i === 41 ? 40 : i).padStart(3, "0")}`,
      wave: i <= 32 ? 1 : 2,
      now: args.now - (64 - i) * 3_600_000,
    });
  }
  await db.q.update(studies).set({ currentWave: 2 }).where(eq(studies.id, study.id));
  await seedDemoReport(db, { studyId: study.id, now: args.now });
  return true;
}
