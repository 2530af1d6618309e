import { createContext, useContext } from "react";

/**
 * The CSP nonce of the page being rendered on the server (entry.server.tsx provides it). In the
 * browser it is "" (browsers hide nonces from the DOM; hydration leaves the attribute alone).
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
