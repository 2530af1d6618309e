import { dictionary } from "@zxcvbn-ts/language-common";
import type { MessageKey } from "~/i18n/index";

/**
 * The 49,233 common passwords of @zxcvbn-ts/language-common (a maintained list, from leaked
 * password corpora), lower-cased, made into a set on first use.
 */
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())));

/** Fewest different characters a password needs (`aaaaaaaaaaaa` and `abababababab` have 1 and 2). */
export const MIN_DISTINCT_CHARACTERS = 5;

/**
 * Why a new password is refused beyond its length, or null: it is on the list of common
 * passwords (compared lower-cased, also with the digits and symbols around it taken off, so
 * `Password1234!` is `password`), or it uses fewer than MIN_DISTINCT_CHARACTERS characters.
 */
export function passwordWeakness(password: string): MessageKey | null {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core))) return "auth.passwordCommon";
  if (new Set(lower).size < MIN_DISTINCT_CHARACTERS) return "auth.passwordRepetitive";
  return null;
}
