/**
 * The respondent page's entry script (a few KB, from /assets, allowed by the page CSP): makes the
 * server-rendered first page a working form before the questionnaire library arrives. It starts
 * (or resumes) the response, saves every answer through the same respondent API as the library
 * (debounced drafts, kept on the phone while offline), checks the required questions on "Next",
 * then loads the questionnaire app (React + SurveyJS, a separate chunk) and hands it the answers:
 * the app goes on from the second page. A respondent who is further on, finished or refused is
 * handed to the app at once, and one who has not touched the plain form when the app arrives gets
 * the app's own first page. No React here.
 */
import { translator } from "~/i18n";
import {
  adoptResponseId,
  DraftSaver,
  PageProof,
  readCachedStart,
  readPendingComplete,
  readSnapshot,
  responseIdFor,
  storageScope,
  writeCachedStart,
  type SaveState,
} from "~/components/response-sync";
import { panelParams } from "~/components/panel-redirect";
import { pageCount, type RespondentPageData } from "./page-data";
import type { Started } from "./started";

const data = JSON.parse(document.getElementById("respondent-data")!.textContent!) as RespondentPageData;
const root = document.getElementById("respondent")!;
const form = document.getElementById("first-page") as HTMLFormElement | null;
const t = translator(data.locale, data.messages[data.locale] ?? {});
const scope = storageScope(data.token, data.stage, data.invite);
let responseId = responseIdFor(scope);
const request = () => ({ responseId, locale: data.locale, stage: data.stage, ...(data.invite ? { invite: data.invite } : {}), ...panelParams() });

const saveEl = root.querySelector<HTMLElement>("[data-testid=save-state]");
const progressEl = root.querySelector<HTMLElement>("[data-testid=progress]");
const barEl = root.querySelector<HTMLElement>(".progress-bar > span");

function showSave(state: SaveState): void {
  if (!saveEl) return;
  saveEl.dataset.state = state;
  saveEl.textContent = t(
    state === "saved" ? "respondent.saved" : state === "saving" ? "respondent.saving" : navigator.onLine ? "respondent.offline" : "respondent.offlineQueued",
  );
}

/** The form's answers as the library stores them (a list for multiple choice, a code for single). */
function formAnswers(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of data.firstPage?.questions ?? []) {
    const chosen = [...form!.querySelectorAll<HTMLInputElement>(`input[name="${q.name}"]`)].filter((i) => i.checked).map((i) => i.value);
    if (q.type === "checkbox" && chosen.length > 0) out[q.name] = chosen;
    if (q.type === "radiogroup" && chosen[0] !== undefined) out[q.name] = chosen[0];
  }
  return out;
}

function fillForm(answers: Record<string, unknown>): void {
  for (const q of data.firstPage?.questions ?? []) {
    const value = answers[q.name];
    const chosen = Array.isArray(value) ? value : [value];
    for (const input of form!.querySelectorAll<HTMLInputElement>(`input[name="${q.name}"]`)) input.checked = chosen.includes(input.value);
  }
}

/** "Page 1 of m": the pages of offers not ticked are skipped. */
function showProgress(): void {
  const known = formAnswers().known_offers;
  const pages = pageCount(data.pageOffers, Array.isArray(known) ? (known as string[]) : []);
  if (progressEl) progressEl.textContent = t("respondent.progress", { page: 1, pages });
  if (barEl) barEl.style.width = `${Math.round(100 / Math.max(1, pages))}%`;
}

/** Every required question answered; else each missing one says so (announced) and takes the focus. */
function validate(): boolean {
  let first: HTMLInputElement | null = null;
  for (const q of data.firstPage?.questions ?? []) {
    const missing = q.required && !form!.querySelector(`input[name="${q.name}"]:checked`);
    const error = document.getElementById(`fp-error-${q.name}`);
    if (error) error.textContent = missing ? t("respondent.required") : "";
    if (missing && !first) first = form!.querySelector<HTMLInputElement>(`input[name="${q.name}"]`);
  }
  first?.focus();
  return first === null;
}

