/** Bounds of the raw answers shown on the responses page. */
export const ANSWERS_TEXT_MAX_CHARS = 20_000;
export const ANSWERS_TEXT_MAX_DEPTH = 8;

/**
 * The stored answers as indented JSON for a researcher to read, bounded whatever was stored:
 * nesting deeper than `maxDepth` shows as `[…]`/`{…}`, and the text stops after `maxChars`
 * (`cut`: the page says so, with the stored length). Walks the value itself (no JSON.stringify of
 * the whole, whose indentation grows with the square of the depth); text that is not JSON is
 * shown cut the same way.
 */
export function answersText(
  answersJson: string,
  maxChars = ANSWERS_TEXT_MAX_CHARS,
  maxDepth = ANSWERS_TEXT_MAX_DEPTH,
): { text: string; cut: boolean; storedChars: number } {
  const storedChars = answersJson.length;
  let value: unknown;
  try {
    value = JSON.parse(answersJson);
  } catch {
    return { text: answersJson.slice(0, maxChars), cut: answersJson.length > maxChars, storedChars };
  }
  const parts: string[] = [];
  let length = 0;
  let over = false;
  const push = (text: string) => {
    if (over) return;
    if (length + text.length > maxChars) {
      parts.push(text.slice(0, maxChars - length));
      over = true;
    } else parts.push(text);
    length += text.length;
  };
  const write = (node: unknown, depth: number, indent: string) => {
    if (over) return;
    if (node === null || typeof node !== "object") return push(JSON.stringify(node) ?? "null");
    const isArray = Array.isArray(node);
    const entries: Array<[string | null, unknown]> = isArray ? node.map((v) => [null, v]) : Object.entries(node);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return push(open + close);
    if (depth >= maxDepth) return push(`${open}…${close}`);
    push(`${open}\n`);
    entries.forEach(([key, child], i) => {
      push(indent + "  " + (key === null ? "" : `${JSON.stringify(key)}: `));
      write(child, depth + 1, indent + "  ");
      push(i < entries.length - 1 ? ",\n" : "\n");
    });
    push(indent + close);
  };
  write(value, 0, "");
  return { text: parts.join(""), cut: over, storedChars };
}
