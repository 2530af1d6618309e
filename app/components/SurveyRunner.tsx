// One screen: the respondent's questionnaire and its life cycle (resume, save, offline queue, complete) that the effect wires together.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Model, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
// The library's stylesheet is linked by app/respondent/first-page.ts (app/respondent/survey.css).
import "survey-core/i18n/simplified-chinese";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { followRedirect, panelParams } from "./panel-redirect";
import { RespondentChrome, type SaveDisplay } from "~/respondent/RespondentChrome";
import { surveyLocale, textIn, type RespondentPageData } from "~/respondent/page-data";
import type { Started } from "~/respondent/started";
import type { RespondentFailure, ResponseStatus, ScreenReason } from "~/lib/fieldwork/respondent-contract";
import {
  adoptResponseId,
  DraftSaver,
  PageProof,
  readPendingComplete,
  readSnapshot,
  responseIdFor,
  storageScope,
  writeCachedStart,
  writePendingComplete,
  writeSnapshot,
} from "./response-sync";

type Phase =
  | { kind: "loading" }
  | { kind: "ready"; model: Model }
  | { kind: "notice"; key: MessageKey; testId: string }
  /** a refusal's own message, in the language the page asked in (the server translates refusals) */
  | { kind: "notice"; text: string; testId: string }
  | { kind: "error" };

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
function finishedNotice(status: ResponseStatus | undefined, screenReason: ScreenReason | undefined): Phase {
  if (status === "screened_out" && screenReason === "quota_full") return { kind: "notice", key: "respondent.quotaFull", testId: "quota-full" };
  if (status === "screened_out") return { kind: "notice", key: "respondent.screenedOut", testId: "screened-out" };
  return { kind: "notice", key: "respondent.alreadyDone", testId: "already-done" };
}

/** The test id of each refusal's notice (the others: `refused-<reason>`). */
const noticeIds: Partial<Record<string, string>> = { closed: "closed", device: "device-done", invitation: "unknown-invitation", unpublished: "not-published" };

function refusedNotice(failure: RespondentFailure): Phase {
  // A refusal comes with its message in the page's language (the server translates it, so the
  // page does not carry the refusal texts: bench:respondent-page); an unknown link has no page to show.
  const reason = "reason" in failure ? failure.reason : undefined;
  if (reason && reason !== "unknown" && "message" in failure) return { kind: "notice", text: failure.message, testId: noticeIds[reason] ?? `refused-${reason}` };
  return { kind: "error" };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The page the questionnaire shows in the browser's history (Back goes to the previous page). */
interface PageState {
  vmPage: number;
  vmIndex: number;
}
const pageState = (state: unknown): PageState | null =>
  typeof state === "object" && state !== null && typeof (state as PageState).vmPage === "number" ? (state as PageState) : null;

/** After the page renders: its heading takes the focus, the page opens at its top (below the status bar). */
function focusHeading(): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>(".sd-page__title, .sd-completedpage h3, [data-focus-heading]");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      window.scrollTo(0, 0);
    }),
  );
}

export interface SurveyRunnerProps {
  data: RespondentPageData;
  /** The `start` answer first-page.ts got (null: it failed and this phone has no copy). */
  started: Started | null;
  /** The first page's answers when the respondent left it on the server-rendered form: go on from the second page. */
  firstAnswers: Record<string, unknown> | null;
  languageHref: string;
}

/**
 * The respondent's questionnaire: resumes where they left (this device's copy or the server's,
 * whichever is newer; a personal link resumes its response on any device), saves as they go,
 * queues answers while offline and sends them when the connection returns, completes once. A
 * quota cell found full after the profile questions asked first ends it there. Each page opens
 * at its top with its heading focused; the browser's Back and Forward move between pages.
 */
