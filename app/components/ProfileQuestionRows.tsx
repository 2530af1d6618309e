import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { AddQuestionSchema, UpdateQuestionSchema } from "~/routes/studies.$id._index/design-schemas";
import { CodeField } from "./CodeField";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { InlineForm } from "./InlineForm";
import { TextField } from "./TextField";
import { useT } from "./use-t";
import { inLocale } from "~/i18n";

export interface ProfileQuestionRow {
  id: number;
  code: string;
  kind: "choice" | "text";
  text: string;
  textZh?: string | null;
  choices: Array<{ code: string; label: string; labelZh?: string | null }>;
  isSegment: boolean;
  /** Asked right after the familiarity screen, before the ratings. */
  askFirst?: boolean;
  /** A published version uses the question's code. */
  frozen?: boolean;
  /** Choice codes a published version uses (shown read-only). */
  frozenChoices?: string[];
}

const blankChoice = { label: "", labelZh: "", code: "" };

/** One question's fields with a row editor for its choices (English, Chinese, optional code). */
function QuestionForm({ question }: { question?: ProfileQuestionRow }) {
  const { t } = useT();
  const id = question ? `question-${question.id}` : "add-question";
  const schema = question ? UpdateQuestionSchema : AddQuestionSchema;
  const [form, fields] = useIntentForm(id, schema, {
    ...(question ? { questionId: question.id } : {}),
    code: question?.code ?? "",
    kind: question?.kind ?? "choice",
    text: question?.text ?? "",
    textZh: question?.textZh ?? "",
    isSegment: question ? question.isSegment : true,
    askFirst: question?.askFirst === true,
    choices: question?.choices.length ? question.choices.map((c) => ({ label: c.label, labelZh: c.labelZh ?? "", code: c.code })) : [blankChoice, blankChoice],
  });
  const choices = fields.choices.getFieldList();
  const frozenChoices = new Set(question?.frozenChoices ?? []);
  return (
    <Form method="post" {...getFormProps(form)} className="question-form" preventScrollReset>
      <FormFields id={id} intent={question ? "updateProfileQuestion" : "addProfileQuestion"} />
      {question ? <input type="hidden" name="questionId" value={question.id} /> : null}
      <div className="row-form">
        <TextField field={fields.text} label={t("fieldwork.profile.text")} />
        <TextField field={fields.textZh} label={t("fieldwork.profile.textZh")} />
        <label>
          {t("fieldwork.profile.kind")}
          <select {...getSelectProps(fields.kind)}>
            <option value="choice">{t("fieldwork.profile.kind.choice")}</option>
            <option value="text">{t("fieldwork.profile.kind.text")}</option>
          </select>
        </label>
        <CodeField field={fields.code} frozen={Boolean(question?.frozen)} code={question?.code} compact />
        <label className="checkbox">
          <input {...getInputProps(fields.isSegment, { type: "checkbox" })} /> {t("fieldwork.profile.isSegment")}
        </label>
        <label className="checkbox ask-first">
          <input {...getInputProps(fields.askFirst, { type: "checkbox" })} aria-describedby={`${fields.askFirst.id}-hint`} />
          <span>
            {t("fieldwork.profile.askFirst")}
            <span className="hint" id={`${fields.askFirst.id}-hint`}>
              {t("fieldwork.profile.askFirstHint")}
            </span>
          </span>
        </label>
      </div>
      {fields.kind.value !== "text" ? (
        <fieldset className="choices">
          <legend>{t("fieldwork.profile.choices")}</legend>
          <Hint>{t("study.hint.choices")}</Hint>
          <div className="table-scroll">
            <table className="rows-table">
              <thead>
                <tr>
                  <th scope="col">{t("study.choiceLabel")}</th>
                  <th scope="col">{t("study.choiceLabelZh")}</th>
                  <th scope="col">{t("study.codeLabel")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("study.removeRow")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {choices.map((row, i) => {
                  const f = row.getFieldset();
                  const frozen = frozenChoices.has(String(f.code.initialValue ?? ""));
                  return (
                    <tr key={row.key} data-testid="choice-row">
                      <td data-label={t("study.choiceLabel")}>
                        <input {...getInputProps(f.label, { type: "text" })} aria-label={`${t("study.choiceLabel")} ${i + 1}`} />
                        <FieldError id={f.label.errorId} errors={f.label.errors} />
                      </td>
                      <td data-label={t("study.choiceLabelZh")}>
                        <input {...getInputProps(f.labelZh, { type: "text" })} aria-label={`${t("study.choiceLabelZh")} ${i + 1}`} />
                      </td>
                      <td data-label={t("study.codeLabel")}>
                        <input
                          {...getInputProps(f.code, { type: "text" })}
                          aria-label={`${t("study.codeLabel")} ${i + 1}`}
                          readOnly={frozen}
                          title={frozen ? t("study.hint.codeFrozen") : undefined}
                          placeholder={t("fieldwork.profile.codeAuto")}
                          spellCheck={false}
                        />
                        <FieldError id={f.code.errorId} errors={f.code.errors} />
                      </td>
                      <td>
                        <button {...form.remove.getButtonProps({ name: fields.choices.name, index: i })} className="link-button">
                          {t("study.removeRow")}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <FieldError id={fields.choices.errorId} errors={fields.choices.errors} />
          <button {...form.insert.getButtonProps({ name: fields.choices.name, defaultValue: blankChoice })} className="secondary">
            {t("study.addChoice")}
          </button>
        </fieldset>
      ) : null}
      <p className="button-line">
        <button type="submit" className={question ? "secondary" : undefined}>
          {question ? t("study.save") : t("fieldwork.profile.add")}
        </button>
      </p>
      <FormStatus id={id} />
    </Form>
  );
}

/** The study's profile questions, editable in place (with move and delete), and a form to add one. */
export function ProfileQuestionRows({ questions }: { questions: ProfileQuestionRow[] }) {
  const { t, locale } = useT();
  const text = (q: ProfileQuestionRow) => (inLocale(locale, q.text, q.textZh));
  return (
    <>
      <FormStatus id="questions" />
      <ul className="item-list">
        {questions.map((q, i) => (
          <li key={`${q.id}-${JSON.stringify(q)}`} className="item-row profile-question" data-testid="profile-question">
            <QuestionForm question={q} />
            <div className="button-line">
              {i > 0 ? <InlineForm intent="moveProfileQuestion" label={t("study.moveUp", { name: text(q) })} buttonClassName="link-button" fields={{ questionId: q.id, direction: "up" }} /> : null}
              {i < questions.length - 1 ? (
                <InlineForm intent="moveProfileQuestion" label={t("study.moveDown", { name: text(q) })} buttonClassName="link-button" fields={{ questionId: q.id, direction: "down" }} />
              ) : null}
              <InlineForm
                intent="deleteProfileQuestion"
                label={t("study.delete")}
                buttonClassName="danger"
                fields={{ questionId: q.id }}
                confirm={{ message: t("study.confirm.deleteQuestion", { name: text(q) }), button: t("study.confirm.yesDelete") }}
              />
            </div>
          </li>
        ))}
      </ul>
      <h3>{t("fieldwork.profile.add")}</h3>
      <QuestionForm key={`new-${questions.length}`} />
    </>
  );
}
