import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireResearcherForm } from "~/lib/csrf.server";
import { destroyUserSessions } from "~/lib/session.server";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  await requireResearcherForm(request);
  return destroyUserSessions(request);
}
