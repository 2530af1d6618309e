import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { useSchemaForm } from "~/components/form-kit";
import { FieldErrors } from "~/components/IntegrationsNav";
import { ListTable, ReplyNotice, RevokeButton } from "~/components/list-and-revoke";
import { useT } from "~/components/use-t";
import { formatDate, type MessageKey } from "~/i18n";
import { apiTokensOf, createApiToken, revokeApiToken } from "~/lib/api/api-tokens.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireSession } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { CreateApiTokenSchema, RevokeApiTokenSchema } from "./schema";

/** The signed-in researcher's personal API tokens: create (shown once), list, revoke. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const session = await requireSession(db, request);
  return { tokens: await apiTokensOf(db, session.userId), i18n: await pageI18n(request, ["api", "auth"]) };
}

type Notice = MessageKey | null;

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  switch (form.get("intent")) {
    case "create": {
      const submission = parseWithZod(form, { schema: CreateApiTokenSchema });
      if (submission.status !== "success") return data({ result: submission.reply(), created: null as string | null, notice: null as Notice }, { status: 400 });
      const { token } = await createApiToken(db, session.userId, submission.value);
      // The token is shown this once: only its SHA-256 is stored.
      return data({ result: submission.reply({ resetForm: true }), created: token as string | null, notice: null as Notice }, { headers: { "Cache-Control": "no-store" } });
    }
    case "revoke": {
      const submission = parseWithZod(form, { schema: RevokeApiTokenSchema });
      const ok = submission.status === "success" && (await revokeApiToken(db, session.userId, submission.value.tokenId));
      return data({ result: null, created: null as string | null, notice: (ok ? "apiTokens.revoked" : "apiTokens.error.notFound") as Notice }, { status: ok ? 200 : 400 });
    }
    default:
      throw new Response("intent requires create or revoke", { status: 400 });
  }
}

export default function ApiTokens() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm("create-api-token", CreateApiTokenSchema, reply?.result, { scope: "read" });
  return (
    <section className="panel">
      <h1>{t("apiTokens.title")}</h1>
      <p>{t("apiTokens.help")}</p>
      {reply?.created ? (
        <div className="notice" role="status">
          <p>{t("apiTokens.createdOnce")}</p>
          <p>
            <code data-testid="new-api-token">{reply.created}</code>
          </p>
        </div>
      ) : null}
      <ReplyNotice notice={reply?.notice} errorPrefix="apiTokens.error" />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <label htmlFor={fields.name.id}>{t("apiTokens.name")}</label>
        <input {...getInputProps(fields.name, { type: "text" })} aria-describedby={`${fields.name.errorId} ${fields.name.id}-hint`} />
        <span className="hint" id={`${fields.name.id}-hint`}>
          {t("apiTokens.nameHint")}
        </span>
        <FieldErrors id={fields.name.errorId} errors={fields.name.errors} />
        <fieldset>
          <legend>{t("apiTokens.scope")}</legend>
          {(["read", "write"] as const).map((scope) => (
            <label key={scope} className="checkbox">
              <input {...getInputProps(fields.scope, { type: "radio", value: scope })} key={scope} /> {t(`apiTokens.scope.${scope}`)}
            </label>
          ))}
          <FieldErrors id={fields.scope.errorId} errors={fields.scope.errors} />
        </fieldset>
        <p>
          <button type="submit">{t("apiTokens.create")}</button>
        </p>
      </Form>
      <ListTable
        testId="api-tokens"
        items={page.tokens}
        empty={t("apiTokens.none")}
        columns={[
          { header: t("apiTokens.col.name"), cell: (token) => token.name },
          { header: t("apiTokens.col.scope"), cell: (token) => token.scope },
          { header: t("apiTokens.col.token"), cell: (token) => <code>{token.prefix}…</code> },
          { header: t("apiTokens.col.created"), cell: (token) => formatDate(locale, token.createdAt) },
          { header: t("apiTokens.col.lastUsed"), cell: (token) => (token.lastUsedAt === null ? t("apiTokens.never") : formatDate(locale, token.lastUsedAt)) },
          {
            header: t("apiTokens.col.state"),
            cell: (token) =>
              token.revokedAt !== null ? (
                t("apiTokens.revokedAt", { date: formatDate(locale, token.revokedAt) })
              ) : (
                <>
                  {t("apiTokens.active")}{" "}
                  <RevokeButton intent="revoke" fields={{ tokenId: token.id }} label={t("apiTokens.revoke")} confirm={t("apiTokens.revokeConfirm")} />
                </>
              ),
          },
        ]}
      />
    </section>
  );
}
