import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { destroyUserSessions } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";

export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  await requireResearcherForm(db, request);
  return destroyUserSessions(db, request);
}
