import type { fieldworkEn } from "./fieldwork.en";

/** Fieldwork management: distribution, invitations, quotas, data quality, dashboard, focus-group consolidation. */
export const fieldworkZhCN: Record<keyof typeof fieldworkEn, string> = {
};
