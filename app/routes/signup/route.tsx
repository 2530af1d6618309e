import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { AuthForm } from "~/components/AuthForm";
import { signUp } from "~/lib/auth/accounts.server";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { getLocale } from "~/lib/platform/locale.server";
import { safeRedirect } from "~/lib/platform/safe-redirect.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { readForm } from "~/lib/platform/read-form.server";
import { createUserSession } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { SignUpSchema } from "./schema";

/** A throttled attempt says when to try again (Retry-After) besides the message. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  return { i18n: await pageI18n(request, ["auth"]) };
}

/** A new account, then where the visitor was going (`next`: an invitation link, a local path only) or the studies. */
export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: SignUpSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }), minutes: 0 }, { status: 400 });
  const result = await signUp(db, submission.value, await getLocale(request), context.ip ?? "unknown");
  if (!result.ok) {
    const seconds = result.retryAfterSeconds ?? 0;
    const reply =
      result.field === "password"
        ? submission.reply({ fieldErrors: { password: [result.error] }, hideFields: ["password"] })
        : submission.reply({ formErrors: [result.error], hideFields: ["password"] });
    return json(
      { result: reply, minutes: Math.max(1, Math.ceil(seconds / 60)) },
      { status: result.status, headers: seconds ? { "Retry-After": String(seconds) } : undefined },
    );
  }
  return createUserSession(db, request, result.userId, safeRedirect(submission.value.next, "/studies"));
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <AuthForm schema={SignUpSchema} mode="signup" lastResult={data?.result} params={{ minutes: data?.minutes ?? 0 }} next={params.get("next") ?? undefined} />;
}
