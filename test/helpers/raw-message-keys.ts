import { en } from "../../app/i18n/en";

const keys = Object.keys(en);

/** Message keys shown as text (a page that was not sent a message shows its key): should be none. */
export function rawMessageKeys(text: string): string[] {
  return keys.filter((key) => new RegExp(`(^|[^\\w.])${key.replace(/\./g, "\\.")}($|[^\\w.]|\\.(?!\\w))`).test(text));
}
