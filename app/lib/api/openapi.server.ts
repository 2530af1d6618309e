// Long by nature: one data document (the OpenAPI description of the researcher API), written out by hand.
/**
 * The researcher API described as OpenAPI 3.1, served at /api/openapi.json (written by hand, kept
 * honest by test/services/api/openapi.test.ts, which checks it against the routes and its own
 * references). docs/api.md explains the same in prose.
 */
const error = { $ref: "#/components/responses/Error" };
const studyId = { name: "id", in: "path", required: true, description: "The study's id.", schema: { type: "integer", minimum: 1 } };
const filters = [
  { name: "line", in: "query", schema: { type: "string", enum: ["weights", "parity", "regression", "slope"] }, description: "Fair-value line (default: the study's)." },
  { name: "slope", in: "query", schema: { type: "number", exclusiveMinimum: 0, maximum: 100 }, description: "Slope of a given-slope line." },
  { name: "segment", in: "query", schema: { type: "string", pattern: "^[A-Za-z0-9_.-]{1,64}:.+$" }, description: "Respondents answering a profile question so: question:value." },
  { name: "wave", in: "query", schema: { type: "integer", minimum: 1 }, description: "One wave only." },
  { name: "flagged", in: "query", schema: { type: "string", enum: ["in", "out"], default: "out" }, description: "Keep (in) or leave out (out) flagged respondents the researcher did not include." },
  { name: "versus", in: "query", schema: { type: "string" }, description: "Competitor of the head-to-head tables." },
];
const refused = { "401": error, "403": error, "404": error, "429": error };

