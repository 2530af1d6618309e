import type { reportEn } from "./report.en";

/** The report page and its tools. */
export const reportZhCN: Record<keyof typeof reportEn, string> = {
};
