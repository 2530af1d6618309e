import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { FormStatus } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { formatDate, inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { loadDashboard, startNextWaveOf } from "~/lib/fieldwork/dashboard.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { done } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { NextWaveSchema } from "./schema";

const NEXT_WAVE = "next-wave";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  return { ...(await loadDashboard(db, study)), role, i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  if (form.get("intent") !== "nextWave") throw new Response("intent requires nextWave", { status: 400 });
  const submission = parseWithZod(form, { schema: NextWaveSchema });
  const { wave } = await startNextWaveOf(db, study, session.userId);
  return done(NEXT_WAVE, submission, { key: "fieldwork.dashboard.waveStarted", params: { wave } });
}

const REFRESH_MS = 10_000;

/** Reloads the dashboard's data every 10 s while the tab is visible. */
function useLiveRefresh() {
  const revalidator = useRevalidator();
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => revalidator.revalidate(), REFRESH_MS);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        revalidator.revalidate();
        start();
      } else stop();
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, []);
}

export default function Fieldwork() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  useLiveRefresh();
  const s = data.stats;
  const maxDay = Math.max(1, ...s.perDay.map((d) => d.complete));
  return (
    <>
      <h1>
        {t("fieldwork.dashboard.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <p className="muted small" aria-live="polite">
        {t(`fieldwork.window.state.${data.state}`)} · {t("fieldwork.dashboard.wave", { wave: data.study.currentWave })} ·{" "}
        {t("fieldwork.dashboard.refreshed", { time: formatDate(locale, data.refreshedAt) })}
      </p>
      <div className="scores" data-testid="dashboard-counts">
        <div className="score">
          <div className="muted small">{t("fieldwork.dashboard.started")}</div>
          <strong data-testid="count-started">{s.started}</strong>
        </div>
        <div className="score">
          <div className="muted small">{t("fieldwork.dashboard.inProgress")}</div>
          <strong data-testid="count-in-progress">{s.inProgress}</strong>
        </div>
        <div className="score">
          <div className="muted small">{t("fieldwork.dashboard.complete")}</div>
          <strong data-testid="count-complete">{s.complete}</strong>
        </div>
        <div className="score">
          <div className="muted small">{t("fieldwork.dashboard.screenedOut")}</div>
          <strong data-testid="count-screened">{s.screenedOut.total}</strong>
        </div>
        <div className="score">
          <div className="muted small">{t("fieldwork.dashboard.flagged")}</div>
          <strong data-testid="count-flagged">{s.flagged.any}</strong>
        </div>
        <div className="score">
          <div className="muted small">{t("fieldwork.dashboard.focusGroup")}</div>
          <strong data-testid="count-focus">
            {s.focusGroup.complete} / {s.focusGroup.started}
          </strong>
        </div>
      </div>
      <div className="dashboard-grid">
        <section className="panel">
          <h2>{t("fieldwork.dashboard.screenedOutBy")}</h2>
          <table className="profile" data-testid="screened-by">
            <tbody>
              {(["screening", "quota_full", "closed", "other"] as const).map((r) => (
                <tr key={r}>
                  <th scope="row">{t(`fieldwork.screen.${r}`)}</th>
                  <td>{s.screenedOut[r]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>{t("fieldwork.dashboard.flaggedBy")}</h2>
          <table className="profile" data-testid="flagged-by">
            <tbody>
              {(["speeder", "straight_liner", "duplicate", "no_competitor"] as const).map((f) => (
                <tr key={f}>
                  <th scope="row">{t(`fieldwork.flag.${f}`)}</th>
                  <td>{s.flagged[f]}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("fieldwork.dashboard.reviewed")}</th>
                <td>{t("fieldwork.dashboard.reviewCounts", { include: s.review.include, exclude: s.review.exclude })}</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>{t("fieldwork.dashboard.quotas")}</h2>
          {s.quotaCells.length === 0 ? <p className="muted">{t("fieldwork.dashboard.noQuotas")}</p> : null}
          <table className="profile" data-testid="quota-cells">
            <tbody>
              {s.quotaCells.map((c) => (
                <tr key={`${c.questionCode}-${c.value}`} className={c.complete >= c.target ? "quota-full" : undefined}>
                  <th scope="row">
                    {inLocale(locale, c.question, c.questionZh)}: {inLocale(locale, c.label, c.labelZh)}
                  </th>
                  <td>
                    {c.complete} / {c.target}
                  </td>
                  <td>
                    <meter min={0} max={c.target} value={Math.min(c.complete, c.target)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>{t("fieldwork.dashboard.perDay")}</h2>
          {s.perDay.length === 0 ? <p className="muted">{t("fieldwork.dashboard.noCompletions")}</p> : null}
          <table className="profile" data-testid="per-day">
            <tbody>
              {s.perDay.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{d.complete}</td>
                  <td>
                    <span className="ratio-bar" style={{ width: `${(100 * d.complete) / maxDay}px` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel wide">
          <h2>{t("fieldwork.dashboard.perWave")}</h2>
          <table className="profile" data-testid="per-wave">
            <thead>
              <tr>
                <th scope="col">{t("fieldwork.responses.wave")}</th>
                <th scope="col">{t("fieldwork.dashboard.started")}</th>
                <th scope="col">{t("fieldwork.dashboard.complete")}</th>
                <th scope="col">{t("fieldwork.dashboard.screenedOut")}</th>
              </tr>
            </thead>
            <tbody>
              {s.perWave.map((w) => (
                <tr key={w.wave}>
                  <th scope="row">{w.wave}</th>
                  <td>{w.started}</td>
                  <td>{w.complete}</td>
                  <td>{w.screenedOut}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.role !== "viewer" ? (
            <>
              <p className="muted small">{t("fieldwork.dashboard.nextWaveHelp", { wave: data.study.currentWave + 1 })}</p>
              <FormStatus id={NEXT_WAVE} />
              <InlineForm intent="nextWave" label={t("fieldwork.dashboard.nextWave", { wave: data.study.currentWave + 1 })} buttonClassName="secondary" />
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}