export default function SurveyRunner({ data, started, firstAnswers, languageHref }: SurveyRunnerProps) {
  const { token, stage, invite } = data;
  const [locale, setLocale] = useState<Locale>(data.locale);
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [save, setSave] = useState<SaveDisplay>("idle");
  const [online, setOnline] = useState(true);
  const [progress, setProgress] = useState<{ page: number; pages: number } | null>(null);
  const [firstPage, setFirstPage] = useState(firstAnswers === null);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    let saver: DraftSaver | null = null;
    let cancelled = false;
    let wake: (() => void) | null = null;
    const scope = storageScope(token, stage, invite);
    let responseId = responseIdFor(scope);
    // Screen and complete carry the page proof (renewed from the server when it has expired).
    const pageProof = new PageProof(token, data.proof);
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
      const body = { intent: "complete", ...request(), answers } as const;
      for (let attempt = 0; !cancelled; attempt++) {
        try {
          const res = await pageProof.post<"complete">(body);
          if (res.status < 500) {
            writePendingComplete(scope, null);
            setSave(res.status === 200 ? "saved" : "offline");
            if (res.status !== 200 || !res.data.ok) return setPhase(res.data.ok ? { kind: "error" } : refusedNotice(res.data));
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
    /** After the profile questions asked first: a full quota cell ends the questionnaire here. */
    const screen = async (model: SurveyModel, done: () => void) => {
      try {
        const res = await pageProof.post<"screen">({ intent: "screen", ...request(), answers: answersOf(model as Model) });
        if (res.status === 200 && res.data.ok && res.data.status === "screened_out") {
          saver?.stop();
          writeSnapshot(scope, null);
          writeCachedStart(scope, null);
          setProgress(null);
          if (followRedirect(res.data)) return;
          setPhase(finishedNotice(res.data.status, res.data.screenReason));
          focusHeading();
          return;
        }
      } catch {
        /* offline: go on; the completion checks the quotas again */
      }
      done();
    };

    const onPop = { current: (_e: PopStateEvent) => {} };
    const popListener = (e: PopStateEvent) => onPop.current(e);
    window.addEventListener("popstate", popListener);

    if (!started) {
      setPhase({ kind: "error" });
    } else {
      const { status, data: body } = started;
      if (started.offline) setSave("offline");
      if (status !== 200 || !body.ok) {
        if (!followRedirect(body)) setPhase(body.ok ? { kind: "error" } : refusedNotice(body));
      } else {
        if (body.responseId !== responseId) {
          responseId = body.responseId;
          adoptResponseId(scope, responseId);
        }
        if (body.status !== "draft") {
          writePendingComplete(scope, null);
          if (!followRedirect(body)) setPhase(finishedNotice(body.status, body.screenReason));
        } else {
          writeCachedStart(scope, body);
          const model = new Model(body.survey);
          // Our own progress, header and focus handling (versions published before issue 15 too).
          model.showTitle = false;
          model.showProgressBar = "off";
          model.autoFocusFirstQuestion = false;
          model.locale = surveyLocale(localeRef.current);
          const local = readSnapshot(scope);
          const serverSeq = body.seq;
          const resume = local && local.seq > serverSeq ? local : { answers: body.answers, pageNo: body.pageNo };
          model.data = { ...resume.answers, ...(firstAnswers ?? {}) };
          const pageNo = firstAnswers ? 0 : Math.min(resume.pageNo, model.visiblePageCount - 1);
          if (pageNo > 0) model.currentPageNo = pageNo;
          saver = new DraftSaver(token, scope, request, setSave, Math.max(serverSeq, local?.seq ?? 0));
          if (local && local.seq > serverSeq) saver.schedule(local.answers, local.pageNo, 0);
          const sync = () => {
            const page = model.currentPage;
            setProgress(model.state === "running" && page ? { page: page.visibleIndex + 1, pages: model.visiblePageCount } : null);
            setFirstPage(model.state === "running" && (page?.visibleIndex ?? 0) === 0);
          };
          let fromHistory = false;
          let index = pageState(history.state)?.vmIndex ?? 0;
          history.replaceState({ ...(history.state as object), vmPage: model.currentPageNo, vmIndex: index }, "");
          model.onValueChanged.add(() => {
            saver?.schedule(answersOf(model), model.currentPageNo);
            sync();
          });
          model.onCurrentPageChanged.add((_, options) => {
            saver?.schedule(answersOf(model), model.currentPageNo);
            sync();
            focusHeading();
            if (fromHistory) return;
            if (options.isPrevPage && index > 0) {
              // The questionnaire's own "Previous": step the browser's history back with it.
              fromHistory = true;
              history.back();
            } else {
              index += 1;
              history.pushState({ vmPage: model.currentPageNo, vmIndex: index }, "");
            }
          });
          onPop.current = (event) => {
            const target = pageState(event.state);
            if (fromHistory) {
              fromHistory = false;
              if (target) index = target.vmIndex;
              return;
            }
            if (!target || model.state !== "running") return;
            index = target.vmIndex;
            fromHistory = true;
            if (target.vmPage < model.currentPageNo) model.currentPageNo = target.vmPage;
            // Forward only as far as the pages in between are valid.
            while (model.currentPageNo < target.vmPage && model.nextPage()) {
              /* one page at a time */
            }
            fromHistory = false;
            if (model.currentPageNo !== target.vmPage) history.replaceState({ vmPage: model.currentPageNo, vmIndex: index }, "");
          };
          model.onServerValidateQuestions.add((sender, options) => {
            if (stage === "rating" && sender.currentPage?.name === "profile_first") void screen(sender, options.complete);
            else options.complete();
          });
          model.onComplete.add(() => {
            sync();
            focusHeading();
            void submit(answersOf(model));
          });
          sync();
          setPhase({ kind: "ready", model });
          // Completed on this device but never acknowledged (the tab closed offline): send it now.
          const pending = readPendingComplete(scope);
          if (pending) {
            model.data = pending;
            model.doComplete();
          } else if (firstAnswers) {
            // Left the server-rendered first page: on to the second (screening triggers apply).
            model.performNext();
          }
        }
      }
    }
    return () => {
      cancelled = true;
      saver?.stop();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("popstate", popListener);
    };
    // The props never change: the app is mounted once per page.
  }, [token, stage, invite, started, firstAnswers]);

  useEffect(() => {
    if (phase.kind === "ready") phase.model.locale = surveyLocale(locale);
    document.documentElement.lang = locale;
    document.getElementById("respondent")?.setAttribute("lang", locale);
  }, [locale, phase]);

  // The sticky status bar never hides the focused element (WCAG 2.4.11): scrolling keeps clear of it.
  useLayoutEffect(() => {
    const bar = document.querySelector<HTMLElement>(".status-bar");
    if (bar) document.documentElement.style.scrollPaddingTop = `${bar.offsetHeight + 8}px`;
  });

  const switchLanguage = (to: Locale) => {
    setLocale(to);
    const url = new URL(location.href);
    url.searchParams.set("lang", to);
    history.replaceState(history.state, "", url);
  };

  const t = translator(locale, data.messages[locale] ?? {});
  // The questionnaire's own title and description (SurveyJS localisable texts of its JSON).
  type SurveyTexts = { title?: Parameters<typeof textIn>[0]; description?: Parameters<typeof textIn>[0] };
  const survey = started?.data.ok ? (started.data.survey as SurveyTexts) : undefined;
  const state: SaveDisplay = !online && save !== "saved" && save !== "idle" ? "offline" : save;
  const saveText =
    state === "idle" ? "" : t(state === "saved" ? "respondent.saved" : state === "saving" ? "respondent.saving" : online ? "respondent.offline" : "respondent.offlineQueued");
  const other = data.languages.find((l) => l !== locale);
  const href = other ? languageHref.replace(/lang=[^&]*/, `lang=${other}`) : languageHref;
  return (
    <>
      <RespondentChrome
        t={t}
        locale={locale}
        languages={data.languages}
        progress={phase.kind === "ready" || phase.kind === "loading" ? progress : null}
        save={state}
        saveText={saveText}
        title={textIn(survey?.title, locale) || (data.titles[locale] ?? "")}
        description={textIn(survey?.description, locale) || (data.descriptions[locale] ?? "")}
        collapsed={!firstPage || phase.kind === "notice"}
        languageHref={href}
        onSwitchLanguage={switchLanguage}
      />
      <div lang={locale}>
        {phase.kind === "loading" ? (
          <p className="panel">{t("respondent.loading")}</p>
        ) : phase.kind === "error" ? (
          <p className="panel error" role="alert">
            {t("respondent.error")}
          </p>
        ) : phase.kind === "notice" ? (
          <p className="panel notice-panel" data-testid={phase.testId} data-focus-heading>
            {"text" in phase ? phase.text : t(phase.key)}
          </p>
        ) : (
          <Survey model={phase.model} />
        )}
      </div>
    </>
  );
}
