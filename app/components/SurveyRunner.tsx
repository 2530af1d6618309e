import { useEffect, useRef, useState } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.min.css";
import "survey-core/i18n/simplified-chinese";
import { translator, type Locale, type MessageKey, type Messages } from "~/i18n";
import { followRedirect, panelParams } from "./panel-redirect";
import {
  adoptResponseId,
  DraftSaver,
  postRespondent,
  readCachedStart,
  readPendingComplete,
  readSnapshot,
  responseIdFor,
  storageScope,
  writeCachedStart,
  writePendingComplete,
  writeSnapshot,
  type SaveState,
} from "./response-sync";

type Stage = "focus_group" | "rating";
type Phase =
  | { kind: "loading" }
  | { kind: "ready"; model: Model }
  | { kind: "notice"; key: MessageKey; testId: string }
  | { kind: "error" };

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

/** The polite page for a response the server has finished or refused, by its reason. */
function finishedNotice(status: unknown, screenReason: unknown): Phase {
  if (status === "screened_out" && screenReason === "quota_full") return { kind: "notice", key: "respondent.quotaFull", testId: "quota-full" };
  if (status === "screened_out") return { kind: "notice", key: "respondent.screenedOut", testId: "screened-out" };
  return { kind: "notice", key: "respondent.alreadyDone", testId: "already-done" };
}

function refusedNotice(reason: unknown): Phase {
  if (reason === "closed") return { kind: "notice", key: "respondent.closed", testId: "closed" };
  if (reason === "device") return { kind: "notice", key: "respondent.deviceDone", testId: "device-done" };
  if (reason === "invitation") return { kind: "notice", key: "respondent.unknownInvitation", testId: "unknown-invitation" };
  if (reason === "unpublished") return { kind: "notice", key: "respondent.notPublished", testId: "not-published" };
  return { kind: "error" };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The respondent's questionnaire: resumes where they left (this device's copy or the server's,
 * whichever is newer; a personal link resumes its response on any device), saves as they go,
 * queues answers while offline and sends them when the connection returns, completes once.
 */
export default function SurveyRunner({
  token,
  locale,
  stage,
  invite,
  messages,
}: {
  token: string;
  locale: Locale;
  stage: Stage;
  invite: string | null;
  /** The respondent area's messages in each language the questionnaire offers. */
  messages: Partial<Record<Locale, Messages>>;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [save, setSave] = useState<SaveState>("saved");
  const [online, setOnline] = useState(true);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    let saver: DraftSaver | null = null;
    let cancelled = false;
    let wake: (() => void) | null = null;
    const scope = storageScope(token, stage, invite);
    let responseId = responseIdFor(scope);
    const request = () => ({ responseId, locale: localeRef.current, stage, ...(invite ? { invite } : {}), ...panelParams() });
    const onOnline = () => {
      setOnline(true);
      saver?.retryNow();
      wake?.();
    };
    const onOffline = () => setOnline(false);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    setOnline(navigator.onLine);
    /** Sends the completion until the server answers (offline: retries, and at once when back online). */
    const submit = async (answers: Record<string, unknown>) => {
      saver?.stop();
      setSave("saving");
      writePendingComplete(scope, answers);
      const body = { intent: "complete", ...request(), answers };
      for (let attempt = 0; !cancelled; attempt++) {
        try {
          const res = await postRespondent(token, body);
          if (res.status < 500) {
            writePendingComplete(scope, null);
            setSave(res.status === 200 ? "saved" : "offline");
            if (res.status !== 200) return setPhase({ kind: "error" });
            writeSnapshot(scope, null);
            writeCachedStart(scope, null);
            if (followRedirect(res.data)) return;
            if (res.data.status === "screened_out" && res.data.screenReason === "quota_full") setPhase(finishedNotice(res.data.status, res.data.screenReason));
            return;
          }
        } catch {
          /* network down: retry below, or as soon as the browser is back online */
        }
        setSave("offline");
        await Promise.race([wait(Math.min(30_000, 2000 * 2 ** attempt)), new Promise<void>((r) => (wake = r))]);
      }
    };

    (async () => {
      let started: { status: number; data: Record<string, unknown> };
      try {
        started = await postRespondent(token, { intent: "start", ...request() });
      } catch (error) {
        // Offline at load: resume from this device's copy when it has one.
        const cached = readCachedStart(scope);
        if (!cached) throw error;
        started = { status: 200, data: cached };
        setSave("offline");
      }
      const { status, data } = started;
      if (cancelled) return;
      if (status !== 200) return followRedirect(data) ? undefined : setPhase(refusedNotice(data.reason));
      if (typeof data.responseId === "string" && data.responseId !== responseId) {
        responseId = data.responseId;
        adoptResponseId(scope, responseId);
      }
      if (data.status !== "draft") {
        writePendingComplete(scope, null);
        if (followRedirect(data)) return;
        return setPhase(finishedNotice(data.status, data.screenReason));
      }
      writeCachedStart(scope, data);
      const model = new Model(data.survey);
      model.locale = surveyLocale(localeRef.current);
      const local = readSnapshot(scope);
      const serverSeq = Number(data.seq ?? 0);
      const resume = local && local.seq > serverSeq ? local : { answers: data.answers as Record<string, unknown>, pageNo: Number(data.pageNo ?? 0) };
      model.data = resume.answers ?? {};
      const pageNo = Math.min(resume.pageNo, model.visiblePageCount - 1);
      if (pageNo > 0) model.currentPageNo = pageNo;
      saver = new DraftSaver(token, scope, request, setSave, Math.max(serverSeq, local?.seq ?? 0));
      if (local && local.seq > serverSeq) saver.schedule(local.answers, local.pageNo, 0);
      const changed = () => saver?.schedule(answersOf(model), model.currentPageNo);
      model.onValueChanged.add(changed);
      model.onCurrentPageChanged.add(changed);
      model.onComplete.add(() => void submit(answersOf(model)));
      setPhase({ kind: "ready", model });
      // Completed on this device but never acknowledged (the tab closed offline): send it now.
      const pending = readPendingComplete(scope);
      if (pending) {
        model.data = pending;
        model.doComplete();
      }
    })().catch(() => !cancelled && setPhase({ kind: "error" }));
    return () => {
      cancelled = true;
      saver?.stop();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [token, stage, invite]);

  useEffect(() => {
    if (phase.kind === "ready") phase.model.locale = surveyLocale(locale);
  }, [locale, phase]);

  const t = translator(locale, messages[locale] ?? {});
  if (phase.kind === "loading") return <p className="panel">{t("respondent.loading")}</p>;
  if (phase.kind === "error") return <p className="panel error">{t("respondent.error")}</p>;
  if (phase.kind === "notice") return <p className="panel" data-testid={phase.testId}>{t(phase.key)}</p>;
  const state: SaveState = !online && save !== "saved" ? "offline" : save;
  const stateKey = state === "saved" ? "respondent.saved" : state === "saving" ? "respondent.saving" : online ? "respondent.offline" : "respondent.offlineQueued";
  return (
    <>
      <div className="save-state" data-state={state} data-testid="save-state" aria-live="polite">
        {t(stateKey)}
      </div>
      <Survey model={phase.model} />
    </>
  );
}
