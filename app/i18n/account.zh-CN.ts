import type { accountEn } from "./account.en";

/** Account: password reset, administrators. */
export const accountZhCN: Record<keyof typeof accountEn, string> = {
};
