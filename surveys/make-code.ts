/** How long a code may be (CodeSchema). */
const MAX = 40;

/**
 * A readable snake_case code made from a name, unique among `taken`: accents dropped, words
 * joined by "_" ("Battery replacement cost" -> `battery_replacement_cost`, "Cafés" -> `cafes`),
 * cut at a word boundary to fit 40 characters, leading digits dropped; `fallback` when nothing
 * is left (a Chinese-only name); `_2`, `_3`… appended while the code is taken.
 */
export function makeCode(name: string, fallback: string, taken: ReadonlySet<string>): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  while (words.length > 0 && /^[0-9]/.test(words[0]!)) {
    const rest = words[0]!.replace(/^[0-9]+/, "");
    if (rest) words[0] = rest;
    else words.shift();
  }
  let base = "";
  for (const word of words) {
    const next = base ? `${base}_${word}` : word;
    if (next.length > MAX - 3) {
      if (!base) base = word.slice(0, MAX - 3);
      break;
    }
    base = next;
  }
  if (!base) base = fallback;
  let code = base;
  for (let i = 2; taken.has(code); i++) code = `${base}_${i}`;
  return code;
}
