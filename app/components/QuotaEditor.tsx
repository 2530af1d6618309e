import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { QuotasSchema } from "~/routes/studies.$id._index/design-schemas";
import { FieldError, FormFields, FormStatus, useIntentForm } from "./form-kit";
import type { ProfileQuestionRow } from "./ProfileQuestionRows";
import { useT } from "./use-t";
import { inLocale } from "~/i18n";

type Quota = { questionCode: string; value: string; target: number };

function QuotaForm({ question: q, quotas }: { question: ProfileQuestionRow; quotas: Quota[] }) {
  const { t, locale } = useT();
  const id = `quotas-${q.code}`;
  const [form, fields] = useIntentForm(id, QuotasSchema, {
    questionCode: q.code,
    targets: q.choices.map((c) => ({ choice: c.code, target: quotas.find((x) => x.questionCode === q.code && x.value === c.code)?.target })),
  });
  const rows = fields.targets.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="quota-form" preventScrollReset>
      <FormFields id={id} intent="saveQuotas" />
      <input type="hidden" name="questionCode" value={q.code} />
      <fieldset>
        <legend>{inLocale(locale, q.text, q.textZh)}</legend>
        {rows.map((row, i) => {
          const f = row.getFieldset();
          const choice = q.choices[i];
          if (!choice) return null;
          return (
            <label key={row.key} className="quota-cell">
              <span>{inLocale(locale, choice.label, choice.labelZh)}</span>
              <input type="hidden" name={f.choice.name} value={choice.code} />
              <input {...getInputProps(f.target, { type: "number" })} min={1} step={1} inputMode="numeric" />
              <FieldError id={f.target.errorId} errors={f.target.errors} />
            </label>
          );
        })}
      </fieldset>
      <button type="submit" className="secondary">
        {t("fieldwork.quotas.save")}
      </button>
      <FormStatus id={id} />
    </Form>
  );
}

/** Quota targets per choice of each choice question (empty: no quota for that choice). */
export function QuotaEditor({ questions, quotas }: { questions: ProfileQuestionRow[]; quotas: Quota[] }) {
  const { t } = useT();
  const choiceQuestions = questions.filter((q) => q.kind === "choice" && q.choices.length > 0);
  if (choiceQuestions.length === 0) return <p className="muted small">{t("fieldwork.quotas.none")}</p>;
  return (
    <>
      {choiceQuestions.map((q) => (
        <QuotaForm
          key={`${q.code}-${q.choices.map((c) => c.code).join()}-${quotas.filter((x) => x.questionCode === q.code).map((x) => `${x.value}${x.target}`).join()}`}
          question={q}
          quotas={quotas}
        />
      ))}
    </>
  );
}
