import type { DefinitionChange } from "../../../surveys/definition-changes";
import type { MessageKey } from "~/i18n";

/** Where publishing stands (publish.server.ts computes it); types only, safe in the browser. */
export interface StageStatus {
  /** The newest published version, or null. */
  version: number | null;
  publishedAt: number | null;
  /** What publishing now would change against that version (empty when none is published). */
  changes: DefinitionChange[];
  /** What prevents publishing this stage. */
  issues: MessageKey[];
}

export interface PublishingStatus {
  rating: StageStatus;
  focusGroup: StageStatus;
  /** How the rating stage gets weights: adopted from the focus group, or asked (with or without a focus group published). */
  weights: "adopted" | "askedAfterFocusGroup" | "asked";
}

