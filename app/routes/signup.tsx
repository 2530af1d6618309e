import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { AuthForm } from "~/components/AuthForm";
import { signUp } from "~/lib/auth/accounts.server";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { getLocale } from "~/lib/platform/locale.server";
import { safeRedirect } from "~/lib/platform/safe-redirect.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { createUserSession } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return { i18n: await pageI18n(request, ["auth"]) };
}

/** A new account, then where the visitor was going (`next`: an invitation link, a local path only) or the studies. */
export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  assertSameOrigin(request);
  const form = await request.formData();
  const result = await signUp(db, form, await getLocale(request));
  if (!result.ok) return { error: result.error };
  return createUserSession(db, request, result.userId, safeRedirect(form.get("next"), "/studies"));
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <AuthForm mode="signup" error={data?.error} next={params.get("next") ?? undefined} />;
}
