/** What respondents see: questionnaire texts, saving state, closed/full studies. zh-CN: respondent.zh-CN.ts (same keys, enforced by its type). */
export const respondentEn = {
  "respondent.offlineQueued": "Offline: your answers are kept on this phone and sent when you are back online",
  "respondent.quotaFull": "Thank you! We already have enough answers from people like you, so this group is full. Your time is much appreciated.",
  "respondent.screenedOut": "Thank you for your time! This survey is for people who know several of these offers.",
  "respondent.progress": "Page {page} of {pages}",
  "respondent.next": "Next",
  "respondent.required": "Please answer this question.",
  "respondent.needsJavaScript": "This questionnaire needs JavaScript: please turn it on in your browser and reload the page.",
} as const;
