/** The form in which two names count as the same (case, width and spacing ignored): "Kestrel " = "kestrel". */
export function nameKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
