/** Fieldwork management: distribution, invitations, quotas, data quality, dashboard, focus-group consolidation. zh-CN: fieldwork.zh-CN.ts (same keys, enforced by its type). */
export const fieldworkEn = {
} as const;
