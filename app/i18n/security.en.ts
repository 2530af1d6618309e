/**
 * Refusals of the respondent API (issue 14: every refusal says why, in the respondent's
 * language) and the account forms' throttles. zh-CN: security.zh-CN.ts (same keys).
 */
export const securityEn = {
  "respondent.refused.crossSite": "This answer was refused: it did not come from the questionnaire's own page. Please open the questionnaire link again.",
  "respondent.refused.contentType": "This answer was refused: it was not sent by the questionnaire page. Please reload the page.",
  "respondent.refused.bot": "Automated programs cannot answer this questionnaire. Please open it in a web browser.",
  "respondent.refused.rateLimit": "Too many requests from your network for this questionnaire. Please try again in {seconds} seconds.",
  "respondent.refused.malformed": "This answer could not be read. Please reload the page and try again.",
  "respondent.refused.tooLarge": "These answers are too long to store. Please shorten your text answers.",
  "respondent.refused.tooDeep": "These answers are not in the form this questionnaire sends. Please reload the page.",
  "respondent.refused.proof": "This page has expired. Please reload it to continue: your answers are kept.",
  "respondent.refused.notStarted": "This questionnaire was not started on this page. Please reload the page.",
  "respondent.refused.deviceCap": "This device has already sent the most answers allowed for this questionnaire. Thank you!",
  "respondent.refused.addressCap": "Your network has already sent the most answers allowed for this questionnaire today. Please try again in {hours} hours.",
  "respondent.refused.closed": "This questionnaire is closed and no longer takes answers. Thank you for your interest!",
  "respondent.refused.device": "This device has already answered this questionnaire. Thank you!",
  "respondent.refused.invitation": "This personal link is not valid. Please check the link you received.",
  "respondent.refused.unpublished": "This questionnaire is not open yet.",
  "respondent.refused.unknown": "This questionnaire link is not valid. Please check the link you received.",
  "respondent.refused.conflict": "This answer cannot be stored here. Please reload the page to start again.",
  "auth.signInWait": "Too many failed sign-ins from this network: please wait {seconds} seconds before trying again.",
  "auth.signUpThrottled": "Too many accounts were created from this network: please try again in {minutes} minutes.",
  "auth.passwordCommon": "This password is on a list of common passwords that attackers try first: choose another.",
  "auth.passwordRepetitive": "This password repeats too few characters: choose one with at least 5 different characters.",
  "auth.signUpNotCreated":
    "No new account was created with these details. If this e-mail address already has an account, sign in with its password; if you forgot it, ask your Valuemap administrator for a reset link.",
  "admin.security.title": "Security events",
  "admin.security.none": "No security events.",
  "admin.security.when": "When",
  "admin.security.event": "Event",
  "admin.security.kind.signInBurstAccount": "Many failed sign-ins for {email} ({n} within the hour)",
  "admin.security.kind.signInBurstAddress": "Many failed sign-ins from the address {ip} ({n} within the hour)",
  "admin.security.kind.signUpExisting": "Sign-up attempted with the existing account {email} from {ip}",
  "admin.security.kind.signUpBurst": "Sign-ups refused from the address {ip} (more than {n} within the hour)",
} as const;
