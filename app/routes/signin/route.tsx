import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { AuthForm } from "~/components/AuthForm";
import { signIn } from "~/lib/auth/accounts.server";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { safeRedirect } from "~/lib/platform/safe-redirect.server";
import { createUserSession, getUserId } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { readForm } from "~/lib/platform/read-form.server";
import { SignInSchema } from "./schema";

/** A throttled attempt says when to try again (Retry-After) besides the message. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  return (await getUserId(db, request)) === null ? { i18n: await pageI18n(request, ["auth"]) } : redirect("/studies");
}

/** Signs in (the throttle may answer 429 with how long to wait), then goes to `next` or the studies. */
export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: SignInSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }), seconds: 0 }, { status: 400 });
  const result = await signIn(db, submission.value, context.ip ?? "unknown");
  if (!result.ok) {
    const seconds = result.retryAfterSeconds ?? 0;
    return json(
      { result: submission.reply({ formErrors: [result.error], hideFields: ["password"] }), seconds },
      { status: result.status, headers: seconds ? { "Retry-After": String(seconds) } : undefined },
    );
  }
  return createUserSession(db, request, result.userId, safeRedirect(submission.value.next, "/studies"));
}

export default function SignIn() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <AuthForm schema={SignInSchema} mode="signin" lastResult={data?.result} params={{ seconds: data?.seconds ?? 0 }} next={params.get("next") ?? undefined} />;
}
