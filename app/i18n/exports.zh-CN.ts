import type { exportsEn } from "./exports.en";

/** Report exports: downloads of charts, tables and raw data. */
export const exportsZhCN: Record<keyof typeof exportsEn, string> = {
};
