import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { FieldError, Hint } from "./form-kit";
import { useT } from "./use-t";

/**
 * The code of an offer, attribute, question or choice: editable (snake_case, empty = made from
 * the name) until a published version uses it, then shown frozen and not sent.
 */
export function CodeField({ field, frozen, code, compact = false }: { field: FieldMetadata<string | undefined>; frozen: boolean; code?: string; compact?: boolean }) {
  const { t } = useT();
  if (frozen && code) {
    return (
      <div className="code-field frozen">
        <span className="label-text">{t("study.codeLabel")}</span>
        <code className="code-value" title={t("study.hint.codeFrozen")}>
          {code}
        </code>
        {compact ? null : <Hint>{t("study.hint.codeFrozen")}</Hint>}
      </div>
    );
  }
  return (
    <label className="code-field">
      {t("study.codeLabel")}
      <input {...getInputProps(field, { type: "text" })} placeholder={code ? undefined : t("fieldwork.profile.codeAuto")} spellCheck={false} autoCapitalize="off" />
      {compact ? null : <Hint>{t("study.hint.code")}</Hint>}
      <FieldError id={field.errorId} errors={field.errors} />
    </label>
  );
}
