import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError, Hint } from "./form-kit";

/** A labelled text input (or textarea) of a conform form, its rule under it and its errors in place. */
export function TextField({ field, label, hint, multiline = false, className }: { field: FieldMetadata<string | undefined>; label: ReactNode; hint?: ReactNode; multiline?: boolean; className?: string }) {
  return (
    <label className={className}>
      {label}
      {multiline ? <textarea {...getTextareaProps(field)} /> : <input {...getInputProps(field, { type: "text" })} />}
      {hint ? <Hint>{hint}</Hint> : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </label>
  );
}
