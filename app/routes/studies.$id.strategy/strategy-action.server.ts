import type { Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { addEvent, addFunction, removeEvent, removeFunction, saveCells, saveLine, saveShares, type StrategyResult } from "~/lib/report/strategy.server";
import type { z } from "zod";
import type { STRATEGY_SCHEMAS } from "./strategy-schemas";

type Parsed = { [K in keyof typeof STRATEGY_SCHEMAS]: z.output<(typeof STRATEGY_SCHEMAS)[K]> }[keyof typeof STRATEGY_SCHEMAS];

/** Runs one parsed change of the strategy page through its service (each in one transaction with its audit event). */
export function runStrategyAction(db: Db, study: Study, userId: number, value: Parsed): Promise<StrategyResult> {
  switch (value.intent) {
    case "line":
      return saveLine(db, study, userId, value);
    case "shares":
      return saveShares(db, study, userId, value);
    case "addEvent":
      return addEvent(db, study, userId, value);
    case "deleteEvent":
      return removeEvent(db, study, userId, value);
    case "addFunction":
      return addFunction(db, study, userId, value);
    case "deleteFunction":
      return removeFunction(db, study, userId, value);
    case "cells":
      return saveCells(db, study, userId, value);
  }
}
