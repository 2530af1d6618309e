import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { DetailsSchema } from "~/routes/studies.$id._index/design-schemas";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { TextField } from "./TextField";
import { useT } from "./use-t";

interface Props {
  study: { title: string; titleZh: string | null; market: string; marketZh: string | null; languages: string[] };
}

/** Title, market description and questionnaire languages of a study, each with its rule under it. */
export function StudyDetailsForm({ study }: Props) {
  const { t } = useT();
  const [form, fields] = useIntentForm("details", DetailsSchema, {
    title: study.title,
    titleZh: study.titleZh ?? "",
    market: study.market,
    marketZh: study.marketZh ?? "",
    languages: study.languages.filter((l): l is "en" | "zh-CN" => l === "en" || l === "zh-CN"),
  });
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      <FormFields id="details" intent="details" />
      <TextField field={fields.title} label={t("study.title")} hint={t("study.hint.title")} />
      <TextField field={fields.titleZh} label={t("study.titleZh")} hint={t("study.hint.titleZh")} />
      <TextField field={fields.market} label={t("study.market")} hint={t("study.hint.market")} multiline />
      <TextField field={fields.marketZh} label={t("study.marketZh")} multiline />
      <fieldset>
        <legend>{t("study.languages")}</legend>
        <label className="checkbox">
          <input {...getInputProps(fields.languages, { type: "checkbox", value: "en" })} /> English
        </label>
        <label className="checkbox">
          <input {...getInputProps(fields.languages, { type: "checkbox", value: "zh-CN" })} /> 简体中文
        </label>
        <Hint>{t("study.hint.languages")}</Hint>
      </fieldset>
      <FieldError id={fields.languages.errorId} errors={fields.languages.errors} />
      <p>
        <button type="submit">{t("study.save")}</button>
      </p>
      <FormStatus id="details" />
    </Form>
  );
}
