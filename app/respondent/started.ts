/** The answer to the respondent API's `start` (or this phone's copy of the last one, offline). */
export interface Started {
  status: number;
  data: Record<string, unknown>;
  offline: boolean;
}
