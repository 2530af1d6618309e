import type { ReplyTo } from "~/lib/fieldwork/respondent-contract";

/** The answer to the respondent API's `start` (or this phone's copy of the last one, offline). */
export interface Started {
  status: number;
  data: ReplyTo<"start">;
  offline: boolean;
}
