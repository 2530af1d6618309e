import { z } from "zod";

/**
 * The field a destructive or irreversible action carries once the person has confirmed it
 * (`InlineForm`'s confirmation step sends it). Client-safe: schemas beside routes use it, so an
 * action posted without it fails validation and changes nothing.
 */
export const CONFIRM_FIELD = "confirm";
export const CONFIRM_VALUE = "yes";
export const ConfirmedSchema = z.literal(CONFIRM_VALUE);

/**
 * The `confirm` field of a destructive action's schema: anything but `yes` is refused with
 * "error.confirmRequired" (an i18n key the page shows), so the action changes nothing.
 */
export const ConfirmFieldSchema = z.literal(CONFIRM_VALUE, { errorMap: () => ({ message: "error.confirmRequired" }) });
