import { seededRandom } from "./seeded-random";

/** FNV-1a 32-bit hash of a string: a stable seed from a response id. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The offers in a random order that depends only on the seed (Fisher-Yates). */
export function offerOrder(codes: readonly string[], seed: string): string[] {
  const next = seededRandom(seedOf(seed));
  const order = [...codes];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
