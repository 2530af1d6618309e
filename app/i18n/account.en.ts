/** Account: password reset, administrators. zh-CN: account.zh-CN.ts (same keys, enforced by its type). */
export const accountEn = {
} as const;
