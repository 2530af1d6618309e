import type { MessageKey } from "~/i18n/index";
import type { NumberFormat } from "./export-xlsx.server";

/**
 * The number format of each column of the report's tables in the workbook, by its header:
 * indices and weights one decimal, ratios three, mean ratings two, counts whole. Ranks (ties
 * give halves) and text stay General.
 */
export const COLUMN_FORMATS: Partial<Record<MessageKey, NumberFormat>> = {
  "exports.col.weight": "index",
  "exports.col.quality": "index",
  "exports.col.qualityLower": "index",
  "exports.col.qualityUpper": "index",
  "exports.col.relativePrice": "index",
  "exports.col.relativePriceLower": "index",
  "exports.col.relativePriceUpper": "index",
  "exports.col.satisfaction": "index",
  "exports.col.fairPrice": "index",
  "exports.col.valueDistance": "index",
  "exports.col.contribution": "index",
  "exports.col.area": "index",
  "exports.col.priority": "index",
  "exports.col.statedWeight": "index",
  "exports.col.derivedWeight": "index",
  "exports.col.ratio": "ratio",
  "exports.col.ratioLower": "ratio",
  "exports.col.ratioUpper": "ratio",
  "exports.col.advantage": "ratio",
  "exports.col.coefficient": "ratio",
  "exports.col.ownMean": "mean",
  "exports.col.referenceMean": "mean",
  "exports.col.competitorMean": "mean",
  "exports.col.pointsDifference": "mean",
  "exports.col.meanGap": "mean",
  "exports.col.n": "integer",
  "exports.col.count": "integer",
};
