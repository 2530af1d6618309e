import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { InlineForm } from "~/components/InlineForm";
import { useSchemaForm } from "~/components/form-kit";
import { FieldErrors, IntegrationsNav } from "~/components/IntegrationsNav";
import { ListTable, ReplyNotice, RevokeButton } from "~/components/list-and-revoke";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { formatDate, type MessageKey, inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { createWebhookEndpoint, loadWebhooks, removeWebhookEndpoint, replayWebhookDelivery } from "~/lib/webhooks/webhook-endpoints.server";
import { webhookAllowList } from "~/lib/webhooks/webhook-loop.server";
import { AddWebhookSchema, DeleteWebhookSchema, EVENTS, ReplayDeliverySchema } from "./schema";

const FORM_ID = "add-webhook";

/** A study's webhooks: endpoints, their secrets, the delivery log with replay (editors and owners). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { study: { id: study.id, title: study.title, titleZh: study.titleZh }, role, ...(await loadWebhooks(db, study)), i18n: await pageI18n(request, ["api"]) };
}

type Notice = MessageKey | null;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  switch (form.get("intent")) {
    case "add": {
      const submission = parseWithZod(form, { schema: AddWebhookSchema });
      if (submission.status !== "success") return data({ result: submission.reply(), notice: null as Notice }, { status: 400 });
      const made = await createWebhookEndpoint(db, study, session.userId, submission.value, webhookAllowList);
      if (!made.ok) return data({ result: submission.reply({ fieldErrors: { url: [made.error] } }), notice: null as Notice }, { status: 400 });
      return { result: submission.reply({ resetForm: true }), notice: "webhooks.added" as Notice };
    }
    case "delete": {
      const submission = parseWithZod(form, { schema: DeleteWebhookSchema });
      const ok = submission.status === "success" && (await removeWebhookEndpoint(db, study, session.userId, submission.value.endpointId));
      return data({ result: null, notice: (ok ? "webhooks.deleted" : "webhooks.error.notFound") as Notice }, { status: ok ? 200 : 400 });
    }
    case "replay": {
      const submission = parseWithZod(form, { schema: ReplayDeliverySchema });
      const ok = submission.status === "success" && (await replayWebhookDelivery(db, study, session.userId, submission.value.deliveryId));
      return data({ result: null, notice: (ok ? "webhooks.replayed" : "webhooks.error.notFound") as Notice }, { status: ok ? 200 : 400 });
    }
    default:
      throw new Response("intent requires add, delete or replay", { status: 400 });
  }
}

export default function Webhooks() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm(FORM_ID, AddWebhookSchema, reply?.result);
  return (
    <>
      <h1>
        {t("webhooks.title")}: {inLocale(locale, page.study.title, page.study.titleZh)}
      </h1>
      <StudyNav studyId={page.study.id} role={page.role} />
      <IntegrationsNav studyId={page.study.id} />
      <section className="panel">
        <p>{t("webhooks.help")}</p>
        <ReplyNotice notice={reply?.notice} errorPrefix="webhooks.error" />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="add" />
          <label htmlFor={fields.url.id}>{t("webhooks.url")}</label>
          <input {...getInputProps(fields.url, { type: "url" })} placeholder="https://example.com/hooks/valuemap" />
          <FieldErrors id={fields.url.errorId} errors={fields.url.errors} />
          <fieldset>
            <legend>{t("webhooks.events")}</legend>
            {EVENTS.map((event) => (
              <label key={event} className="checkbox">
                <input type="checkbox" name={fields.events.name} value={event} defaultChecked={event === "response.completed"} /> <code>{event}</code>:{" "}
                {t(`webhooks.event.${event}`)}
              </label>
            ))}
            <FieldErrors id={fields.events.errorId} errors={fields.events.errors} />
          </fieldset>
          <p>
            <button type="submit">{t("webhooks.add")}</button>
          </p>
        </Form>
        {page.endpoints.length === 0 ? (
          <p>{t("webhooks.none")}</p>
        ) : (
          <ul className="plain" data-testid="webhook-endpoints">
            {page.endpoints.map((e) => (
              <li key={e.id}>
                <code>{e.url}</code> ({e.events.join(", ")})
                <br />
                {t("webhooks.secret")}: <code>{e.secret}</code>{" "}
                <RevokeButton intent="delete" fields={{ endpointId: e.id }} label={t("webhooks.delete")} confirm={t("webhooks.deleteConfirm")} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>{t("webhooks.log")}</h2>
        <ListTable
          testId="webhook-log"
          items={page.deliveries}
          empty={t("webhooks.logEmpty")}
          columns={[
            { header: t("webhooks.col.created"), cell: (d) => formatDate(locale, d.createdAt) },
            { header: t("webhooks.col.event"), cell: (d) => <code>{d.event}</code> },
            { header: t("webhooks.col.address"), cell: (d) => <code>{d.url}</code> },
            { header: t("webhooks.col.status"), cell: (d) => t(`webhooks.status.${d.status}`) },
            { header: t("webhooks.col.attempts"), cell: (d) => d.attempts },
            { header: t("webhooks.col.last"), cell: (d) => (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "")) },
            { header: null, cell: (d) => <InlineForm intent="replay" fields={{ deliveryId: d.id }} label={t("webhooks.replay")} buttonClassName="link-button" /> },
          ]}
        />
      </section>
    </>
  );
}
