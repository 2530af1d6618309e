import { z } from "zod";

/** Starting the next wave: no field but the intent (client-safe; the action parses it). */
export const NextWaveSchema = z.object({});