function document() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Valuemap researcher API",
      version: "1.0.0",
      description:
        "Read a study's definition, responses, analysis and exports, and import responses, with a personal API token (account page: API tokens). Every request needs `Authorization: Bearer vm_…`; the token's owner has the same role in each study as on the pages. Read scope: every GET; write scope: also POST. Limits: API_RATE_LIMIT requests a minute per token (429 with Retry-After). See docs/api.md.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }],
    paths: {
      "/api/studies": {
        get: {
          operationId: "listStudies",
          summary: "Studies the token's owner owns or is a member of",
          responses: { "200": { description: "The studies.", content: { "application/json": { schema: { $ref: "#/components/schemas/StudyList" } } } }, "401": error, "429": error },
        },
      },
      "/api/studies/{id}": {
        get: {
          operationId: "getStudy",
          summary: "A study's definition, fieldwork window and counts (any role)",
          parameters: [studyId],
          responses: { "200": { description: "The study.", content: { "application/json": { schema: { $ref: "#/components/schemas/Study" } } } }, ...refused },
        },
      },
      "/api/studies/{id}/questionnaires": {
        get: {
          operationId: "listQuestionnaires",
          summary: "Published questionnaire versions with their study definitions (editor or owner)",
          parameters: [studyId],
          responses: {
            "200": { description: "The versions.", content: { "application/json": { schema: { $ref: "#/components/schemas/QuestionnaireList" } } } },
            ...refused,
          },
        },
      },
      "/api/studies/{id}/responses": {
        get: {
          operationId: "listResponses",
          summary: "Finished responses, paged in commit order (any role)",
          description:
            "Pass `next` of a page as `since` to get the following one. The cursor follows commit order, so paging never skips or repeats a response even while new ones arrive; when `hasMore` is false, keep `next` and ask again later for new responses.",
          parameters: [
            studyId,
            { name: "since", in: "query", schema: { type: "string", pattern: "^[0-9]{1,15}$", default: "0" }, description: "Cursor: `next` of the previous page." },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: {
            "200": { description: "One page.", content: { "application/json": { schema: { $ref: "#/components/schemas/ResponsePage" } } } },
            "400": error,
            ...refused,
          },
        },
      },
      "/api/studies/{id}/analysis": {
        get: {
          operationId: "getAnalysis",
          summary: "The analysis with the report's filters (any role)",
          description: "`analysis` is analyzeStudy's report in the output format of docs/analysis-format.md (null when nothing can be analysed yet).",
          parameters: [studyId, ...filters],
          responses: { "200": { description: "The analysis.", content: { "application/json": { schema: { $ref: "#/components/schemas/Analysis" } } } }, ...refused },
        },
      },
      "/api/studies/{id}/exports/{name}": {
        get: {
          operationId: "getExport",
          summary: "A download of the report: chart, table, workbook, raw or labelled data (any role)",
          description: "Names as in docs/export-format.md (raw-wide.csv, raw-long.xlsx, raw-wide.sav, value-map.svg, summary.csv, tables.xlsx, …). Recorded in the study's audit log.",
          parameters: [
            studyId,
            { name: "name", in: "path", required: true, schema: { type: "string" } },
            { name: "labels", in: "query", schema: { type: "string", enum: ["en", "zh-CN"], default: "en" } },
            ...filters,
          ],
          responses: {
            "200": {
              description: "The file.",
              content: {
                "text/csv": { schema: { type: "string" } },
                "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
              },
            },
            ...refused,
          },
        },
      },
      "/api/studies/{id}/imports": {
        post: {
          operationId: "importResponses",
          summary: "Import ratings collected elsewhere (write scope, editor or owner)",
          description:
            "The body is a CSV or XLSX file in the wide or long layout of the raw-data export. Every row is checked first: with any problem nothing is imported (422, each problem with its line).",
          parameters: [studyId, { name: "lang", in: "query", schema: { type: "string", enum: ["en", "zh-CN"], default: "en" }, description: "Language of the problems' messages." }],
          requestBody: {
            required: true,
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
            },
          },
          responses: {
            "200": { description: "Imported.", content: { "application/json": { schema: { $ref: "#/components/schemas/ImportResult" } } } },
            "400": error,
            "413": error,
            "422": { description: "Nothing imported: the problems, line by line.", content: { "application/json": { schema: { $ref: "#/components/schemas/ImportRejected" } } } },
            ...refused,
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    webhooks: {
      responseEvent: {
        post: {
          summary: "An event of a study's webhook (response.completed, response.screened_out, quota.full, fieldwork.closed)",
          description:
            "Signed: header X-Valuemap-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" with the endpoint's secret>`. Answer 2xx to acknowledge; anything else is retried with backoff.",
          parameters: [
            { name: "X-Valuemap-Signature", in: "header", required: true, schema: { type: "string" } },
            { name: "X-Valuemap-Event", in: "header", required: true, schema: { type: "string" } },
            { name: "X-Valuemap-Delivery", in: "header", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookPayload" } } } },
          responses: { "200": { description: "Acknowledged." } },
        },
      },
    },
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "A personal API token, vm_…" } },
      responses: {
        Error: {
          description: "Refused, with the reason.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["ok", "error"],
          properties: { ok: { const: false }, error: { type: "string" }, details: { type: "array", items: { type: "string" } } },
        },
        Role: { type: "string", enum: ["owner", "editor", "viewer"] },
        StudyList: {
          type: "object",
          required: ["studies"],
          properties: {
            studies: {
              type: "array",
              items: {
                type: "object",
                required: ["id", "title", "role"],
                properties: {
                  id: { type: "integer" },
                  title: { type: "string" },
                  titleZh: { type: ["string", "null"] },
                  role: { $ref: "#/components/schemas/Role" },
                  createdAt: { type: "string", format: "date-time" },
                  updatedAt: { type: "string", format: "date-time" },
                },
              },
            },
          },
        },
        Study: {
          type: "object",
          required: ["id", "title", "role", "offers", "attributes", "profileQuestions", "counts"],
          properties: {
            id: { type: "integer" },
            title: { type: "string" },
            titleZh: { type: ["string", "null"] },
            market: { type: "string" },
            marketZh: { type: ["string", "null"] },
            languages: { type: "array", items: { type: "string", enum: ["en", "zh-CN"] } },
            role: { $ref: "#/components/schemas/Role" },
            currentWave: { type: "integer" },
            fieldwork: {
              type: "object",
              properties: { opensAt: { type: ["string", "null"], format: "date-time" }, closesAt: { type: ["string", "null"], format: "date-time" } },
            },
            offers: {
              type: "array",
              items: {
                type: "object",
                required: ["code", "name", "own"],
                properties: { code: { type: "string" }, name: { type: "string" }, nameZh: { type: ["string", "null"] }, own: { type: "boolean" }, marketShare: { type: ["number", "null"] } },
              },
            },
            attributes: {
              type: "array",
              items: {
                type: "object",
                required: ["code", "kind", "name"],
                properties: {
                  code: { type: "string" },
                  kind: { type: "string", enum: ["quality", "price"] },
                  name: { type: "string" },
                  nameZh: { type: ["string", "null"] },
                  group: { type: ["string", "null"] },
                  costGroup: { type: ["string", "null"], enum: ["money", "time", "energy", "psychic", null], description: "Kotler's cost group of a price attribute; null for quality attributes" },
                },
              },
            },
            profileQuestions: { type: "array", items: { type: "object" } },
            quotas: {
              type: "array",
              items: { type: "object", properties: { question: { type: "string" }, value: { type: "string" }, target: { type: "integer" } } },
            },
            counts: {
              type: "object",
              properties: { draft: { type: "integer" }, complete: { type: "integer" }, screenedOut: { type: "integer" } },
            },
          },
        },
        QuestionnaireList: {
          type: "object",
          required: ["questionnaires"],
          properties: {
            questionnaires: {
              type: "array",
              items: {
                type: "object",
                required: ["stage", "version", "publishedAt", "definition"],
                properties: {
                  stage: { type: "string", enum: ["rating", "focus_group"] },
                  version: { type: "integer" },
                  publishedAt: { type: "string", format: "date-time" },
                  definition: { type: "object" },
                },
              },
            },
          },
        },
        Response: {
          type: "object",
          required: ["id", "status", "stage", "wave", "origin", "weights", "ratings", "offers", "profile"],
          properties: {
            id: { type: "integer", description: "The response's id (respondent_id in the exports)." },
            status: { type: "string", enum: ["complete", "screened_out"] },
            screenReason: { type: ["string", "null"], enum: ["screening", "quota_full", "closed", null] },
            stage: { type: "string", enum: ["rating", "focus_group"] },
            questionnaireVersion: { type: "integer" },
            wave: { type: "integer" },
            locale: { type: "string" },
            review: { type: ["string", "null"], enum: ["include", "exclude", null] },
            rid: { type: ["string", "null"], description: "The panel's respondent id (?rid=)." },
            origin: { type: "string", enum: ["web", "test", "imported"] },
            qualityShare: { type: ["number", "null"] },
            startedAt: { type: "string", format: "date-time" },
            completedAt: { type: ["string", "null"], format: "date-time" },
            weights: { type: "object", additionalProperties: { type: "number" } },
            ratings: { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "integer", minimum: 1, maximum: 10 } } },
            offers: {
              type: "object",
              additionalProperties: {
                type: "object",
                properties: {
                  known: { type: "boolean" },
                  worth: { type: ["integer", "null"] },
                  overall: { type: ["integer", "null"] },
                  chose: { type: "boolean" },
                  considered: { type: "boolean" },
                },
              },
            },
            profile: { type: "object", additionalProperties: { type: "string" } },
          },
        },
        ResponsePage: {
          type: "object",
          required: ["responses", "next", "hasMore"],
          properties: {
            responses: { type: "array", items: { $ref: "#/components/schemas/Response" } },
            next: { type: "string", description: "Cursor for the next page (since=)." },
            hasMore: { type: "boolean" },
          },
        },
        Analysis: {
          type: "object",
          required: ["study", "options", "counts", "analysis"],
          properties: {
            study: { type: "object", properties: { id: { type: "integer" } } },
            options: { type: "object" },
            ignored: { type: "array", items: { type: "string" } },
            counts: { type: "object", properties: { complete: { type: "integer" }, leftOut: { type: "integer" }, analysed: { type: "integer" } } },
            dataVersion: { type: "string" },
            analysis: { type: ["object", "null"], description: "docs/analysis-format.md, output." },
          },
        },
        ImportResult: {
          type: "object",
          required: ["ok", "imported", "layout"],
          properties: { ok: { const: true }, imported: { type: "integer" }, layout: { type: "string", enum: ["wide", "long"] } },
        },
        ImportRejected: {
          type: "object",
          required: ["ok", "error", "problems"],
          properties: {
            ok: { const: false },
            error: { type: "string" },
            problems: { type: "array", items: { type: "object", required: ["line", "message"], properties: { line: { type: "integer" }, message: { type: "string" } } } },
          },
        },
        WebhookPayload: {
          type: "object",
          required: ["id", "event", "createdAt", "study", "data"],
          properties: {
            id: { type: "string", format: "uuid" },
            event: { type: "string", enum: ["response.completed", "response.screened_out", "quota.full", "fieldwork.closed"] },
            createdAt: { type: "string", format: "date-time" },
            study: { type: "object", properties: { id: { type: "integer" } } },
            data: { type: "object" },
          },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof document>;

/** The OpenAPI 3.1 document of the researcher API. */
export const openApiDocument: OpenApiDocument = document();
