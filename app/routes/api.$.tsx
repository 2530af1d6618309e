import { apiError } from "~/lib/api/api-auth.server";

/** Any other /api/… address: a JSON 404 (the API never answers with a page). */
export function loader() {
  return apiError(404, "no such API endpoint: see /api/openapi.json");
}

export function action() {
  return apiError(404, "no such API endpoint: see /api/openapi.json");
}
