import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { MergeSuggestionsSchema } from "~/lib/fieldwork/merge-suggestions-schema";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { useT } from "./use-t";

/** The form's id: the focus-group page's action answers it under this id. */
export const MERGE_MANY = "merge-many";

/**
 * Merge by hand: check suggestions that mean the same thing (other spellings, English and
 * Chinese) and add them as one attribute with its English and Chinese name.
 */
export function SuggestionMergeForm({ suggestions }: { suggestions: Array<{ text: string; count: number }> }) {
  const { t } = useT();
  const [form, fields] = useIntentForm(MERGE_MANY, MergeSuggestionsSchema, { kind: "quality" });
  return (
    <Form method="post" {...getFormProps(form)} className="merge-many" data-testid="merge-many">
      <FormFields id={MERGE_MANY} intent="mergeMany" />
      <h3>{t("fieldwork.focus.mergeTitle")}</h3>
      <Hint>{t("fieldwork.focus.mergeHelp")}</Hint>
      <fieldset className="choices">
        <legend>{t("fieldwork.focus.suggestions")}</legend>
        {suggestions.map((s) => (
          <label key={s.text} className="checkbox">
            <input {...getInputProps(fields.texts, { type: "checkbox", value: s.text })} /> <span className="suggestion-text">{s.text}</span>{" "}
            <span className="muted small">{t("fieldwork.focus.suggestionCount", { n: s.count })}</span>
          </label>
        ))}
        <FieldError id={fields.texts.errorId} errors={fields.texts.errors} />
      </fieldset>
      <div className="row-form">
        <label>
          {t("study.name")}
          <input {...getInputProps(fields.name, { type: "text" })} />
          <FieldError id={fields.name.errorId} errors={fields.name.errors} />
        </label>
        <label>
          {t("study.nameZh")}
          <input {...getInputProps(fields.nameZh, { type: "text" })} />
        </label>
        <label>
          {t("study.kind")}
          <select {...getSelectProps(fields.kind)}>
            <option value="quality">{t("study.kind.quality")}</option>
            <option value="price">{t("study.kind.price")}</option>
          </select>
        </label>
        <span>
          <button type="submit" className="secondary">
            {t("fieldwork.focus.mergeButton")}
          </button>
        </span>
      </div>
      <FormStatus id={MERGE_MANY} all />
    </Form>
  );
}
