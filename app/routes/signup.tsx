import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { AuthForm } from "~/components/AuthForm";
import { signUp } from "~/lib/auth.server";
import { assertSameOrigin } from "~/lib/csrf.server";
import { getLocale } from "~/lib/locale.server";
import { createUserSession } from "~/lib/session.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await signUp(await request.formData(), await getLocale(request));
  if (!result.ok) return { error: result.error };
  return createUserSession(request, result.userId, "/studies");
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  return <AuthForm mode="signup" error={data?.error} />;
}
