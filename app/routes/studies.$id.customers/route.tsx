// One screen's markup: the customers page's upload, column mapping, parameters and invitation forms (loader and action are thin).
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { CustomerFigures } from "~/components/customers/CustomerFigures";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { inLocale } from "~/i18n";
import { assertSameOrigin, requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireSession } from "~/lib/auth/session.server";
import { parseCustomerGroup, PYRAMID_TIERS, RFM_SEGMENTS } from "~/lib/customers/customer-codes";
import { saveCustomerParameters } from "~/lib/customers/customer-parameters.server";
import { loadCustomersPage } from "~/lib/customers/customers-page.server";
import { guessColumns } from "~/lib/customers/guess-columns";
import { importTransactions, type ImportResult } from "~/lib/customers/import-transactions.server";
import { inviteCustomers, type InviteCustomersResult } from "~/lib/customers/invite-customers.server";
import { getTransactionUpload } from "~/lib/customers/transaction-upload.server";
import { receiveUploadForm } from "~/lib/customers/upload-form.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { ImportSchema, InviteSchema, parametersFromForm, ParametersSchema } from "./schema";

const OPTIONAL_COLUMNS = ["margin", "marginRate", "cost", "account"] as const;
const COLUMNS = ["customerId", "date", "amount", ...OPTIONAL_COLUMNS] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const session = await requireSession(db, request);
  const { study, role } = await requireStudyRole(db, session.userId, params.id, "viewer");
  const uploadId = new URL(request.url).searchParams.get("upload");
  const upload = uploadId && role !== "viewer" ? getTransactionUpload(uploadId, study.id) : null;
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    role,
    page: await loadCustomersPage(db, study),
    upload: upload ? { id: upload.id, fileName: upload.fileName, header: upload.header, preview: upload.preview, rowCount: upload.rowCount, guess: guessColumns(upload.header) } : null,
    uploadMissing: uploadId !== null && !upload,
    imported: Number(new URL(request.url).searchParams.get("imported")) || null,
    i18n: await pageI18n(request, ["customers"]),
  };
}

type ActionData =
  | { intent: "upload"; error: MessageKey; line: number | null }
  | { intent: "import"; lastResult: SubmissionResult<string[]>; result?: ImportResult }
  | { intent: "parameters"; lastResult: SubmissionResult<string[]>; saved?: boolean }
  | { intent: "invite"; lastResult: SubmissionResult<string[]>; result?: InviteCustomersResult };

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const db = await dbOf(context);
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    assertSameOrigin(request);
    const session = await requireSession(db, request);
    const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
    const received = await receiveUploadForm(request, session, study.id);
    if (received.ok) return redirect(`/studies/${study.id}/customers?upload=${received.upload.id}#import`);
    return { intent: "upload", error: `customers.error.upload.${received.reason}` as MessageKey, line: received.line };
  }
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  switch (form.get("intent")) {
    case "import": {
      const submission = parseWithZod(form, { schema: ImportSchema });
      if (submission.status !== "success") return { intent: "import", lastResult: submission.reply() };
      const { uploadId, mode, dateOrder, decimalSeparator, customerId, date, amount, ...optional } = submission.value;
      const result = await importTransactions(db, {
        studyId: study.id,
        userId: session.userId,
        choice: { uploadId, mode, dateOrder, decimalSeparator, columns: { customerId, date, amount, ...optional } },
      });
      if (result.ok) return redirect(`/studies/${study.id}/customers?imported=${result.rows}`);
      return { intent: "import", lastResult: submission.reply(), result };
    }
    case "parameters": {
      const submission = parseWithZod(form, { schema: ParametersSchema });
      if (submission.status !== "success") return { intent: "parameters", lastResult: submission.reply() };
      await saveCustomerParameters(db, study, session.userId, parametersFromForm(submission.value));
      return { intent: "parameters", lastResult: submission.reply(), saved: true };
    }
    case "invite": {
      const submission = parseWithZod(form, { schema: InviteSchema });
      if (submission.status !== "success") return { intent: "invite", lastResult: submission.reply() };
      const result = await inviteCustomers(db, study, session.userId, parseCustomerGroup(submission.value.group)!);
      return { intent: "invite", lastResult: submission.reply(), result };
    }
    default:
      throw new Response("intent requires import, parameters or invite", { status: 400 });
  }
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useT();
  if (!errors?.length) return null;
  return (
    <p id={id} className="error" role="alert">
      {errors.map((e) => t(e as MessageKey)).join(" ")}
    </p>
  );
}

