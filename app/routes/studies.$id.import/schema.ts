import { z } from "zod";

/** The import form: one CSV or XLSX file (client-safe; the action checks every row of it). */
export const ImportFileSchema = z.object({
  file: z
    .instanceof(File, { message: "import.error.file" })
    .refine((file) => file.size > 0, "import.error.file")
    .refine((file) => file.size <= 20 * 1024 * 1024, "import.error.tooLarge"),
});
