import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormStatus } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { formatDate, formatNumber, inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { loadResponses, parseResponsesQuery, reviewResponse } from "~/lib/fieldwork/responses.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { answer, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { stageParam } from "../../../surveys/stage";
import { ReviewSchema } from "./schema";

/** Every review button answers under this id (its messages show above the list). */
const REVIEW = "review";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  return { ...(await loadResponses(db, study, parseResponsesQuery(new URL(request.url)))), role, i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  if (form.get("intent") !== "review") throw new Response("intent requires review", { status: 400 });
  const submission = parseWithZod(form, { schema: ReviewSchema });
  if (submission.status !== "success") return refused(REVIEW, submission);
  return answer(REVIEW, submission, await reviewResponse(db, study, session.userId, submission.value), null);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The decisions a response can take now: include, exclude, or back to its flags. */
function ReviewButtons({ id, review }: { id: number; review: "include" | "exclude" | null }) {
  const { t } = useT();
  const button = (decision: "include" | "exclude" | "reset") => (
    <InlineForm intent="review" fields={{ responseId: id, review: decision }} label={t(`fieldwork.review.${decision}`)} buttonClassName="link-button" />
  );
  return (
    <span className="review-buttons">
      {review !== "include" ? button("include") : null} {review !== "exclude" ? button("exclude") : null} {review !== null ? button("reset") : null}
    </span>
  );
}

function Detail({ detail, canReview }: { detail: NonNullable<Data["detail"]>; canReview: boolean }) {
  const { t, locale } = useT();
  const name = (code: string) => detail.names[code] ?? code;
  return (
    <section className="panel" id="detail" data-testid="response-detail">
      <h2>{t("fieldwork.responses.detail", { id: detail.id })}</h2>
      <p>
        {t(`fieldwork.status.${detail.status}`)} · {t(`fieldwork.stage.${detail.stage}`)} v{detail.version} · {t("fieldwork.responses.wave")} {detail.wave} ·{" "}
        {detail.locale}
        {detail.flags.length ? ` · ${detail.flags.map((f) => t(`fieldwork.flag.${f}`)).join(", ")}` : ""}
        {detail.review ? ` · ${t(`fieldwork.review.${detail.review}d`)}` : ""}
      </p>
      {canReview && detail.included !== null ? <ReviewButtons id={detail.id} review={detail.review} /> : null}
      {detail.profile.length ? (
        <>
          <h3>{t("fieldwork.responses.profile")}</h3>
          <ul data-testid="detail-profile">
            {detail.profile.map((p) => (
              <li key={p.code}>
                {inLocale(locale, p.question, p.questionZh)}: {inLocale(locale, p.label, p.labelZh)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.qualityShare !== null ? <p>{t("fieldwork.responses.qualityShare", { share: formatNumber(locale, detail.qualityShare, 0) })}</p> : null}
      {detail.weights.length ? (
        <>
          <h3>{t("fieldwork.responses.weights")}</h3>
          <ul>
            {detail.weights.map((w) => (
              <li key={w.attributeCode}>
                {name(w.attributeCode)}: {formatNumber(locale, w.weight, 0)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.ratings.length ? (
        <>
          <h3>{t("fieldwork.responses.ratings")}</h3>
          <ul>
            {detail.ratings.map((r) => (
              <li key={`${r.offerCode}-${r.attributeCode}`}>
                {name(r.offerCode)} · {name(r.attributeCode)}: {r.score}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.offers.length ? (
        <>
          <h3>{t("fieldwork.responses.offers")}</h3>
          <ul>
            {detail.offers.map((o) => (
              <li key={o.offerCode}>
                {name(o.offerCode)}: {o.known ? t("fieldwork.responses.known") : t("fieldwork.responses.unknown")}
                {o.overall !== null ? ` · ${t("fieldwork.responses.overall")} ${o.overall}` : ""}
                {o.worth !== null ? ` · ${t("fieldwork.responses.worth")} ${o.worth}` : ""}
                {o.chose ? ` · ${t("fieldwork.responses.chose")}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.suggestions.length ? (
        <>
          <h3>{t("fieldwork.focus.suggestions")}</h3>
          <ul data-testid="detail-suggestions">
            {detail.suggestions.map((s, i) => (
              <li key={i}>
                {s.text}
                {s.weight !== null ? ` (${formatNumber(locale, s.weight, 0)})` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>{t("fieldwork.responses.rawAnswers")}</summary>
        <pre className="raw-answers">
          {detail.answers.text}
          {detail.answers.cut ? `\n… (${t("fieldwork.responses.rawCut", { n: detail.answers.storedChars })})` : null}
        </pre>
      </details>
    </section>
  );
}

export default function Responses() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const canReview = data.role !== "viewer";
  const q = data.query;
  const href = (changes: Record<string, string | number | null>) => {
    const params = new URLSearchParams();
    const merged: Record<string, string | number | null> = { status: q.status, stage: q.stage && stageParam(q.stage), page: q.page, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v !== null && v !== "" && !(k === "page" && v === 1)) params.set(k, String(v));
    const s = params.toString();
    return s ? `?${s}` : "?";
  };
  const seconds = (ms: number | null) => (ms === null ? "–" : `${formatNumber(locale, ms / 60000, 1)} min`);
  return (
    <>
      <h1>
        {t("fieldwork.responses.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <FormStatus id={REVIEW} all />
      {data.detail ? <Detail detail={data.detail} canReview={canReview} /> : null}
      <section className="panel">
        <p className="filters">
          {t("fieldwork.responses.filter")}:{" "}
          {([null, "complete", "draft", "screened_out"] as const).map((status) => (
            <span key={status ?? "all"}>
              {q.status === status ? <strong>{status ? t(`fieldwork.status.${status}`) : t("fieldwork.responses.all")}</strong> : <Link to={href({ status, page: 1, show: null })}>{status ? t(`fieldwork.status.${status}`) : t("fieldwork.responses.all")}</Link>}{" "}
            </span>
          ))}
          ·{" "}
          {([null, "rating", "focus_group"] as const).map((stage) => (
            <span key={stage ?? "all"}>
              {q.stage === stage ? <strong>{stage ? t(`fieldwork.stage.${stage}`) : t("fieldwork.responses.allStages")}</strong> : <Link to={href({ stage: stage && stageParam(stage), page: 1, show: null })}>{stage ? t(`fieldwork.stage.${stage}`) : t("fieldwork.responses.allStages")}</Link>}{" "}
            </span>
          ))}
        </p>
        <p data-testid="responses-total">{t("fieldwork.responses.total", { n: data.total })}</p>
        {data.rows.length === 0 ? <p className="muted">{t("fieldwork.responses.none")}</p> : null}
        <div className="table-scroll">
          <table className="profile responses-table" data-testid="responses">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("fieldwork.responses.status")}</th>
                <th scope="col">{t("fieldwork.responses.started")}</th>
                <th scope="col">{t("fieldwork.responses.duration")}</th>
                <th scope="col">{t("fieldwork.responses.wave")}</th>
                <th scope="col">{t("fieldwork.responses.locale")}</th>
                <th scope="col">{t("fieldwork.responses.profile")}</th>
                <th scope="col">{t("fieldwork.responses.flags")}</th>
                <th scope="col">{t("fieldwork.responses.review")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id} data-response={r.id} className={r.included === false ? "excluded" : undefined}>
                  <td>
                    <Link to={href({ show: r.id }) + "#detail"}>{r.id}</Link>
                  </td>
                  <td>
                    {t(`fieldwork.status.${r.status}`)}
                    {r.screenReason ? ` (${t(`fieldwork.screen.${r.screenReason === "screening" || r.screenReason === "quota_full" || r.screenReason === "closed" ? r.screenReason : "other"}`)})` : ""}
                    <div className="muted small">
                      {t(`fieldwork.stage.${r.stage}`)} v{r.version}
                      {r.invitationLabel !== null ? ` · ${r.invitationLabel}` : ""}
                    </div>
                  </td>
                  <td className="small">{formatDate(locale, r.startedAt)}</td>
                  <td>{seconds(r.durationMs)}</td>
                  <td>{r.wave}</td>
                  <td>{r.locale}</td>
                  <td className="small">
                    {r.profile.map((p) => (
                      <div key={p.code}>
                        {p.code}: {inLocale(locale, p.label, p.labelZh)}
                      </div>
                    ))}
                  </td>
                  <td className="flag">{r.flags.map((f) => t(`fieldwork.flag.${f}`)).join(", ")}</td>
                  <td>
                    {r.included === null ? "" : r.review ? t(`fieldwork.review.${r.review}d`) : r.included ? t("fieldwork.review.auto") : t("fieldwork.review.autoOut")}
                    {canReview && r.included !== null ? <ReviewButtons id={r.id} review={r.review} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.pages > 1 ? (
          <p className="pager">
            {q.page > 1 ? <Link to={href({ page: q.page - 1 })}>{t("fieldwork.pager.previous")}</Link> : null}{" "}
            {t("fieldwork.pager.page", { page: q.page, pages: data.pages })}{" "}
            {q.page < data.pages ? <Link to={href({ page: q.page + 1 })}>{t("fieldwork.pager.next")}</Link> : null}
          </p>
        ) : null}
      </section>
    </>
  );
}
