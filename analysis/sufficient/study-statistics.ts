import type { StudyRespondent } from "../analyze-methods";
import { addRespondent } from "./add-respondent";
import { emptyStatistics } from "./empty-statistics";
import type { StatisticsLayout, StudyStatistics } from "./types";

/** The sufficient statistics of `respondents` as one cell (each added with `addRespondent`). */
export function studyStatistics(layout: StatisticsLayout, respondents: readonly StudyRespondent[]): StudyStatistics {
  const cell = emptyStatistics(layout);
  for (const respondent of respondents) addRespondent(cell, respondent, 1);
  return cell;
}
