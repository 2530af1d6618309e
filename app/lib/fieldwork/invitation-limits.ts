/**
 * Limits of the personal invitations a researcher creates at once (client-safe: the distribution
 * page's form checks the upload's size in the browser with the same numbers as the server).
 */
export const MAX_INVITATIONS_PER_REQUEST = 5000;
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
