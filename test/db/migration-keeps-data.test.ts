import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { defaultMigrationsFolder, openDatabase } from "../../db/client";
import { makeTempDir } from "../helpers/temp-db";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the migrations folder whose journal stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const source = defaultMigrationsFolder();
  const dir = makeTempDir("valuemap-migrations-");
  dirs.push(dir);
  fs.cpSync(source, dir, { recursive: true });
  const journalFile = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe("migrations on a database that holds responses", () => {
  // 0005 rebuilds questionnaires, offers, responses and studies (SQLite changes a CHECK by
  // copying the table). With foreign keys on, dropping the old tables would cascade into the
  // ratings; openDatabase runs migrations with them off and checks the references after.
  it("keeps every study, questionnaire, response and rating when 0005 rebuilds their tables", () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, "old.sqlite");
    openDatabase({ url: file, migrationsFolder: migrationsUpTo(5) }).sqlite!.close();

    const old = new Database(file);
    old.exec(`
      insert into users (id, email, password_hash, created_at) values (1, 'a@example.com', 'x', 1);
      insert into studies (id, owner_id, title, public_token, created_at, updated_at) values (1, 1, 'Old study', 'tok-old', 1, 1);
      insert into offers (study_id, code, name, is_own) values (1, 'aster', 'Aster', 1), (1, 'birch', 'Birch', 0);
      insert into attributes (study_id, code, kind, name) values (1, 'taste', 'quality', 'Taste');
      insert into questionnaires (id, study_id, stage, version, definition_json, survey_json, published_at)
        values (1, 1, 'rating', 1, '{}', '{}', 1);
      insert into responses (id, client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at)
        values (1, 'client-0001', 1, 'complete', '[]', 1, 2, 2), (2, 'client-0002', 1, 'draft', '[]', 1, 1, null);
      insert into response_ratings (response_id, offer_code, attribute_code, score) values (1, 'aster', 'taste', 8), (1, 'birch', 'taste', 6);
      insert into response_weights (response_id, attribute_code, weight) values (1, 'taste', 100);
      insert into response_offers (response_id, offer_code, position, known) values (1, 'aster', 0, 1), (1, 'birch', 1, 1);
    `);
    old.close();

    const db = openDatabase({ url: file });
    try {
      const count = (table: string) => db.sqlite!.prepare(`select count(*) from ${table}`).pluck().get();
      expect([count("studies"), count("offers"), count("questionnaires"), count("responses")]).toEqual([1, 2, 1, 2]);
      expect([count("response_ratings"), count("response_weights"), count("response_offers")]).toEqual([2, 1, 2]);
      const response = db.sqlite!.prepare("select status, wave, review, invitation_id from responses where id = 1").get();
      expect(response).toEqual({ status: "complete", wave: 1, review: null, invitation_id: null });
      expect(db.sqlite!.prepare("select fair_value_line, current_wave, one_per_device from studies").get()).toEqual({
        fair_value_line: "weights",
        current_wave: 1,
        one_per_device: 0,
      });
      expect(db.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.sqlite!.pragma("integrity_check", { simple: true })).toBe("ok");
      // The new stage is accepted, an unknown one still refused.
      db.sqlite!.prepare("insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (1, 'focus_group', 1, '{}', '{}', 3)").run();
      expect(() =>
        db.sqlite!.prepare("insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (1, 'other', 1, '{}', '{}', 3)").run(),
      ).toThrow(/CHECK/);
    } finally {
      db.sqlite!.close();
    }
  });

  // 0007: a rated attribute can have no direction (10 = best; for price, most satisfied). A study
  // that had "Lower is better" on its running cost comes out with no direction and one audit
  // event per reset attribute, written before the column went; other studies get none.
  it("resets every 'lower' attribute with an audit event when 0007 drops the direction", () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, "old.sqlite");
    openDatabase({ url: file, migrationsFolder: migrationsUpTo(7) }).sqlite!.close();

    const old = new Database(file);
    old.exec(`
      insert into users (id, email, password_hash, created_at) values (1, 'a@example.com', 'x', 1);
      insert into studies (id, owner_id, title, public_token, created_at, updated_at)
        values (1, 1, 'Coffee', 'tok-1', 1, 1), (2, 1, 'Kettles', 'tok-2', 1, 1);
      insert into attributes (study_id, code, kind, name, direction, sort) values
        (1, 'taste', 'quality', 'Taste', 'higher', 1),
        (1, 'running', 'price', 'Running cost', 'lower', 2),
        (1, 'waiting', 'quality', 'Waiting time', 'lower', 3),
        (2, 'price', 'price', 'Price', 'higher', 1);
    `);
    old.close();

    const before = Date.now();
    const db = openDatabase({ url: file });
    try {
      const sqlite = db.sqlite!;
      const columns = sqlite.prepare("select name from pragma_table_info('attributes')").pluck().all();
      expect(columns).not.toContain("direction");
      expect(sqlite.prepare("select study_id, code, kind, name, sort from attributes order by id").all()).toEqual([
        { study_id: 1, code: "taste", kind: "quality", name: "Taste", sort: 1 },
        { study_id: 1, code: "running", kind: "price", name: "Running cost", sort: 2 },
        { study_id: 1, code: "waiting", kind: "quality", name: "Waiting time", sort: 3 },
        { study_id: 2, code: "price", kind: "price", name: "Price", sort: 1 },
      ]);
      const events = sqlite.prepare("select study_id, user_id, actor_email, action, detail, at from audit_events order by id").all() as Array<{ at: number }>;
      expect(events.map(({ at: _at, ...e }) => e)).toEqual([
        { study_id: 1, user_id: null, actor_email: "system (migration)", action: "resetAttributeDirection", detail: "running (Running cost)" },
        { study_id: 1, user_id: null, actor_email: "system (migration)", action: "resetAttributeDirection", detail: "waiting (Waiting time)" },
      ]);
      // Epoch milliseconds of the migration (SQLite's clock, to the millisecond).
      for (const e of events) {
        expect(e.at).toBeGreaterThanOrEqual(before - 1000);
        expect(e.at).toBeLessThanOrEqual(Date.now() + 1000);
      }
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.sqlite!.close();
    }
  });
  // 0008 (scenarios) gives offers an actual price; SQLite adds its CHECK by copying the table.
  // The offers keep their ids, shares and children (key events, the own-offer index).
  it("keeps every offer, its market share and its key events when 0008 adds the price", () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, "old.sqlite");
    openDatabase({ url: file, migrationsFolder: migrationsUpTo(8) }).sqlite!.close();

    const old = new Database(file);
    old.exec(`
      insert into users (id, email, password_hash, created_at) values (1, 'a@example.com', 'x', 1);
      insert into studies (id, owner_id, title, public_token, created_at, updated_at) values (1, 1, 'Coffee', 'tok-1', 1, 1);
      insert into offers (id, study_id, code, name, is_own, market_share, sort) values (7, 1, 'aster', 'Aster', 1, 34, 1), (9, 1, 'birch', 'Birch', 0, null, 2);
      insert into key_events (study_id, offer_id, occurred_on, label) values (1, 9, '2026-01-02', 'Price cut');
    `);
    old.close();

    const db = openDatabase({ url: file });
    try {
      const sqlite = db.sqlite!;
      expect(sqlite.prepare("select id, code, is_own, market_share, price, sort from offers order by id").all()).toEqual([
        { id: 7, code: "aster", is_own: 1, market_share: 34, price: null, sort: 1 },
        { id: 9, code: "birch", is_own: 0, market_share: null, price: null, sort: 2 },
      ]);
      expect(sqlite.prepare("select offer_id, label from key_events").all()).toEqual([{ offer_id: 9, label: "Price cut" }]);
      expect(() => sqlite.prepare("insert into offers (study_id, code, name, is_own) values (1, 'cedar', 'Cedar', 1)").run()).toThrow(/UNIQUE/);
      expect(() => sqlite.prepare("update offers set price = -5 where id = 7").run()).toThrow(/offers_price_ck/);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.sqlite!.close();
    }
  });

  // 0014 (issue 15) gives studies their rating layout; SQLite adds its CHECK by copying the table
  // (drizzle-kit's copy read the new column from the old table: the migration copies 'offer').
  // Every study keeps its id and its children; profile questions are not asked first.
  it("keeps every study and its children when 0014 adds the rating layout and 'ask first'", () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, "old.sqlite");
    openDatabase({ url: file, migrationsFolder: migrationsUpTo(14) }).sqlite!.close();

    const old = new Database(file);
    old.exec(`
      insert into users (id, email, password_hash, created_at) values (1, 'a@example.com', 'x', 1);
      insert into studies (id, owner_id, title, public_token, current_wave, created_at, updated_at) values (3, 1, 'Coffee', 'tok-1', 2, 1, 1), (5, 1, 'Tea', 'tok-2', 1, 1, 1);
      insert into offers (study_id, code, name, is_own) values (3, 'aster', 'Aster', 1);
      insert into profile_questions (study_id, code, kind, text) values (5, 'city', 'text', 'City');
    `);
    old.close();

    const db = openDatabase({ url: file });
    try {
      const sqlite = db.sqlite!;
      expect(sqlite.prepare("select id, title, current_wave, rating_layout from studies order by id").all()).toEqual([
        { id: 3, title: "Coffee", current_wave: 2, rating_layout: "offer" },
        { id: 5, title: "Tea", current_wave: 1, rating_layout: "offer" },
      ]);
      expect(sqlite.prepare("select study_id, code from offers").all()).toEqual([{ study_id: 3, code: "aster" }]);
      expect(sqlite.prepare("select study_id, code, ask_first from profile_questions").all()).toEqual([{ study_id: 5, code: "city", ask_first: 0 }]);
      expect(() => sqlite.prepare("update studies set rating_layout = 'grid' where id = 3").run()).toThrow(/studies_rating_layout_ck/);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.sqlite!.close();
    }
  });

  // 0015 (issue 19) gives attributes their Kotler cost group; SQLite adds its CHECK by copying
  // the table (drizzle-kit's copy read the new column from the old table: the migration copies
  // 'money'). Every attribute keeps its id, texts and order, and its what/who cells.
  it("keeps every attribute and its what/who cells when 0015 adds the cost group", () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, "old.sqlite");
    openDatabase({ url: file, migrationsFolder: migrationsUpTo(15) }).sqlite!.close();

    const old = new Database(file);
    old.exec(`
      insert into users (id, email, password_hash, created_at) values (1, 'a@example.com', 'x', 1);
      insert into studies (id, owner_id, title, public_token, created_at, updated_at) values (3, 1, 'Coffee', 'tok-1', 1, 1);
      insert into attributes (id, study_id, code, kind, name, name_zh, group_name, sort) values
        (11, 3, 'taste', 'quality', 'Taste', '口感', 'product', 1),
        (12, 3, 'purchase', 'price', 'Purchase price', null, 'monetary', 2),
        (14, 3, 'waiting', 'price', 'Waiting', null, null, 3);
      insert into firm_functions (id, study_id, name) values (5, 3, 'Service');
      insert into what_who_cells (function_id, attribute_id, strength) values (5, 11, 9), (5, 14, 3);
    `);
    old.close();

    const db = openDatabase({ url: file });
    try {
      const sqlite = db.sqlite!;
      expect(sqlite.prepare("select id, code, kind, name, name_zh, group_name, cost_group, sort from attributes order by id").all()).toEqual([
        { id: 11, code: "taste", kind: "quality", name: "Taste", name_zh: "口感", group_name: "product", cost_group: "money", sort: 1 },
        { id: 12, code: "purchase", kind: "price", name: "Purchase price", name_zh: null, group_name: "monetary", cost_group: "money", sort: 2 },
        { id: 14, code: "waiting", kind: "price", name: "Waiting", name_zh: null, group_name: null, cost_group: "money", sort: 3 },
      ]);
      expect(sqlite.prepare("select function_id, attribute_id, strength from what_who_cells order by attribute_id").all()).toEqual([
        { function_id: 5, attribute_id: 11, strength: 9 },
        { function_id: 5, attribute_id: 14, strength: 3 },
      ]);
      sqlite.prepare("update attributes set cost_group = 'time' where id = 14").run();
      expect(() => sqlite.prepare("update attributes set cost_group = 'fuel' where id = 12").run()).toThrow(/attributes_cost_group_ck/);
      expect(() => sqlite.prepare("insert into attributes (study_id, code, kind, name) values (3, 'taste', 'quality', 'Taste again')").run()).toThrow(/UNIQUE/);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.sqlite!.close();
    }
  });

  // 0016 (issue 23) rebuilds the per-response answer tables and the response feed as WITHOUT
  // ROWID tables, stored in their primary key's order. Every row comes across, the constraints and
  // the indexes still hold, and deleting a response still cascades into them.
  it("keeps every answer row and the feed when 0016 stores them WITHOUT ROWID", () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, "old.sqlite");
    openDatabase({ url: file, migrationsFolder: migrationsUpTo(16) }).sqlite!.close();

    const old = new Database(file);
    old.exec(`
      insert into users (id, email, password_hash, created_at) values (1, 'a@example.com', 'x', 1);
      insert into studies (id, owner_id, title, public_token, created_at, updated_at) values (1, 1, 'Coffee', 'tok-1', 1, 1);
      insert into questionnaires (id, study_id, stage, version, definition_json, survey_json, published_at) values (1, 1, 'rating', 1, '{}', '{}', 1);
      insert into responses (id, client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at)
        values (7, 'client-7', 1, 'complete', '[]', 1, 2, 2), (9, 'client-9', 1, 'complete', '[]', 1, 2, 2);
      insert into response_ratings (response_id, offer_code, attribute_code, score) values (9, 'birch', 'taste', 6), (7, 'aster', 'taste', 8), (7, 'aster', 'ease', 3);
      insert into response_weights (response_id, attribute_code, weight) values (7, 'taste', 62.5), (7, 'ease', 37.5), (9, 'taste', 100);
      insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered) values (7, 'aster', 0, 1, 7, 8, 1, 1), (9, 'birch', 1, 0, null, null, 0, 0);
      insert into response_profile (response_id, question_code, value) values (7, 'segment', 'home'), (9, 'segment', 'office');
      insert into response_maxdiff (response_id, kind, task, items_json, best, worst) values (7, 'quality', 1, '["taste","ease","design"]', 'taste', 'design');
      insert into response_gabor_granger (response_id, price, buy) values (7, 4.5, 1), (7, 3, 1);
      insert into response_feed (study_id, seq, response_id) values (1, 2, 9), (1, 1, 7);
    `);
    old.close();

    const db = openDatabase({ url: file });
    try {
      const sqlite = db.sqlite!;
      const withoutRowid = sqlite.prepare("select name from pragma_table_list where wr = 1 and name like 'response_%' order by name").pluck().all();
      expect(withoutRowid).toEqual([
        "response_feed",
        "response_gabor_granger",
        "response_maxdiff",
        "response_offers",
        "response_profile",
        "response_ratings",
        "response_weights",
      ]);
      expect(sqlite.prepare("select response_id, offer_code, attribute_code, score from response_ratings").all()).toEqual([
        { response_id: 7, offer_code: "aster", attribute_code: "ease", score: 3 },
        { response_id: 7, offer_code: "aster", attribute_code: "taste", score: 8 },
        { response_id: 9, offer_code: "birch", attribute_code: "taste", score: 6 },
      ]);
      expect(sqlite.prepare("select response_id, attribute_code, weight from response_weights order by response_id, attribute_code").all()).toEqual([
        { response_id: 7, attribute_code: "ease", weight: 37.5 },
        { response_id: 7, attribute_code: "taste", weight: 62.5 },
        { response_id: 9, attribute_code: "taste", weight: 100 },
      ]);
      expect(sqlite.prepare("select * from response_offers order by response_id").all()).toEqual([
        { response_id: 7, offer_code: "aster", position: 0, known: 1, worth: 7, overall: 8, chose: 1, considered: 1 },
        { response_id: 9, offer_code: "birch", position: 1, known: 0, worth: null, overall: null, chose: 0, considered: 0 },
      ]);
      expect(sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name like 'response_%' and sql is not null and name not like 'responses_%' order by name").pluck().all()).toEqual([
        "response_feed_response_uq",
        "response_profile_value_idx",
      ]);
      expect(sqlite.prepare("select seq, response_id from response_feed where study_id = 1").all()).toEqual([
        { seq: 1, response_id: 7 },
        { seq: 2, response_id: 9 },
      ]);
      expect(() => sqlite.prepare("insert into response_feed (study_id, seq, response_id) values (1, 3, 7)").run()).toThrow(/UNIQUE/);
      expect(sqlite.prepare("select task, items_json, best, worst from response_maxdiff").all()).toEqual([{ task: 1, items_json: '["taste","ease","design"]', best: "taste", worst: "design" }]);
      expect(sqlite.prepare("select price, buy from response_gabor_granger").all()).toEqual([
        { price: 3, buy: 1 },
        { price: 4.5, buy: 1 },
      ]);
      expect(sqlite.prepare("select response_id from response_profile where question_code = 'segment' and value = 'office'").pluck().all()).toEqual([9]);
      expect(() => sqlite.prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (7, 'aster', 'taste', 5)").run()).toThrow(/UNIQUE|PRIMARY/);
      expect(() => sqlite.prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (7, 'birch', 'taste', 11)").run()).toThrow(/response_ratings_score_ck/);
      expect(() => sqlite.prepare("insert into response_weights (response_id, attribute_code, weight) values (404, 'taste', 1)").run()).toThrow(/FOREIGN KEY/);
      sqlite.prepare("delete from responses where id = 7").run();
      const left = (table: string) => sqlite.prepare(`select count(*) from ${table} where response_id = 7`).pluck().get();
      const tables = ["response_ratings", "response_weights", "response_offers", "response_profile", "response_maxdiff", "response_gabor_granger", "response_feed"];
      expect(tables.map(left)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.sqlite!.close();
    }
  });
});
