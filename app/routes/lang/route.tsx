import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { localeCookie } from "~/lib/platform/locale.server";
import { readForm } from "~/lib/platform/read-form.server";
import { safeRedirect } from "~/lib/platform/safe-redirect.server";
import { LanguageSchema } from "./schema";

export const loader = () => redirect("/");

/** Switches the interface language (cookie) and goes back to the page the user was on. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: LanguageSchema });
  if (submission.status !== "success") return new Response("locale requires en or zh-CN", { status: 400 });
  const back = safeRedirect(submission.value.back).replace(/([?&])lang=[^&]*&?/, "$1").replace(/[?&]$/, "");
  return redirect(back || "/", { headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } });
}
