import { localized } from "./localized";

/** Fixed wording of the questionnaires (rating and focus-group stages), in English and Simplified Chinese. */
export const texts = {
  screeningPageTitle: localized("Offers you know", "您了解的选项"),
  screeningTitle: localized("Which of these do you know well enough to rate?", "以下哪些产品或服务您足够了解，可以进行评价？"),
  screeningDescription: localized(
    "Tick every one you have used or seriously considered.",
    "请勾选所有您使用过或认真考虑过的选项。",
  ),
  screenedOut: localized(
    "<h3>Thank you for your time!</h3><p>This survey is for people who know several of these offers. Your answer has been recorded; there is nothing more to do.</p>",
    "<h3>感谢您的时间！</h3><p>本调查面向了解其中多个选项的人士。您的回答已记录，无需再做任何操作。</p>",
  ),
  completed: localized(
    "<h3>Thank you!</h3><p>Your answers have been saved.</p>",
    "<h3>谢谢！</h3><p>您的回答已保存。</p>",
  ),
  weightsPageTitle: localized("What matters to you", "您看重什么"),
  qualityWeightsTitle: localized(
    "Split 100 points across these aspects of quality by how much each matters when you choose.",
    "请按照选择时各方面的重要程度，将 100 分分配给以下质量方面。",
  ),
  priceWeightsTitle: localized(
    "Split 100 points across these parts of the price by how much each matters to you.",
    "请按照对您的重要程度，将 100 分分配给以下价格方面。",
  ),
  weightsTotal: localized("Total (must be 100)", "合计（须为 100）"),
  pointsRange: localized("Points require a number from 0 to 100.", "分数须为 0 到 100 之间的数字。"),
  weightsSum: localized("The points require a total of 100.", "分数合计须为 100。"),
  qualityShareTitle: localized(
    "When you choose, how much does quality count against price? Give quality a share of 100 points.",
    "选择时，质量与价格相比有多重要？请给质量分配 100 分中的分数。",
  ),
  qualityShareDescription: localized("Price gets the rest.", "其余分数归价格。"),
  priceShareTitle: localized("Price share", "价格所占分数"),
  offerPageTitle: localized("About {offer}", "关于{offer}"),
  offerPageDescription: localized(
    "Rate {offer} from 1 (very poor) to 10 (excellent).",
    "请为{offer}打分：1 分（非常差）到 10 分（非常好）。",
  ),
  pricePanelTitle: localized(
    "How satisfied are you with what {offer} costs you? (10 = very satisfied)",
    "您对{offer}的花费满意吗？（10 = 非常满意）",
  ),
  overallTitle: localized("Overall quality of {offer}", "{offer}的总体质量"),
  worthTitle: localized("{offer} is worth what you pay for it", "{offer}物有所值"),
  // Anchors name their score, so neither can be read as labelling "Don't know".
  minRate: localized("1 = Very poor", "1 = 非常差"),
  maxRate: localized("10 = Excellent", "10 = 非常好"),
  minSatisfied: localized("1 = Very dissatisfied", "1 = 非常不满意"),
  maxSatisfied: localized("10 = Very satisfied", "10 = 非常满意"),
  minWorth: localized("1 = Not at all", "1 = 完全不是"),
  maxWorth: localized("10 = Completely", "10 = 完全是"),
  // Layout "one attribute, all offers".
  attributePageDescription: localized(
    "Rate each offer you know from 1 (very poor) to 10 (excellent).",
    "请为您了解的每个选项打分：1 分（非常差）到 10 分（非常好）。",
  ),
  priceAttributePageDescription: localized(
    "How satisfied are you with what each costs you? From 1 (very dissatisfied) to 10 (very satisfied).",
    "您对每个选项在这方面的花费满意吗？1 分（非常不满意）到 10 分（非常满意）。",
  ),
  overallPageTitle: localized("Overall quality", "总体质量"),
  worthPageTitle: localized("Worth what you pay", "物有所值"),
  purchasePageTitle: localized("Your last purchase", "您最近一次购买"),
  lastPurchaseTitle: localized("Which did you buy last?", "您最近一次购买的是哪一个？"),
  consideredTitle: localized(
    "Which others did you seriously consider before buying it?",
    "购买前，您还认真考虑过哪些？",
  ),
  onlyBought: localized("I only considered what I bought", "我只考虑过最终买的那一个"),
  none: localized("None of these", "都没有"),
  dontKnow: localized("Don't know", "不知道"),
  profilePageTitle: localized("About you", "关于您"),
  // Focus-group stage.
  mattersPageTitle: localized("What matters when you choose", "选择时您看重什么"),
  mattersQualityTitle: localized(
    "Which of these aspects of quality matter to you when you choose?",
    "选择时，以下哪些质量方面对您重要？",
  ),
  mattersPriceTitle: localized(
    "Which of these parts of the price matter to you?",
    "以下哪些价格方面对您重要？",
  ),
  mattersDescription: localized("Tick every one that matters.", "请勾选所有重要的选项。"),
  suggestionsPageTitle: localized("Anything missing?", "还有遗漏吗？"),
  suggestionTitle: localized("Something else that matters to you (optional)", "其他对您重要的方面（可选）"),
  suggestionPointsTitle: localized(
    "How many points of 100 would you give it? (optional)",
    "您会给它 100 分中的多少分？（可选）",
  ),
  pointsPageTitle: localized("How much each matters", "各方面的重要程度"),
  pointsQualityTitle: localized(
    "Split 100 points across the aspects of quality you ticked.",
    "请将 100 分分配给您勾选的质量方面。",
  ),
  pointsPriceTitle: localized(
    "Split 100 points across the parts of the price you ticked.",
    "请将 100 分分配给您勾选的价格方面。",
  ),
  splitPageTitle: localized("Quality against price", "质量与价格"),
  // MaxDiff (either stage): one page per task, two choices.
  maxDiffQualityPageTitle: localized("What matters most? ({task} of {tasks})", "什么最重要？（第 {task} 组，共 {tasks} 组）"),
  maxDiffPricePageTitle: localized("Which part of the price matters most? ({task} of {tasks})", "价格的哪个方面最重要？（第 {task} 组，共 {tasks} 组）"),
  maxDiffDescription: localized(
    "Of these, tick the one that matters most to you when you choose, and the one that matters least.",
    "在以下各项中，请勾选您选择时最看重的一项和最不看重的一项。",
  ),
  maxDiffMost: localized("Most important", "最重要"),
  maxDiffLeast: localized("Least important", "最不重要"),
  maxDiffDifferent: localized(
    "The least important requires another item than the most important.",
    "最不重要的一项须与最重要的一项不同。",
  ),
  // Price research block (rating stage), about the own offer.
  pricePageTitle: localized("What would you pay for {offer}?", "您愿意为{offer}支付多少？"),
  pricePageDescription: localized(
    "There are no right answers: give the price that comes to mind, as a number{currency}.",
    "答案没有对错：请按第一感觉填写价格（数字{currency}）。",
  ),
  priceTooCheapTitle: localized(
    "At what price would {offer} be so cheap that you would doubt its quality?",
    "{offer}的价格低到多少时，您会怀疑它的质量？",
  ),
  priceCheapTitle: localized(
    "At what price would {offer} be a bargain, a great buy for the money?",
    "{offer}的价格为多少时，您会觉得很划算、物超所值？",
  ),
  priceExpensiveTitle: localized(
    "At what price would {offer} start to seem expensive, though you would still consider it?",
    "{offer}的价格为多少时，您会开始觉得贵，但仍会考虑购买？",
  ),
  priceTooExpensiveTitle: localized(
    "At what price would {offer} be so expensive that you would not consider buying it?",
    "{offer}的价格高到多少时，您会觉得太贵而不考虑购买？",
  ),
  priceRange: localized("A price from {min} to {max}.", "价格须在 {min} 到 {max} 之间。"),
  priceOrderCheap: localized(
    "The bargain price requires at least the price that is too cheap.",
    "“划算”的价格不能低于“太便宜”的价格。",
  ),
  priceOrderExpensive: localized(
    "The price that starts to seem expensive requires at least the bargain price.",
    "“开始觉得贵”的价格不能低于“划算”的价格。",
  ),
  priceOrderTooExpensive: localized(
    "The price that is too expensive requires at least the price that starts to seem expensive.",
    "“太贵”的价格不能低于“开始觉得贵”的价格。",
  ),
  priceLikelihoodPageTitle: localized("Would you buy {offer}?", "您会购买{offer}吗？"),
  priceLikelyTitle: localized("How likely would you be to buy {offer} at {price}?", "如果{offer}的价格是 {price}，您购买的可能性有多大？"),
  likelihood1: localized("1 – Certainly not", "1 – 肯定不会"),
  likelihood2: localized("2 – Probably not", "2 – 可能不会"),
  likelihood3: localized("3 – Not sure", "3 – 不确定"),
  likelihood4: localized("4 – Probably", "4 – 可能会"),
  likelihood5: localized("5 – Certainly", "5 – 肯定会"),
  priceLadderPageTitle: localized("{offer} at other prices", "{offer}在其他价格下"),
  priceLadderDescription: localized(
    "A new question may appear after each answer.",
    "每次回答后可能会出现新的问题。",
  ),
  priceLadderTitle: localized("Would you buy {offer} at {price}?", "如果{offer}的价格是 {price}，您会购买吗？"),
  buyYes: localized("Yes, I would buy it", "会，我会购买"),
  buyNo: localized("No", "不会"),
} as const;
