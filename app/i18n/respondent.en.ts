/** What respondents see: questionnaire texts, saving state, closed/full studies. zh-CN: respondent.zh-CN.ts (same keys, enforced by its type). */
export const respondentEn = {
} as const;
