import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "~/components/form-kit";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { loadMethodsPage, saveMethods } from "~/lib/design/study-methods.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { answer, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { methodsOf, MethodsSchema } from "./schema";
import { inLocale } from "~/i18n";

/** The form answers under this id. */
const FORM = "methods";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { ...(await loadMethodsPage(db, study)), role, i18n: await pageI18n(request, ["methods"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  if (form.get("intent") !== "save") throw new Response("intent requires save", { status: 400 });
  const submission = parseWithZod(form, { schema: MethodsSchema });
  if (submission.status !== "success") return refused(FORM, submission);
  const result = await saveMethods(db, study, session.userId, methodsOf(submission.value));
  return answer(FORM, submission, result, { key: "methods.saved" });
}

export default function Methods() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const m = data.methods;
  const [form, fields] = useIntentForm(FORM, MethodsSchema, {
    focusGroupQuality: m.importance.focusGroup.quality,
    focusGroupPrice: m.importance.focusGroup.price,
    ratingQuality: m.importance.rating.quality,
    ratingPrice: m.importance.rating.price,
    maxDiffPerTask: m.maxDiffPerTask,
    priceResearch: m.priceResearch !== null,
    currency: data.prices.currency,
    priceMin: data.prices.min ?? undefined,
    priceMax: data.prices.max ?? undefined,
    likelihoods: data.prices.likelihoods,
    ladder: data.prices.ladder.join(", "),
  });
  const importance = (field: typeof fields.ratingQuality, label: string) => (
    <label>
      {label}
      <select {...getSelectProps(field)}>
        <option value="points">{t("methods.option.points")}</option>
        <option value="maxdiff">{t("methods.option.maxdiff")}</option>
      </select>
      <FieldError id={field.errorId} errors={field.errors} />
    </label>
  );
  return (
    <>
      <h1>
        {t("methods.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <p className="muted">{t("methods.help")}</p>
      <Form method="post" {...getFormProps(form)} data-testid="methods-form">
        <FormFields id={FORM} intent="save" />
        <section className="panel">
          <h2>{t("methods.importance")}</h2>
          <p className="muted small">{t("methods.importanceHelp")}</p>
          <p className="small" data-testid="attribute-counts">
            {t("methods.counts", { quality: data.counts.quality, price: data.counts.price })}
          </p>
          <fieldset>
            <legend>{t("methods.stage.focusGroup")}</legend>
            {importance(fields.focusGroupQuality, t("methods.kind.quality"))}
            {importance(fields.focusGroupPrice, t("methods.kind.price"))}
          </fieldset>
          <fieldset>
            <legend>{t("methods.stage.rating")}</legend>
            {importance(fields.ratingQuality, t("methods.kind.quality"))}
            {importance(fields.ratingPrice, t("methods.kind.price"))}
          </fieldset>
          <label>
            {t("methods.perTask")}
            <select {...getSelectProps(fields.maxDiffPerTask)} aria-describedby={`${fields.maxDiffPerTask.id}-hint`}>
              {[3, 4, 5, 6].map((k) => (
                <option key={k} value={String(k)}>
                  {k}
                </option>
              ))}
            </select>
            <Hint id={`${fields.maxDiffPerTask.id}-hint`}>{t("methods.perTaskHelp")}</Hint>
            <FieldError id={fields.maxDiffPerTask.errorId} errors={fields.maxDiffPerTask.errors} />
          </label>
        </section>
        <section className="panel">
          <h2>{t("methods.price")}</h2>
          <p className="muted small">{t("methods.priceHelp")}</p>
          <label className="check">
            <input {...getInputProps(fields.priceResearch, { type: "checkbox" })} /> {t("methods.priceOn")}
          </label>
          <label>
            {t("methods.currency")}
            <input {...getInputProps(fields.currency, { type: "text" })} />
            <FieldError id={fields.currency.errorId} errors={fields.currency.errors} />
          </label>
          <label>
            {t("methods.priceMin")}
            <input {...getInputProps(fields.priceMin, { type: "number" })} step="any" inputMode="decimal" />
            <FieldError id={fields.priceMin.errorId} errors={fields.priceMin.errors} />
          </label>
          <label>
            {t("methods.priceMax")}
            <input {...getInputProps(fields.priceMax, { type: "number" })} step="any" inputMode="decimal" />
            <FieldError id={fields.priceMax.errorId} errors={fields.priceMax.errors} />
          </label>
          <label className="check">
            <input {...getInputProps(fields.likelihoods, { type: "checkbox" })} /> {t("methods.likelihoods")}
          </label>
          <label>
            {t("methods.ladder")}
            <input {...getInputProps(fields.ladder, { type: "text" })} inputMode="decimal" aria-describedby={`${fields.ladder.id}-hint`} />
            <Hint id={`${fields.ladder.id}-hint`}>{t("methods.ladderHelp")}</Hint>
            <FieldError id={fields.ladder.errorId} errors={fields.ladder.errors} />
          </label>
        </section>
        <p>
          <button type="submit">{t("methods.save")}</button>
        </p>
        <FormStatus id={FORM} />
      </Form>
    </>
  );
}
