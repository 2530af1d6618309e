export * from "./study-definition";
export * from "./validate-study";
export * from "./localized";
export * from "./question-names";
export * from "./build-rating-questionnaire";
export * from "./offer-order";
export * from "./apply-offer-order";
export * from "./read-rating-response";