async function start(): Promise<Started> {
  try {
    return { ...(await new PageProof(data.token, data.proof).post<"start">({ intent: "start", ...request() })), offline: false };
  } catch (error) {
    // Offline at load: resume from this phone's copy when it has one.
    const cached = readCachedStart(scope);
    if (!cached) throw error;
    return { status: 200, data: cached, offline: true };
  }
}

let saver: DraftSaver | null = null;
// A choice ticked before this script ran (a slow line) counts as an answer: it is saved, not overwritten.
let touched = form !== null && Object.keys(formAnswers()).length > 0;
let handedOver = false;
const started = start().then(
  (s) => s,
  () => null,
);
/** Links the library's stylesheet; resolves once it applies (or failed: the page still works). */
function linkSurveyStyles(): Promise<void> {
  return new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = data.surveyStyles;
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
}
// The library is fetched once the response is started: the start request goes first on a slow line.
const app = started.then(async () => {
  // By address (a build entry of its own): no module loader helper in this script.
  const [module] = await Promise.all([import(/* @vite-ignore */ data.app) as Promise<typeof import("./survey-app")>, linkSurveyStyles()]);
  return module;
});

/** Gives the page to the questionnaire app: from the second page (`advance`) or where the response is. */
async function handOver(answers: Record<string, unknown> | null): Promise<void> {
  if (handedOver) return;
  handedOver = true;
  // A draft still waiting is superseded: the app saves a newer one at once.
  saver?.stop();
  try {
    const { mount } = await app;
    mount(root, { data, started: await started, firstAnswers: answers, languageHref: root.querySelector<HTMLAnchorElement>("[data-testid=lang-switch]")?.getAttribute("href") ?? "" });
  } catch {
    const next = form?.querySelector<HTMLButtonElement>("button[type=submit]");
    if (next) next.removeAttribute("aria-busy");
    handedOver = false;
    if (saveEl) saveEl.textContent = t("respondent.error");
  }
}

void started.then((s) => {
  const snapshot = readSnapshot(scope);
  const answer = s?.status === 200 && s.data.ok ? s.data : null;
  const serverSeq = answer?.seq ?? 0;
  const resumePage = snapshot && snapshot.seq > serverSeq ? snapshot.pageNo : (answer?.pageNo ?? 0);
  if (!form || !s || !answer || answer.status !== "draft" || resumePage > 0 || readPendingComplete(scope)) return handOver(null);
  if (answer.responseId !== responseId) {
    responseId = answer.responseId;
    adoptResponseId(scope, responseId);
  }
  writeCachedStart(scope, answer);
  if (s.offline) showSave("offline");
  const resume = snapshot && snapshot.seq > serverSeq ? snapshot.answers : answer.answers;
  if (!touched) fillForm(resume);
  showProgress();
  saver = new DraftSaver(data.token, scope, request, showSave, Math.max(serverSeq, snapshot?.seq ?? 0));
  if (touched) saver.schedule(formAnswers(), 0, 0);
});

/**
 * Once the library is here, a respondent who has not started on the plain form gets the
 * library's own first page (the same questions and answers, in place), so the whole
 * questionnaire runs on one implementation as early as possible. One who has started (a tap, a
 * key or a focus in the form) keeps the plain form until "Next": a page is never swapped under
 * a finger. The short wait lets a tap that is on its way land first.
 */
const SETTLE_MS = 1500;
let engaged = false;
if (form) for (const type of ["pointerdown", "keydown", "focusin"]) form.addEventListener(type, () => (engaged = true), { once: true });
void Promise.all([app, started])
  .then(() => new Promise((resolve) => setTimeout(resolve, SETTLE_MS)))
  .then(() => {
    if (!engaged && !touched) void handOver(null);
  })
  .catch(() => undefined);

if (form) {
  form.addEventListener("change", () => {
    touched = true;
    showProgress();
    saver?.schedule(formAnswers(), 0);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!validate()) return;
    form.querySelector("button[type=submit]")?.setAttribute("aria-busy", "true");
    void handOver(formAnswers());
  });
  form.querySelector<HTMLButtonElement>("button[type=submit]")?.removeAttribute("disabled");
}
