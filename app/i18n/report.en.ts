/** The report page and its tools. zh-CN: report.zh-CN.ts (same keys, enforced by its type). */
export const reportEn = {
} as const;
