import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { InlineForm } from "~/components/InlineForm";
import { ScenarioPageView } from "~/components/scenarios/ScenarioPageView";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { i18nFor, translate } from "~/i18n/messages.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { getLocale } from "~/lib/platform/locale.server";
import { saveStudyPrices, saveStudyWaveShares } from "~/lib/report/market-data.server";
import { loadScenarioPage, parseScenarioPageQuery, scenarioContext, scenarioPageQuery, showScenario } from "~/lib/report/scenario-page.server";
import { deleteStudyScenario, saveStudyScenario } from "~/lib/report/scenario-store.server";
import scenarioStyles from "~/styles/scenarios.css?url";
import { PricesForm, WaveSharesForm } from "./MarketDataForms";
import { ScenarioEditor } from "./ScenarioEditor";
import { DeleteScenarioSchema, formOfScenario, PricesFormSchema, scenarioOfForm, ScenarioFormSchema, WaveSharesFormSchema } from "./schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: scenarioStyles }];

/**
 * What-if scenarios of a study (issue 20): every member reads them (base and scenario maps,
 * shares of preference, value leads share, downloads); editors create, preview, save and delete
 * scenarios and enter the market data (actual prices, shares per wave).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const options = parseScenarioPageQuery(url.searchParams, study);
  const page = await loadScenarioPage(db, study, locale, options);
  const canEdit = role !== "viewer";
  const editing = canEdit && options.edit !== null ? (page.saved.find((s) => s.id === options.edit && s.scenario !== null) ?? null) : null;
  const draft = editing?.scenario ?? (options.tryFairPrice ? page.fairPriceScenario : null);
  const savedId = Number(url.searchParams.get("saved"));
  const saved = page.saved.find((s) => s.id === savedId);
  return {
    page,
    role,
    canEdit,
    editor: draft ? formOfScenario(draft) : null,
    editorKey: `${editing ? `edit-${editing.id}` : options.tryFairPrice ? "fair-price" : "new"}-${page.saved.length}`,
    editingName: editing?.name ?? null,
    notice: saved ? translate(locale, "scenarios.editor.saved", { name: saved.name }) : url.searchParams.get("deleted") === "1" ? translate(locale, "scenarios.deleted") : null,
    surveyed: page.valueLeads.surveyed,
    i18n: i18nFor(locale, ["scenarios", "report"]),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const url = new URL(request.url);
  const options = parseScenarioPageQuery(url.searchParams, study);
  const here = (extra: Record<string, string> = {}, compare = options.compare) => {
    const query = new URLSearchParams(scenarioPageQuery({ ...options, compare, tryFairPrice: false }));
    for (const [k, v] of Object.entries(extra)) query.set(k, v);
    return `/studies/${study.id}/scenarios?${query.toString()}`;
  };
  const intent = form.get("intent");

  if (intent === "delete") {
    const submission = parseWithZod(form, { schema: DeleteScenarioSchema });
    if (submission.status !== "success") return data({ form: "delete" as const, result: submission.reply(), preview: null }, { status: 400 });
    const deleted = await deleteStudyScenario(db, study, session.userId, submission.value.id);
    if (!deleted) return data({ form: "delete" as const, result: submission.reply({ formErrors: ["scenarios.error.notFound"] }), preview: null }, { status: 404 });
    return redirect(here({ deleted: "1" }, options.compare.filter((id) => id !== submission.value.id)));
  }
  if (intent === "prices") {
    const submission = parseWithZod(form, { schema: PricesFormSchema });
    if (submission.status !== "success") return data({ form: "prices" as const, result: submission.reply(), preview: null }, { status: 400 });
    await saveStudyPrices(db, study, session.userId, submission.value.prices);
    return { form: "prices" as const, result: submission.reply(), preview: null, saved: translate(await getLocale(request), "scenarios.market.saved") };
  }
  if (intent === "waveShares") {
    const submission = parseWithZod(form, { schema: WaveSharesFormSchema });
    if (submission.status !== "success") return data({ form: "waveShares" as const, result: submission.reply(), preview: null }, { status: 400 });
    await saveStudyWaveShares(db, study, session.userId, submission.value.waves);
    return { form: "waveShares" as const, result: submission.reply(), preview: null, saved: translate(await getLocale(request), "scenarios.market.saved") };
  }
  if (intent !== null && intent !== "preview" && intent !== "save") {
    throw new Response("intent requires preview, save, delete, prices or waveShares", { status: 400 });
  }

  // The editor: preview or save (or one of conform's add/remove row requests, answered in place).
  const submission = parseWithZod(form, { schema: ScenarioFormSchema });
  if (submission.status === undefined) return { form: "scenario" as const, result: submission.reply(), preview: null };
  if (submission.status !== "success") return data({ form: "scenario" as const, result: submission.reply(), preview: null }, { status: 400 });
  const scenario = scenarioOfForm(submission.value);
  if (submission.value.intent === "save") {
    const saved = await saveStudyScenario(db, study, session.userId, scenario);
    if (!saved.ok) {
      const fieldErrors = Object.fromEntries(saved.problems.map((p) => [`${p.list}[${p.index}].${p.field}`, [p.message]]));
      return data({ form: "scenario" as const, result: submission.reply({ fieldErrors }), preview: null }, { status: 400 });
    }
    return redirect(here({ saved: String(saved.id) }, [saved.id, ...options.compare.filter((id) => id !== saved.id)].slice(0, 3)));
  }
  const locale = await getLocale(request);
  const context_ = await scenarioContext(db, study, locale, options);
  return { form: "scenario" as const, result: submission.reply(), preview: showScenario(context_, scenario, { key: "draft" }) };
}

export default function Scenarios() {
  const data_ = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  const { page, canEdit } = data_;
  const back = `?${page.query}`;
  const lastResult = (name: string) => (result && result.form === name ? (result.result as Parameters<typeof PricesForm>[0]["lastResult"]) : undefined);
  const marketNotice = result && "saved" in result ? result.saved : null;
  return (
    <>
      <h1>
        {t("scenarios.title")}: {page.study.title}
      </h1>
      <StudyNav studyId={page.study.id} role={data_.role} />
      {!canEdit ? <p className="muted small">{t("scenarios.readOnly")}</p> : null}
      <ScenarioPageView
        page={page}
        exportBase={`/studies/${page.study.id}/scenarios/export`}
        notice={data_.notice}
        preview={result?.preview ?? null}
        editor={
          canEdit && page.offers.length > 0 ? (
            <ScenarioEditor
              key={data_.editorKey}
              choices={{ offers: page.offers, attributes: page.attributes }}
              initial={data_.editor}
              lastResult={lastResult("scenario")}
              title={data_.editingName ? t("scenarios.editor.edit", { name: data_.editingName }) : t("scenarios.editor.new")}
            />
          ) : null
        }
        savedActions={
          canEdit
            ? (s) => (
                <>
                  {s.scenario ? (
                    <Link to={`${back}&edit=${s.id}`} className="small" data-testid={`edit-${s.id}`}>
                      {t("scenarios.saved.edit")}
                    </Link>
                  ) : null}{" "}
                  <InlineForm
                    intent="delete"
                    fields={{ id: s.id }}
                    label={t("scenarios.saved.delete")}
                    buttonClassName="link-button"
                    confirm={{ message: <p>{t("scenarios.saved.deleteConfirm", { name: s.name })}</p>, button: t("scenarios.saved.deleteButton") }}
                    testId={`delete-${s.id}`}
                  />
                </>
              )
            : undefined
        }
        market={
          canEdit ? (
            <section className="panel no-print" data-section="market" aria-labelledby="h-market">
              <h2 id="h-market">{t("scenarios.market.title")}</h2>
              {marketNotice ? (
                <p className="notice" role="status">
                  {marketNotice}
                </p>
              ) : null}
              <PricesForm offers={page.offers} lastResult={lastResult("prices")} />
              <WaveSharesForm offers={page.offers} table={page.waveShares} surveyed={data_.surveyed} lastResult={lastResult("waveShares")} />
            </section>
          ) : null
        }
      />
    </>
  );
}
