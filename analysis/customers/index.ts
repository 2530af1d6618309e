/** Customers' value to the firm (docs/method.md §11), in reading order. */
export * from "./types";
export { rfmSegment } from "./rfm-segment";
export { rfmScores } from "./rfm-scores";
export { silentCustomers } from "./silent-customers";
export { customerLifetimeValue } from "./customer-lifetime-value";
export { measuredRetention } from "./measured-retention";
export { annualMargin } from "./annual-margin";
export { transactionMargin } from "./transaction-margin";
export { customerEquity } from "./customer-equity";
export { equitySensitivity } from "./equity-sensitivity";
export { customerPyramid } from "./customer-pyramid";
export { analyzeCustomers } from "./analyze-customers";
