import { Form } from "@remix-run/react";
import { CsrfField } from "./CsrfField";
import { useT } from "./use-t";

export interface ProfileQuestionRow {
  id: number;
  code: string;
  kind: "choice" | "text";
  text: string;
  textZh?: string | null;
  choices: Array<{ code: string; label: string; labelZh?: string | null }>;
  isSegment: boolean;
}

/** Choices as the editor shows them: `code | English | Chinese`, one per line. */
export function choiceLines(choices: ProfileQuestionRow["choices"]): string {
  return choices.map((c) => `${c.code} | ${c.label} | ${c.labelZh ?? ""}`.trimEnd()).join("\n");
}

function QuestionFields({ question }: { question?: ProfileQuestionRow }) {
  const { t } = useT();
  return (
    <>
      <label>
        {t("fieldwork.profile.code")}
        <input type="text" name="code" defaultValue={question?.code ?? ""} maxLength={40} placeholder={t("fieldwork.profile.codeAuto")} />
      </label>
      <label>
        {t("fieldwork.profile.text")}
        <input type="text" name="text" defaultValue={question?.text} maxLength={300} required />
      </label>
      <label>
        {t("fieldwork.profile.textZh")}
        <input type="text" name="textZh" defaultValue={question?.textZh ?? ""} maxLength={300} />
      </label>
      <label>
        {t("fieldwork.profile.kind")}
        <select name="kind" defaultValue={question?.kind ?? "choice"}>
          <option value="choice">{t("fieldwork.profile.kind.choice")}</option>
          <option value="text">{t("fieldwork.profile.kind.text")}</option>
        </select>
      </label>
      <label className="wide">
        {t("fieldwork.profile.choices")}
        <textarea name="choices" rows={Math.max(3, (question?.choices.length ?? 0) + 1)} defaultValue={question ? choiceLines(question.choices) : ""} />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="isSegment" defaultChecked={question?.isSegment ?? true} /> {t("fieldwork.profile.isSegment")}
      </label>
    </>
  );
}

/** The study's profile questions, editable in place, with a form to add one. */
export function ProfileQuestionRows({ questions }: { questions: ProfileQuestionRow[] }) {
  const { t } = useT();
  return (
    <>
      {questions.map((q) => (
        <Form method="post" className="row-form profile-question" key={`${q.id}-${q.code}-${q.text}-${choiceLines(q.choices)}`} data-testid="profile-question">
          <CsrfField />
          <input type="hidden" name="questionId" value={q.id} />
          <QuestionFields question={q} />
          <span>
            <button type="submit" name="intent" value="updateProfileQuestion" className="secondary">
              {t("study.save")}
            </button>{" "}
            <button type="submit" name="intent" value="deleteProfileQuestion" className="danger">
              {t("study.delete")}
            </button>
          </span>
        </Form>
      ))}
      {questions.length > 1 ? (
        <div className="move-buttons">
          {questions.slice(1).map((q) => (
            <Form method="post" className="inline" key={q.id}>
              <CsrfField />
              <input type="hidden" name="questionId" value={q.id} />
              <input type="hidden" name="direction" value="up" />
              <button type="submit" name="intent" value="moveProfileQuestion" className="link-button">
                {t("fieldwork.profile.moveUp", { code: q.code })}
              </button>{" "}
            </Form>
          ))}
        </div>
      ) : null}
      <p className="muted small">{t("fieldwork.profile.choicesHelp")}</p>
      <Form method="post" className="row-form" key={`new-${questions.length}`}>
        <CsrfField />
        <QuestionFields />
        <button type="submit" name="intent" value="addProfileQuestion">
          {t("fieldwork.profile.add")}
        </button>
      </Form>
    </>
  );
}
