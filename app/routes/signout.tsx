import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroyUserSessions } from "~/lib/session.server";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  return destroyUserSessions(request);
}
