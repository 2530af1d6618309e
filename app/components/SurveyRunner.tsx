import { useEffect, useRef, useState } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.min.css";
import "survey-core/i18n/simplified-chinese";
import { translate, type Locale } from "~/i18n";
import { DraftSaver, postRespondent, readSnapshot, responseIdFor, writeSnapshot, type SaveState } from "./response-sync";

type Phase = { kind: "loading" } | { kind: "ready"; model: Model } | { kind: "done" } | { kind: "error" };

const surveyLocale = (locale: Locale) => (locale === "zh-CN" ? "zh-cn" : "");

/** Only the answers of questions the builder made (survey.data also holds computed values). */
function answersOf(model: Model): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of model.getAllQuestions()) {
    if (q.getType() === "expression") continue;
    const value = model.getValue(q.getValueName());
    if (value !== undefined) out[q.getValueName()] = value;
  }
  return out;
}

/** The respondent's questionnaire: resumes where they left, saves as they go, completes once. */
export default function SurveyRunner({ token, locale }: { token: string; locale: Locale }) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [save, setSave] = useState<SaveState>("saved");
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    let saver: DraftSaver | null = null;
    let cancelled = false;
    const responseId = responseIdFor(token);
    (async () => {
      const { status, data } = await postRespondent(token, { intent: "start", responseId, locale: localeRef.current });
      if (cancelled) return;
      if (status !== 200) return setPhase({ kind: "error" });
      if (data.status !== "draft") return setPhase({ kind: "done" });
      const model = new Model(data.survey);
      model.locale = surveyLocale(localeRef.current);
      const local = readSnapshot(token);
      const serverSeq = Number(data.seq ?? 0);
      const resume = local && local.seq > serverSeq ? local : { answers: data.answers as Record<string, unknown>, pageNo: Number(data.pageNo ?? 0) };
      model.data = resume.answers ?? {};
      const pageNo = Math.min(resume.pageNo, model.visiblePageCount - 1);
      if (pageNo > 0) model.currentPageNo = pageNo;
      saver = new DraftSaver(token, responseId, () => localeRef.current, setSave, Math.max(serverSeq, local?.seq ?? 0));
      if (local && local.seq > serverSeq) saver.schedule(local.answers, local.pageNo, 0);
      const changed = () => saver?.schedule(answersOf(model), model.currentPageNo);
      model.onValueChanged.add(changed);
      model.onCurrentPageChanged.add(changed);
      model.onComplete.add(async () => {
        saver?.stop();
        setSave("saving");
        const body = { intent: "complete", responseId, locale: localeRef.current, answers: answersOf(model) };
        for (let attempt = 0; ; attempt++) {
          try {
            const res = await postRespondent(token, body);
            if (res.status < 500) {
              setSave(res.status === 200 ? "saved" : "offline");
              if (res.status === 200) writeSnapshot(token, null);
              return;
            }
          } catch {
            /* network down: retry below */
          }
          setSave("offline");
          await new Promise((r) => setTimeout(r, Math.min(30_000, 2000 * 2 ** attempt)));
        }
      });
      setPhase({ kind: "ready", model });
    })().catch(() => !cancelled && setPhase({ kind: "error" }));
    return () => {
      cancelled = true;
      saver?.stop();
    };
  }, [token]);

  useEffect(() => {
    if (phase.kind === "ready") phase.model.locale = surveyLocale(locale);
  }, [locale, phase]);

  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  if (phase.kind === "loading") return <p className="panel">{t("respondent.loading")}</p>;
  if (phase.kind === "error") return <p className="panel error">{t("respondent.error")}</p>;
  if (phase.kind === "done") return <p className="panel" data-testid="already-done">{t("respondent.alreadyDone")}</p>;
  const stateKey = save === "saved" ? "respondent.saved" : save === "saving" ? "respondent.saving" : "respondent.offline";
  return (
    <>
      <div className="save-state" data-state={save} data-testid="save-state" aria-live="polite">
        {t(stateKey)}
      </div>
      <Survey model={phase.model} />
    </>
  );
}
