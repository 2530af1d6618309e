import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { valuesList, type SqlValue } from "../../db/sql";
import { createUser } from "../../db/queries/users";
import { createStudy, type Study } from "../../db/queries/studies";
import { addOffer } from "../../db/queries/offers";
import { addAttribute } from "../../db/queries/attributes";
import { publishQuestionnaire, type Questionnaire } from "../../db/queries/questionnaires";
import type { User } from "../../db/queries/users";
import type { RatingResponse } from "../../surveys/read-rating-response";

export const NOW = 1_790_000_000_000;

/**
 * Arranges data through raw SQL on either engine: inserts one row of `table` (columns as named
 * in the database) and returns its id. Booleans are bound as JS booleans (SQLite stores 1/0).
 * For tables with an id column; children without one go through insertRows.
 */
export async function insertRow(db: Db, table: string, values: Record<string, SqlValue>): Promise<number> {
  const columns = sql.raw(Object.keys(values).join(", "));
  const [row] = await db.rows<{ id: number }>(
    sql`insert into ${sql.raw(table)} (${columns}) values ${valuesList([Object.values(values)])} returning id as "id"`,
  );
  return Number(row!.id);
}

/** Inserts rows of `table` (each row's values in the order of `columns`) in one statement. */
export async function insertRows(db: Db, table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
  if (rows.length === 0) return;
  await db.run(sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(", "))}) values ${valuesList(rows)}`);
}

/** The one value of a one-row, one-column query (its column aliased "v"), e.g. a count. */
export async function scalar<T = number>(db: Db, query: SQL): Promise<T> {
  const rows = await db.rows<{ v: T }>(query);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0]!.v;
}

/** Rows of `table` that belong to a response (count(*) comes back as a number on both engines). */
export async function countFor(db: Db, table: string, responseId: number): Promise<number> {
  return scalar(db, sql`select count(*) as "v" from ${sql.raw(table)} where response_id = ${responseId}`);
}

export async function addUser(db: Db, email: string): Promise<User> {
  const user = await createUser(db, { email, passwordHash: "not-a-real-hash", now: NOW });
  if (!user) throw new Error(`user ${email} not created`);
  return user;
}

/**
 * A study with offers alpha (own), beta, gamma; quality attributes speed, comfort; price
 * attribute fare; and one published questionnaire (its JSON content does not matter to the DB).
 */
export async function addStudy(db: Db, args: { ownerId: number; token: string; title?: string }): Promise<{
  study: Study;
  questionnaire: Questionnaire;
}> {
  const study = await createStudy(db, {
    ownerId: args.ownerId,
    publicToken: args.token,
    title: args.title ?? "Commuter rail",
    titleZh: null,
    market: "",
    marketZh: null,
    languages: "en",
    now: NOW,
  });
  await addOffer(db, { studyId: study.id, fields: { code: "alpha", name: "Alpha", nameZh: null, isOwn: true } });
  await addOffer(db, { studyId: study.id, fields: { code: "beta", name: "Beta", nameZh: null, isOwn: false } });
  await addOffer(db, { studyId: study.id, fields: { code: "gamma", name: "Gamma", nameZh: null, isOwn: false } });
  const attr = async (code: string, kind: "quality" | "price") =>
    await addAttribute(db, {
      studyId: study.id,
      fields: { code, kind, name: code, nameZh: null, description: "", descriptionZh: null, groupName: null },
    });
  await attr("speed", "quality");
  await attr("comfort", "quality");
  await attr("fare", "price");
  const questionnaire = await publishQuestionnaire(db, { studyId: study.id, definitionJson: "{}", surveyJson: "{}", now: NOW });
  return { study, questionnaire };
}

/** A complete result knowing alpha and beta (hand-written, not produced by the reader). */
export function completeResult(overrides: Partial<RatingResponse> = {}): RatingResponse {
  return {
    status: "complete",
    known: ["alpha", "beta"],
    qualityShare: 60,
    weights: [
      { attribute: "speed", weight: 70 },
      { attribute: "comfort", weight: 30 },
      { attribute: "fare", weight: 100 },
    ],
    ratings: [
      { offer: "alpha", attribute: "speed", score: 8 },
      { offer: "alpha", attribute: "comfort", score: 6 },
      { offer: "alpha", attribute: "fare", score: 5 },
      { offer: "beta", attribute: "speed", score: 7 },
      { offer: "beta", attribute: "comfort", score: 9 },
      { offer: "beta", attribute: "fare", score: 4 },
    ],
    offers: [
      { offer: "alpha", known: true, worth: 7, overall: 8, chose: true, considered: true },
      { offer: "beta", known: true, worth: 6, overall: 7, chose: false, considered: true },
      { offer: "gamma", known: false, worth: null, overall: null, chose: false, considered: false },
    ],
    ...overrides,
  };
}

/** A screened-out result: knows only the own offer. */
export function screenedOutResult(): RatingResponse {
  return {
    status: "screened_out",
    known: ["alpha"],
    qualityShare: null,
    weights: [],
    ratings: [],
    offers: [
      { offer: "alpha", known: true, worth: null, overall: null, chose: false, considered: false },
      { offer: "beta", known: false, worth: null, overall: null, chose: false, considered: false },
      { offer: "gamma", known: false, worth: null, overall: null, chose: false, considered: false },
    ],
  };
}

type ConstraintKind = "unique" | "check" | "foreign key";
const SQLSTATE: Record<ConstraintKind, string> = { unique: "23505", check: "23514", "foreign key": "23503" };

/**
 * The errors of a refused write, outermost first: drizzle's query builder wraps the driver's
 * error (DrizzleQueryError, "Failed query: ...") and keeps it as the cause.
 */
interface Reported {
  message: string;
  code?: unknown;
  constraint?: unknown;
}
function causes(error: unknown): Reported[] {
  const out: Reported[] = [];
  for (let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    out.push({ message: String(e.message), code: (e as { code?: unknown }).code, constraint: (e as { constraint?: unknown }).constraint });
  }
  return out;
}

/**
 * Expects the database itself to refuse `write` because of one constraint, on either engine.
 * PostgreSQL reports the SQLSTATE of the kind and the constraint's name; SQLite says so in its
 * message: a CHECK by name (the default pattern), a UNIQUE by its columns and a FOREIGN KEY by
 * neither (pass `sqlite` for those).
 */
export async function expectRefused(
  db: Db,
  write: Promise<unknown>,
  expected: { kind: ConstraintKind; constraint: string; sqlite?: RegExp },
): Promise<void> {
  const error = await write.then(
    (value) => {
      throw new Error(`the write was accepted (${JSON.stringify(value)}), expected ${expected.kind} constraint ${expected.constraint} to refuse it`);
    },
    (e: unknown) => e,
  );
  const chain = causes(error);
  if (db.engine === "postgres") {
    const reported = chain.find((e) => typeof e.code === "string" && /^23/.test(e.code));
    if (!reported) throw new Error(`not a constraint violation: ${chain.map((e) => e.message).join(" <- ")}`);
    if (reported.code !== SQLSTATE[expected.kind] || reported.constraint !== expected.constraint) {
      throw new Error(
        `expected ${expected.kind} (${SQLSTATE[expected.kind]}) on ${expected.constraint}, got ${String(reported.code)} on ${String(reported.constraint)}: ${reported.message}`,
      );
    }
    return;
  }
  const pattern =
    expected.sqlite ??
    (expected.kind === "check" ? new RegExp(`CHECK constraint failed: ${expected.constraint}\\b`) : undefined);
  if (!pattern) throw new Error(`pass the SQLite message pattern for a ${expected.kind} constraint (SQLite does not name it)`);
  if (!chain.some((e) => pattern.test(e.message))) throw new Error(`expected ${String(pattern)}, got: ${chain.map((e) => e.message).join(" <- ")}`);
}
