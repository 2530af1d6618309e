import { env } from "../platform/env.server";

export type AnswersProblem = { status: 413 | 400; error: string } | null;

/** How deep arrays and objects nest in a parsed JSON value (a scalar is 0), stopping past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, here]);
  }
  return deepest;
}

/**
 * Why a draft's or completion's answers are refused before anything is stored, or null: larger
 * than RESPONDENT_ANSWERS_MAX_BYTES as JSON (413), or nested deeper than
 * RESPONDENT_ANSWERS_MAX_DEPTH (400; the answers object itself is level 1, a matrix row 3).
 */
export function answersProblem(answers: Record<string, unknown>): AnswersProblem {
  const depth = depthOf(answers, env.RESPONDENT_ANSWERS_MAX_DEPTH);
  if (depth > env.RESPONDENT_ANSWERS_MAX_DEPTH) {
    return { status: 400, error: `answers nest deeper than ${env.RESPONDENT_ANSWERS_MAX_DEPTH} levels` };
  }
  const bytes = Buffer.byteLength(JSON.stringify(answers));
  if (bytes > env.RESPONDENT_ANSWERS_MAX_BYTES) {
    return { status: 413, error: `answers require at most ${env.RESPONDENT_ANSWERS_MAX_BYTES} bytes (these have ${bytes})` };
  }
  return null;
}