function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useT();
  if (result.ok) return null;
  if (result.reason === "rows-rejected") {
    return (
      <div className="error" role="alert" data-testid="import-rejected">
        <p>
          {t("customers.import.rejected", { n: result.rejectedCount })}{" "}
          {result.rejectedCount > result.rejected.length ? t("customers.import.rejectedShown", { n: result.rejected.length }) : null}
        </p>
        <ul>
          {result.rejected.map((r, i) => (
            <li key={i}>
              {t("customers.import.line", { line: r.line })}:{" "}
              {t(`customers.reject.${r.reason}`, { column: t(`customers.import.column.${r.params.column}`), value: r.params.value ?? "" })}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const key: MessageKey = result.reason === "upload-missing" ? "customers.error.uploadMissing" : `customers.error.${result.reason}`;
  return (
    <p className="error" role="alert" data-testid="import-error">
      {t(key, "name" in result ? { name: result.name } : {})}
    </p>
  );
}

function MappingForm({ upload, actionData }: { upload: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["upload"]>; actionData: ActionData | undefined }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "import-form",
    lastResult: actionData?.intent === "import" ? actionData.lastResult : undefined,
    constraint: undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportSchema }),
    defaultValue: { mode: "replace", dateOrder: "auto", decimalSeparator: "auto", ...upload.guess },
  });
  return (
    <Form method="post" {...getFormProps(form)} data-testid="mapping-form">
      <CsrfField />
      <input type="hidden" name="uploadId" value={upload.id} />
      <h3>{t("customers.import.mapTitle", { file: upload.fileName })}</h3>
      <p className="muted small">{t("customers.import.rows", { n: upload.rowCount })}</p>
      <div className="table-scroll">
        <table className="profile small">
          <caption>{t("customers.import.preview")}</caption>
          <thead>
            <tr>
              {upload.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {upload.preview.map((row, i) => (
              <tr key={i}>
                {upload.header.map((_, j) => (
                  <td key={j}>{row[j] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {COLUMNS.map((column) => {
        const field = fields[column];
        const optional = (OPTIONAL_COLUMNS as readonly string[]).includes(column);
        return (
          <div key={column}>
            <label htmlFor={field.id}>{t(`customers.import.column.${column}`)}</label>
            <select {...getSelectProps(field)} key={field.key}>
              {optional ? <option value="">{t("customers.import.none")}</option> : <option value="" />}
              {upload.header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
            <FieldError id={field.errorId} errors={field.errors} />
          </div>
        );
      })}
      <fieldset>
        <legend>{t("customers.import.mode")}</legend>
        {(["replace", "append"] as const).map((mode) => (
          <label key={mode} className="inline-choice">
            <input {...getInputProps(fields.mode, { type: "radio", value: mode })} key={`${fields.mode.key}-${mode}`} /> {t(`customers.import.mode.${mode}`)}
          </label>
        ))}
        <FieldError id={fields.mode.errorId} errors={fields.mode.errors} />
      </fieldset>
      <label htmlFor={fields.dateOrder.id}>{t("customers.import.dateOrder")}</label>
      <select {...getSelectProps(fields.dateOrder)} key={fields.dateOrder.key}>
        {(["auto", "day-first", "month-first"] as const).map((o) => (
          <option key={o} value={o}>
            {t(`customers.import.dateOrder.${o}`)}
          </option>
        ))}
      </select>
      <label htmlFor={fields.decimalSeparator.id}>{t("customers.import.decimal")}</label>
      <select {...getSelectProps(fields.decimalSeparator)} key={fields.decimalSeparator.key}>
        <option value="auto">{t("customers.import.decimal.auto")}</option>
        <option value=".">{t("customers.import.decimal.dot")}</option>
        <option value=",">{t("customers.import.decimal.comma")}</option>
      </select>
      {actionData?.intent === "import" && actionData.result ? <ImportResultView result={actionData.result} /> : null}
      <p>
        <button type="submit" name="intent" value="import">
          {t("customers.import.submit")}
        </button>
      </p>
    </Form>
  );
}

function ParametersForm({ page, actionData, readOnly }: { page: ReturnType<typeof useLoaderData<typeof loader>>["page"]; actionData: ActionData | undefined; readOnly: boolean }) {
  const { t } = useT();
  const p = page.parameters;
  const percent = (v: number | null) => (v === null ? undefined : String(Math.round(v * 1e8) / 1e6));
  const [form, fields] = useForm({
    id: "parameters-form",
    lastResult: actionData?.intent === "parameters" ? actionData.lastResult : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ParametersSchema }),
    defaultValue: {
      analysisDate: p.analysisDate ?? undefined,
      discountRate: percent(p.discountRate),
      retention: percent(p.retention),
      cost: String(p.cost),
      horizonYears: p.horizonYears === null ? undefined : String(p.horizonYears),
      defaultMarginRate: percent(p.defaultMarginRate),
    },
  });
  const input = (name: "analysisDate" | "discountRate" | "retention" | "cost" | "horizonYears" | "defaultMarginRate", label: MessageKey, help?: string) => {
    const field = fields[name];
    return (
      <div>
        <label htmlFor={field.id}>{t(label)}</label>
        <input {...getInputProps(field as (typeof fields)["analysisDate"], { type: "text" })} key={field.key} inputMode={name === "analysisDate" ? undefined : "decimal"} disabled={readOnly} />
        {help ? <p className="muted small">{help}</p> : null}
        <FieldError id={field.errorId} errors={field.errors} />
      </div>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} data-testid="parameters-form">
      <CsrfField />
      {input("analysisDate", "customers.params.analysisDate", t("customers.params.analysisDateHelp", { date: page.analysisDate ?? "—" }))}
      {input("discountRate", "customers.params.discountRate")}
      {input("retention", "customers.params.retention", t("customers.params.retentionHelp"))}
      {input("cost", "customers.params.cost")}
      {input("horizonYears", "customers.params.horizon", t("customers.params.horizonHelp"))}
      {input("defaultMarginRate", "customers.params.marginRate")}
      {actionData?.intent === "parameters" && actionData.saved ? <p className="notice">{t("customers.params.saved")}</p> : null}
      {readOnly ? null : (
        <p>
          <button type="submit" name="intent" value="parameters">
            {t("customers.params.save")}
          </button>
        </p>
      )}
    </Form>
  );
}

function InviteForm({ studyId, actionData }: { studyId: number; actionData: ActionData | undefined }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "invite-form",
    lastResult: actionData?.intent === "invite" ? actionData.lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    defaultValue: { group: "tier:platinum" },
  });
  const result = actionData?.intent === "invite" ? actionData.result : undefined;
  return (
    <Form method="post" {...getFormProps(form)} data-testid="invite-form">
      <CsrfField />
      <label htmlFor={fields.group.id}>{t("customers.invite.group")}</label>
      <select {...getSelectProps(fields.group)} key={fields.group.key}>
        <optgroup label={t("customers.pyramid.title")}>
          {PYRAMID_TIERS.map((tier) => (
            <option key={tier} value={`tier:${tier}`}>
              {t(`customers.tier.${tier}`)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("customers.segments.title")}>
          {RFM_SEGMENTS.map((s) => (
            <option key={s} value={`segment:${s}`}>
              {t(`customers.segment.${s}`)}
            </option>
          ))}
        </optgroup>
        <option value="silent">{t("customers.invite.silent")}</option>
      </select>
      <FieldError id={fields.group.errorId} errors={fields.group.errors} />
      {result ? (
        <p className={result.ok ? "notice" : "error"} role="status" data-testid="invite-result">
          {result.ok
            ? t("customers.invite.done", { n: result.created, already: result.already })
            : t(`customers.invite.${result.reason}`, { n: result.count ?? 0 })}{" "}
          {result.ok ? <Link to={`/studies/${studyId}/distribution#invitations`}>{t("customers.invite.links")}</Link> : null}
        </p>
      ) : null}
      <p>
        <button type="submit" name="intent" value="invite">
          {t("customers.invite.submit")}
        </button>
      </p>
    </Form>
  );
}

export default function Customers() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, locale } = useT();
  const editor = data.role !== "viewer";
  const imported = data.imported;
  return (
    <>
      <h1>
        {t("customers.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <p className="muted">{t("customers.intro")}</p>
      {editor ? null : <p className="muted small">{t("customers.viewerNote")}</p>}
      {imported ? (
        <p className="notice" role="status" data-testid="import-done">
          {t("customers.import.done", { n: Number(imported) })}
        </p>
      ) : null}

      {editor ? (
        <section className="panel" id="import">
          <h2>{t("customers.import.title")}</h2>
          <p className="muted small">{t("customers.import.help")}</p>
          <Form method="post" encType="multipart/form-data" data-testid="upload-form">
            <CsrfField />
            <label htmlFor="transactions-file">{t("customers.import.file")}</label>
            <input id="transactions-file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
            {actionData?.intent === "upload" ? (
              <p className="error" role="alert" data-testid="upload-error">
                {t(actionData.error, { line: actionData.line ?? "?" })}
              </p>
            ) : null}
            {data.uploadMissing ? (
              <p className="error" role="alert">
                {t("customers.error.uploadMissing")}
              </p>
            ) : null}
            <p>
              <button type="submit">{t("customers.import.upload")}</button>
            </p>
          </Form>
          {data.upload ? <MappingForm upload={data.upload} actionData={actionData} /> : null}
          <h3>{t("customers.import.history")}</h3>
          {data.page.imports.length ? (
            <ul data-testid="import-history">
              {data.page.imports.map((i) => (
                <li key={i.id}>
                  {t("customers.import.historyRow", { file: i.fileName, n: i.rowCount, mode: t(`customers.import.mode.${i.mode}`), date: new Date(Number(i.createdAt)).toISOString().slice(0, 10) })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("customers.import.none.yet")}</p>
          )}
        </section>
      ) : null}

      {data.page.transactions > 0 ? (
        <>
          <section className="panel" id="parameters">
            <h2>{t("customers.params.title")}</h2>
            <p className="muted small">{t("customers.params.help")}</p>
            <ParametersForm page={data.page} actionData={actionData} readOnly={!editor} />
          </section>
          <CustomerFigures page={data.page} />
          {editor ? (
            <section className="panel" id="invite">
              <h2>{t("customers.invite.title")}</h2>
              <p className="muted small">{t("customers.invite.help")}</p>
              <InviteForm studyId={data.study.id} actionData={actionData} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
