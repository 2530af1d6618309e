/** Report exports: downloads of charts, tables and raw data. zh-CN: exports.zh-CN.ts (same keys, enforced by its type). */
export const exportsEn = {
} as const;
