import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { CsrfField } from "./CsrfField";
import { useT } from "./use-t";

interface Props {
  study: { title: string; titleZh: string | null; market: string; marketZh: string | null; languages: string[] };
  errors: Partial<Record<string, MessageKey>>;
}

/** Title, market description and questionnaire languages of a study. */
export function StudyDetailsForm({ study, errors }: Props) {
  const { t } = useT();
  const error = (field: string) => {
    const key = errors[field];
    return key ? <p className="error">{t(key)}</p> : null;
  };
  return (
    <Form method="post">
      <CsrfField />
      <label htmlFor="title">{t("study.title")}</label>
      <input id="title" name="title" type="text" defaultValue={study.title} maxLength={200} required />
      {error("title")}
      <label htmlFor="titleZh">{t("study.titleZh")}</label>
      <input id="titleZh" name="titleZh" type="text" defaultValue={study.titleZh ?? ""} maxLength={200} />
      <label htmlFor="market">{t("study.market")}</label>
      <textarea id="market" name="market" defaultValue={study.market} maxLength={1000} />
      <label htmlFor="marketZh">{t("study.marketZh")}</label>
      <textarea id="marketZh" name="marketZh" defaultValue={study.marketZh ?? ""} maxLength={1000} />
      <fieldset>
        <legend>{t("study.languages")}</legend>
        <label className="checkbox">
          <input type="checkbox" name="languages" value="en" defaultChecked={study.languages.includes("en")} /> English
        </label>
        <label className="checkbox">
          <input type="checkbox" name="languages" value="zh-CN" defaultChecked={study.languages.includes("zh-CN")} /> 简体中文
        </label>
      </fieldset>
      {error("languages")}
      <p>
        <button type="submit" name="intent" value="details">
          {t("study.save")}
        </button>
      </p>
    </Form>
  );
}
