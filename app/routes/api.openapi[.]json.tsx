import { openApiDocument } from "~/lib/api/openapi.server";

/** GET /api/openapi.json: the researcher API as OpenAPI 3.1 (public: it holds no data). */
export function loader() {
  return Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
