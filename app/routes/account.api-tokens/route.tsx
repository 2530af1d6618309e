import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { InlineForm } from "~/components/InlineForm";
import { FieldErrors } from "~/components/IntegrationsNav";
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
  const [form, fields] = useForm({
    id: "create-api-token",
    lastResult: reply?.result ?? undefined,
    constraint: getZodConstraint(CreateApiTokenSchema),
    defaultValue: { scope: "read" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateApiTokenSchema }),
  });
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
      {reply?.notice ? (
        <p className={reply.notice.startsWith("apiTokens.error") ? "error" : "notice"} role="status">
          {t(reply.notice)}
        </p>
      ) : null}
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
      {page.tokens.length === 0 ? (
        <p>{t("apiTokens.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="api-tokens">
            <thead>
              <tr>
                <th>{t("apiTokens.col.name")}</th>
                <th>{t("apiTokens.col.scope")}</th>
                <th>{t("apiTokens.col.token")}</th>
                <th>{t("apiTokens.col.created")}</th>
                <th>{t("apiTokens.col.lastUsed")}</th>
                <th>{t("apiTokens.col.state")}</th>
              </tr>
            </thead>
            <tbody>
              {page.tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{token.scope}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{formatDate(locale, token.createdAt)}</td>
                  <td>{token.lastUsedAt === null ? t("apiTokens.never") : formatDate(locale, token.lastUsedAt)}</td>
                  <td>
                    {token.revokedAt !== null ? (
                      t("apiTokens.revokedAt", { date: formatDate(locale, token.revokedAt) })
                    ) : (
                      <>
                        {t("apiTokens.active")}{" "}
                        <InlineForm
                          intent="revoke"
                          fields={{ tokenId: token.id }}
                          label={t("apiTokens.revoke")}
                          buttonClassName="link-button"
                          confirm={{ message: t("apiTokens.revokeConfirm") }}
                        />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
