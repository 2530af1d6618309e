/**
 * mulberry32: a small seeded 32-bit generator, uniform on [0, 1). The bootstrap's draws come from
 * it, so a seed gives the same intervals everywhere. (surveys/ keeps its own copy for offer
 * orders: analysis/ and surveys/ import nothing of each other's but types.)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
