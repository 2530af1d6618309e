import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { formatDate, formatNumber } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { parseWithZod } from "@conform-to/zod";
import { SuggestionMergeForm } from "~/components/SuggestionMergeForm";
import { adoptWeights, dropWeights, loadFocusGroup, mergeSuggestion, mergeSuggestions } from "~/lib/fieldwork/focus-group.server";
import { MergeSuggestionsSchema } from "~/lib/fieldwork/merge-suggestions-schema";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { ...(await loadFocusGroup(db, study)), role, i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  switch (form.get("intent")) {
    case "merge":
      return mergeSuggestion(db, study, session.userId, form);
    case "mergeMany": {
      const submission = parseWithZod(form, { schema: MergeSuggestionsSchema });
      if (submission.status !== "success") return { ok: false as const, error: "fieldwork.focus.mergePick" as const };
      return mergeSuggestions(db, study, session.userId, submission.value);
    }
    case "adopt":
      return adoptWeights(db, study, session.userId);
    case "drop":
      return dropWeights(db, study, session.userId);
    default:
      throw new Response("intent requires merge, adopt or drop", { status: 400 });
  }
}

export default function FocusGroup() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const num = (v: number | null, d = 1) => (v === null ? "–" : formatNumber(locale, v, d));
  const name = (a: { name: string; nameZh: string | null }) => (locale === "zh-CN" && a.nameZh ? a.nameZh : a.name);
  return (
    <>
      <h1>
        {t("fieldwork.focus.title")}: {locale === "zh-CN" && data.study.titleZh ? data.study.titleZh : data.study.title}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      {result ? (
        result.ok ? (
          <p className="notice">{t(result.notice)}</p>
        ) : (
          <p className="error" role="alert">
            {t(result.error)}
          </p>
        )
      ) : null}
      <section className="panel">
        <p>
          {data.published
            ? t("fieldwork.focusPublish.published", { version: data.published.version, date: formatDate(locale, data.published.publishedAt) })
            : t("fieldwork.focusPublish.notPublished")}{" "}
          <strong data-testid="focus-n">{t("fieldwork.focus.n", { n: data.n })}</strong>
        </p>
        <p className="muted small">{t("fieldwork.focus.help")}</p>
      </section>
      <section className="panel">
        <h2>{t("fieldwork.focus.weights")}</h2>
        <div className="table-scroll">
          <table className="profile" data-testid="focus-weights">
            <thead>
              <tr>
                <th scope="col">{t("report.attribute")}</th>
                <th scope="col">{t("study.kind")}</th>
                <th scope="col">{t("fieldwork.focus.mean")}</th>
                <th scope="col">{t("fieldwork.focus.sd")}</th>
                <th scope="col">n</th>
                <th scope="col">{t("fieldwork.focus.matters")}</th>
                <th scope="col">{t("fieldwork.focus.adoptable")}</th>
              </tr>
            </thead>
            <tbody>
              {data.attributes.map((a) => (
                <tr key={a.code} data-code={a.code}>
                  <th scope="row">{name(a)}</th>
                  <td>{t(a.kind === "quality" ? "study.kind.quality" : "study.kind.price")}</td>
                  <td>{num(a.mean)}</td>
                  <td>{num(a.sd)}</td>
                  <td>{a.n}</td>
                  <td>{a.mattersShare === null ? "–" : `${formatNumber(locale, a.mattersShare * 100, 0)} %`}</td>
                  <td>{data.adoptable.ok ? num(data.adoptable.weights[a.code] ?? 0) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p data-testid="focus-split">
          {t("fieldwork.focus.split", { mean: num(data.split.mean), sd: num(data.split.sd), n: data.split.n })}
        </p>
        {data.stated ? (
          <p className="notice" data-testid="stated-weights">
            {t("fieldwork.focus.statedActive", { share: num(data.stated.qualityShare) })}
          </p>
        ) : (
          <p className="muted">{t("fieldwork.focus.statedNone")}</p>
        )}
        <Form method="post" className="inline">
          <CsrfField />
          <button type="submit" name="intent" value="adopt" disabled={!data.adoptable.ok}>
            {t("fieldwork.focus.adopt")}
          </button>{" "}
          {data.stated ? (
            <button type="submit" name="intent" value="drop" className="secondary">
              {t("fieldwork.focus.drop")}
            </button>
          ) : null}
        </Form>
        {!data.adoptable.ok ? <p className="muted small">{t(`fieldwork.focus.notAdoptable.${data.adoptable.reason}`)}</p> : null}
      </section>
      <section className="panel">
        <h2>{t("fieldwork.focus.suggestions")}</h2>
        {data.suggestions.length === 0 ? <p className="muted">{t("fieldwork.focus.noSuggestions")}</p> : null}
        <ul className="suggestions" data-testid="suggestions">
          {data.suggestions.map((s) => (
            <li key={s.text}>
              <span className="suggestion-text">{s.text}</span>{" "}
              <span className="muted small">
                {t("fieldwork.focus.suggestionCount", { n: s.count })}
                {s.meanPoints !== null ? ` · ${t("fieldwork.focus.suggestionPoints", { points: num(s.meanPoints) })}` : ""}
              </span>
              <Form method="post" className="row-form">
                <CsrfField />
                <label>
                  {t("study.name")}
                  <input type="text" name="name" defaultValue={s.text.slice(0, 120)} maxLength={120} required />
                </label>
                <label>
                  {t("study.nameZh")}
                  <input type="text" name="nameZh" maxLength={120} />
                </label>
                <label>
                  {t("study.kind")}
                  <select name="kind" defaultValue="quality">
                    <option value="quality">{t("study.kind.quality")}</option>
                    <option value="price">{t("study.kind.price")}</option>
                  </select>
                </label>
                <button type="submit" name="intent" value="merge" className="secondary">
                  {t("fieldwork.focus.merge")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {data.suggestions.length > 1 ? <SuggestionMergeForm suggestions={data.suggestions} /> : null}
      </section>
    </>
  );
}
