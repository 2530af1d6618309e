import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors, IntegrationsNav } from "~/components/IntegrationsNav";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { importResponses } from "~/lib/imports/import-responses.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { ImportFileSchema } from "./schema";

/** Import ratings collected elsewhere (editors and owners): a file, checked row by row, all or nothing. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { study: { id: study.id, title: study.title, titleZh: study.titleZh }, role, i18n: await pageI18n(request, ["api"]) };
}

type Problem = { line: number; key: MessageKey; params?: Record<string, string | number> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const submission = parseWithZod(form, { schema: ImportFileSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), imported: null, problems: [] as Problem[], total: 0 }, { status: 400 });
  const outcome = await importResponses(db, study, session.userId, new Uint8Array(await submission.value.file.arrayBuffer()));
  if (!outcome.ok) return data({ result: submission.reply(), imported: null, problems: outcome.problems as Problem[], total: outcome.total }, { status: 422 });
  return { result: submission.reply({ resetForm: true }), imported: outcome.imported, problems: [] as Problem[], total: 0 };
}

export default function ImportResponses() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "import-responses",
    lastResult: reply?.result,
    constraint: getZodConstraint(ImportFileSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportFileSchema }),
  });
  return (
    <>
      <h1>
        {t("import.title")}: {inLocale(locale, page.study.title, page.study.titleZh)}
      </h1>
      <StudyNav studyId={page.study.id} role={page.role} />
      <IntegrationsNav studyId={page.study.id} />
      <section className="panel">
        <p>{t("import.help")}</p>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <CsrfField />
          <label htmlFor={fields.file.id}>{t("import.file")}</label>
          <input {...getInputProps(fields.file, { type: "file" })} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
          <p>
            <button type="submit">{t("import.submit")}</button>
          </p>
        </Form>
        {reply?.imported !== null && reply?.imported !== undefined ? (
          <p className="notice" role="status" data-testid="import-done">
            {t("import.done", { n: reply.imported })}
          </p>
        ) : null}
        {reply && reply.problems.length > 0 ? (
          <div role="alert" data-testid="import-problems">
            <p className="error">{t("import.rejected", { n: reply.total })}</p>
            <ul>
              {reply.problems.map((p, i) => (
                <li key={i}>{`${p.line > 0 ? `${t("import.line", { line: p.line })}: ` : ""}${t(p.key, p.params)}`}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </>
  );
}
