import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FieldError, FormFields, FormStatus, useIntentForm } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { formatDate, formatNumber, inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { SuggestionMergeForm, MERGE_MANY } from "~/components/SuggestionMergeForm";
import { adoptWeights, dropWeights, loadFocusGroup, mergeSuggestion, mergeSuggestions, type FocusGroupResult } from "~/lib/fieldwork/focus-group.server";
import { MergeSuggestionsSchema } from "~/lib/fieldwork/merge-suggestions-schema";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { answer, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { MergeSuggestionSchema, WeightsSchema } from "./schema";

/** The adopt and drop buttons answer under this id; each suggestion's form under `merge-<n>`. */
const WEIGHTS = "weights";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { ...(await loadFocusGroup(db, study)), role, i18n: await pageI18n(request, ["design"]) };
}

const notice = (result: FocusGroupResult) => (result.ok ? { key: result.notice } : null);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  switch (form.get("intent")) {
    case "merge": {
      const formId = String(form.get("formId") ?? "merge");
      const submission = parseWithZod(form, { schema: MergeSuggestionSchema });
      if (submission.status !== "success") return refused(formId, submission);
      const result = await mergeSuggestion(db, study, session.userId, submission.value);
      return answer(formId, submission, result, notice(result));
    }
    case "mergeMany": {
      const submission = parseWithZod(form, { schema: MergeSuggestionsSchema });
      if (submission.status !== "success") return refused(MERGE_MANY, submission);
      const result = await mergeSuggestions(db, study, session.userId, submission.value);
      return answer(MERGE_MANY, submission, result, notice(result));
    }
    case "adopt":
    case "drop": {
      const submission = parseWithZod(form, { schema: WeightsSchema });
      const result = form.get("intent") === "adopt" ? await adoptWeights(db, study, session.userId) : await dropWeights(db, study, session.userId);
      return answer(WEIGHTS, submission, result, notice(result));
    }
    default:
      throw new Response("intent requires merge, adopt or drop", { status: 400 });
  }
}

/** A suggestion's form: added to the attributes under a name (edited from the text) and a kind. */
function MergeForm({ id, text }: { id: string; text: string }) {
  const { t } = useT();
  const [form, fields] = useIntentForm(id, MergeSuggestionSchema, { name: text.slice(0, 120), kind: "quality" });
  return (
    <Form method="post" className="row-form" {...getFormProps(form)}>
      <FormFields id={id} intent="merge" />
      <label>
        {t("study.name")}
        <input {...getInputProps(fields.name, { type: "text" })} />
        <FieldError id={fields.name.errorId} errors={fields.name.errors} />
      </label>
      <label>
        {t("study.nameZh")}
        <input {...getInputProps(fields.nameZh, { type: "text" })} />
        <FieldError id={fields.nameZh.errorId} errors={fields.nameZh.errors} />
      </label>
      <label>
        {t("study.kind")}
        <select {...getSelectProps(fields.kind)}>
          <option value="quality">{t("study.kind.quality")}</option>
          <option value="price">{t("study.kind.price")}</option>
        </select>
        <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
      </label>
      <button type="submit" className="secondary">
        {t("fieldwork.focus.merge")}
      </button>
      <FormStatus id={id} />
    </Form>
  );
}

export default function FocusGroup() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const num = (v: number | null, d = 1) => (v === null ? "–" : formatNumber(locale, v, d));
  const name = (a: { name: string; nameZh: string | null }) => (inLocale(locale, a.name, a.nameZh));
  return (
    <>
      <h1>
        {t("fieldwork.focus.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
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
        <FormStatus id={WEIGHTS} all />
        <InlineForm intent="adopt" label={t("fieldwork.focus.adopt")} disabled={!data.adoptable.ok} />{" "}
        {data.stated ? <InlineForm intent="drop" label={t("fieldwork.focus.drop")} buttonClassName="secondary" /> : null}
        {!data.adoptable.ok ? <p className="muted small">{t(`fieldwork.focus.notAdoptable.${data.adoptable.reason}`)}</p> : null}
      </section>
      <section className="panel">
        <h2>{t("fieldwork.focus.suggestions")}</h2>
        {data.suggestions.length === 0 ? <p className="muted">{t("fieldwork.focus.noSuggestions")}</p> : null}
        {/* A merge posted without its form's id (a script) is answered here. */}
        <FormStatus id="merge" all />
        <ul className="suggestions" data-testid="suggestions">
          {data.suggestions.map((s, i) => (
            <li key={s.text}>
              <span className="suggestion-text">{s.text}</span>{" "}
              <span className="muted small">
                {t("fieldwork.focus.suggestionCount", { n: s.count })}
                {s.meanPoints !== null ? ` · ${t("fieldwork.focus.suggestionPoints", { points: num(s.meanPoints) })}` : ""}
              </span>
              <MergeForm id={`merge-${i}`} text={s.text} />
            </li>
          ))}
        </ul>
        {data.suggestions.length > 1 ? <SuggestionMergeForm suggestions={data.suggestions} /> : null}
      </section>
    </>
  );
}
