import { Form } from "@remix-run/react";
import { CsrfField } from "./CsrfField";
import type { ProfileQuestionRow } from "./ProfileQuestionRows";
import { useT } from "./use-t";

/** Quota targets per choice of each choice question (empty: no quota for that choice). */
export function QuotaEditor({ questions, quotas }: { questions: ProfileQuestionRow[]; quotas: Array<{ questionCode: string; value: string; target: number }> }) {
  const { t, locale } = useT();
  const choiceQuestions = questions.filter((q) => q.kind === "choice" && q.choices.length > 0);
  if (choiceQuestions.length === 0) return <p className="muted small">{t("fieldwork.quotas.none")}</p>;
  return (
    <>
      {choiceQuestions.map((q) => (
        <Form method="post" key={`${q.code}-${quotas.filter((x) => x.questionCode === q.code).map((x) => `${x.value}${x.target}`).join()}`} className="quota-form">
          <CsrfField />
          <input type="hidden" name="questionCode" value={q.code} />
          <fieldset>
            <legend>{locale === "zh-CN" && q.textZh ? q.textZh : q.text}</legend>
            {q.choices.map((c) => (
              <label key={c.code} className="quota-cell">
                <span>{locale === "zh-CN" && c.labelZh ? c.labelZh : c.label}</span>
                <input
                  type="number"
                  name={`target_${c.code}`}
                  min={1}
                  step={1}
                  inputMode="numeric"
                  defaultValue={quotas.find((x) => x.questionCode === q.code && x.value === c.code)?.target ?? ""}
                />
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="saveQuotas" className="secondary">
            {t("fieldwork.quotas.save")}
          </button>
        </Form>
      ))}
    </>
  );
}
