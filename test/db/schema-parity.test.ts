import { is } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pg from "../../db/schema.pg";
import * as sqlite from "../../db/schema";

/** Column types that hold the same values on both engines. */
const TYPE_FAMILY: Record<string, string> = {
  SQLiteInteger: "integer",
  PgInteger: "integer",
  PgBigInt53: "integer",
  SQLiteBoolean: "boolean",
  PgBoolean: "boolean",
  SQLiteReal: "real",
  PgDoublePrecision: "real",
  SQLiteText: "text",
  PgText: "text",
};

interface Shape {
  name: string;
  columns: Array<{
    name: string;
    type: string;
    notNull: boolean;
    primary: boolean;
    unique: boolean;
    hasDefault: boolean;
    enumValues: string[] | undefined;
  }>;
  primaryKeys: string[][];
  indexes: Array<{ name: string | undefined; unique: boolean; columns: string[]; partial: boolean }>;
  foreignKeys: Array<{ columns: string[]; table: string; foreignColumns: string[]; onDelete: string | undefined }>;
  checks: string[];
}

function family(columnType: string): string {
  const f = TYPE_FAMILY[columnType];
  if (!f) throw new Error(`no type family for ${columnType}: add it to TYPE_FAMILY if both engines store the same values`);
  return f;
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function shape(config: AnyConfig): Shape {
  const columnName = (c: unknown) => (c as { name: string }).name;
  return {
    name: config.name,
    columns: config.columns
      .map((c) => ({
        name: c.name,
        type: family(c.columnType),
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        // An identity column (PostgreSQL) is the autoincrement primary key (SQLite): both fill it.
        hasDefault: c.hasDefault && !c.primary,
        enumValues: c.enumValues?.length ? [...c.enumValues] : undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map(columnName)),
    indexes: config.indexes
      .map((i) => ({
        name: i.config.name,
        unique: i.config.unique,
        columns: i.config.columns.map(columnName),
        partial: i.config.where !== undefined,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return {
          columns: ref.columns.map(columnName),
          table: (ref.foreignTable as unknown as { [k: symbol]: string })[Symbol.for("drizzle:Name")]!,
          foreignColumns: ref.foreignColumns.map(columnName),
          onDelete: fk.onDelete,
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

const sqliteTables = Object.values(sqlite).filter((t) => is(t, SQLiteTable)) as SQLiteTable[];
const pgTables = Object.values(pg).filter((t) => is(t, PgTable)) as PgTable[];

describe("the PostgreSQL schema keeps in step with the SQLite one", () => {
  it("has the same tables", () => {
    const names = (configs: AnyConfig[]) => configs.map((c) => c.name).sort();
    expect(sqliteTables.length).toBeGreaterThan(20);
    expect(names(pgTables.map(pgConfig))).toEqual(names(sqliteTables.map(sqliteConfig)));
  });

  for (const table of sqliteTables) {
    const expected = shape(sqliteConfig(table));
    it(`${expected.name}: same columns, types, nullability, defaults, keys, indexes, references and checks`, () => {
      const twin = pgTables.find((t) => pgConfig(t).name === expected.name);
      expect(twin, expected.name).toBeDefined();
      expect(shape(pgConfig(twin!))).toEqual(expected);
    });
  }

  it("notices a difference (a column's nullability changed in a copy)", () => {
    const expected = shape(sqliteConfig(sqlite.quotas));
    const changed = { ...expected, columns: expected.columns.map((c) => (c.name === "target" ? { ...c, notNull: false } : c)) };
    expect(shape(pgConfig(pg.quotas))).not.toEqual(changed);
  });
});
