import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { destroyUserSessions } from "~/lib/auth/session.server";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  await requireResearcherForm(request);
  return destroyUserSessions(request);
}
