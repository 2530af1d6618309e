import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { AuthForm } from "~/components/AuthForm";
import { signIn } from "~/lib/auth/accounts.server";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { safeRedirect } from "~/lib/platform/safe-redirect.server";
import { createUserSession, getUserId } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  return (await getUserId(db, request)) === null ? { i18n: await pageI18n(request, ["auth"]) } : redirect("/studies");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  assertSameOrigin(request);
  const form = await request.formData();
  const result = await signIn(db, form, context.ip ?? "unknown");
  if (!result.ok) return { error: result.error };
  return createUserSession(db, request, result.userId, safeRedirect(form.get("next"), "/studies"));
}

export default function SignIn() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <AuthForm mode="signin" error={data?.error} next={params.get("next") ?? undefined} />;
}
