import { useEffect, useState, type ReactNode } from "react";

/** Renders `children()` only after hydration; `fallback` on the server and the first client render. */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
