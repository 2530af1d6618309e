import type { respondentEn } from "./respondent.en";

/** What respondents see: questionnaire texts, saving state, closed/full studies. */
export const respondentZhCN: Record<keyof typeof respondentEn, string> = {
  "respondent.offlineQueued": "离线：您的回答已保存在本机，恢复网络后会自动提交",
  "respondent.quotaFull": "谢谢！与您情况相似的受访者人数已满，本组已结束。非常感谢您抽出时间。",
  "respondent.screenedOut": "感谢您的时间！本调查面向了解其中多个选项的人士。",
  "respondent.progress": "第 {page} 页，共 {pages} 页",
  "respondent.next": "下一页",
  "respondent.required": "请回答此问题。",
  "respondent.needsJavaScript": "本问卷需要 JavaScript：请在浏览器中启用后重新加载页面。",
} as const;
