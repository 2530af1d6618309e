import type { respondentEn } from "./respondent.en";

/** What respondents see: questionnaire texts, saving state, closed/full studies. */
export const respondentZhCN: Record<keyof typeof respondentEn, string> = {
};
